"""What the site search keeps besides Wagtail's index (issue 16)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class SearchDocument(models.Model):
    """A page as the search ranks it: lemma keys by where they occur, text for excerpts.

    Written whenever the page is indexed (search.backend), so it follows every way a page
    gets indexed: publishing, ``update_index``, the demo loader and bulk scale data.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    section_path = models.CharField(max_length=255, db_index=True)
    weight = models.FloatField(default=1.0)
    date = models.DateField(null=True, blank=True)
    title_keys = models.TextField(blank=True)
    heading_keys = models.TextField(blank=True)
    body_keys = models.TextField(blank=True)
    excerpt_text = models.TextField(blank=True)


class SearchTerm(models.Model):
    """A word the site uses (folded), for "Czy chodziło Ci o: …" suggestions."""

    word = models.CharField(max_length=40, unique=True)
    display = models.CharField(max_length=40)
    keys = models.CharField(max_length=200, blank=True)
    length = models.PositiveSmallIntegerField(db_index=True)


class SearchSynonym(models.Model):
    """A group of words that mean the same to residents, edited by staff."""

    terms = models.TextField(
        _("words and phrases"),
        help_text=_(
            "Separate with commas the words or phrases that should find the same pages, "
            "e.g. '500 plus, świadczenie wychowawcze'. Any form of a word will do."
        ),
    )
    panels = [FieldPanel("terms")]

    class Meta:
        verbose_name = _("search synonyms")
        verbose_name_plural = _("search synonyms")
        ordering = ["terms"]

    def __str__(self):
        return self.terms[:100]

    def phrases(self):
        return [phrase.strip() for phrase in self.terms.split(",") if phrase.strip()]


class SearchQueryDay(models.Model):
    """How often a (normalised) query was searched on a day: counts only, nothing personal."""

    day = models.DateField(_("day"))
    query = models.CharField(_("query"), max_length=200)
    count = models.PositiveIntegerField(_("searches"), default=0)
    zero_results = models.BooleanField(_("no results"), default=False)

    class Meta:
        verbose_name = _("search query statistic")
        verbose_name_plural = _("search query statistics")
        constraints = [
            models.UniqueConstraint(fields=["day", "query"], name="search_query_day_unique")
        ]
        indexes = [models.Index(fields=["day", "zero_results"], name="search_query_day_idx")]
