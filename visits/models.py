"""The visit counter's tables (the logic is in ``visits/counter.py``).

They hold only counts, hashed visitor ids and the salt of the current day: no
IP address and no user agent is ever stored. The tables keep the names they
had when the counter lived in the ``website`` app, so existing installs keep
their rows (see migration ``visits`` 0001).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VisitSalt(models.Model):
    """The secret salt of one day (Europe/Warsaw); deleted once the day is over."""

    day = models.DateField(_("day"), unique=True)
    salt = models.CharField(_("salt"), max_length=64)

    class Meta:
        db_table = "website_visitsalt"
        verbose_name = _("visit salt")
        verbose_name_plural = _("visit salts")


class VisitorSeen(models.Model):
    """Visitors seen on a day (today and yesterday are kept): a new one is a visit."""

    day = models.DateField(_("day"))
    visitor_hash = models.CharField(_("visitor hash"), max_length=64)

    class Meta:
        db_table = "website_visitorseen"
        verbose_name = _("visitor seen")
        verbose_name_plural = _("visitors seen")
        constraints = [
            models.UniqueConstraint(fields=["day", "visitor_hash"], name="visitorseen_day_hash")
        ]


class DailyVisits(models.Model):
    """Visits and page views of one day, incremented in place with F() updates."""

    day = models.DateField(_("day"), unique=True)
    visits = models.PositiveBigIntegerField(_("visits"), default=0)
    page_views = models.PositiveBigIntegerField(_("page views"), default=0)

    class Meta:
        db_table = "website_dailyvisits"
        verbose_name = _("daily visits")
        verbose_name_plural = _("daily visits")
        ordering = ["-day"]

    def __str__(self):
        return f"{self.day}: {self.visits}"


class PageViews(models.Model):
    """Views of one path on one day."""

    day = models.DateField(_("day"))
    path = models.CharField(_("path"), max_length=255)
    views = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        db_table = "website_pageviews"
        verbose_name = _("page views")
        verbose_name_plural = _("page views")
        constraints = [models.UniqueConstraint(fields=["day", "path"], name="pageviews_day_path")]
        indexes = [models.Index(fields=["day", "-views"], name="pageviews_day_views")]

    def __str__(self):
        return f"{self.day} {self.path}: {self.views}"


class FoldedSpool(models.Model):
    """A spool file already added to the counts (``visits.spool``): never added twice."""

    name = models.CharField(_("file name"), max_length=200, unique=True)
    folded_at = models.DateTimeField(_("folded at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("folded spool file")
        verbose_name_plural = _("folded spool files")

    def __str__(self):
        return self.name
