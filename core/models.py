from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .formatting import tel_href
from .forms import BasePageForm
from .home import home_sections
from .identity import (
    format_account,
    format_nip,
    normalise_account,
    normalise_nip,
    normalise_regon,
)
from .search import folded_index_text, lemma_index_text
from .seo import meta_description


def non_empty_lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


class BasePage(Page):
    """What every page of ours shares: a review date and accent-folded search text."""

    review_date = models.DateField(
        _("review date"),
        null=True,
        blank=True,
        help_text=_("When the page owner should check that the content is still correct."),
    )

    # Query parameters the page renders differently for, with the values it accepts
    # (name -> regular expression). Only these key the page cache (pagecache.middleware);
    # any other parameter is answered from the page's own entry.
    cache_query_params = {}

    search_fields = Page.search_fields + [
        index.SearchField("search_folded_text"),
        # Lemmas of every word (issue 16): "świetlicę" finds "świetlica", "karta" "karty".
        index.SearchField("search_lemma_text"),
    ]
    # How a page ranks against others that match as well (issue 16): a facility, service,
    # post or ordinance answers; an index or list page that links to them ranks lower.
    search_weight = 1.0
    settings_panels = Page.settings_panels + [FieldPanel("review_date")]
    base_form_class = BasePageForm

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """Wagtail's check before serving, without its two queries on a public page."""
        from .restrictions import view_restrictions

        restrictions = view_restrictions(self)
        return super().get_view_restrictions() if restrictions is None else restrictions

    @cached_property
    def meta_description(self):
        """The page's description for search engines and link previews (core.seo)."""
        return meta_description(self)

    def search_texts(self):
        """Texts residents search in; subclasses add their own fields."""
        return [self.title, self.search_description]

    def search_folded_text(self):
        return folded_index_text(*self.search_texts())

    def search_lemma_text(self):
        return lemma_index_text(*self.search_texts(), *self.search_headings())

    def search_headings(self):
        """Headings of the page's body (they weigh more than body text in the site search)."""
        headings = []
        for field in self._meta.get_fields():
            if isinstance(field, StreamField):
                headings.extend(stream_headings(getattr(self, field.name)))
        return headings

    def search_date(self):
        """The date the site search shows beside the page (news and ordinances have one)."""
        return None

    def search_document(self):
        """What the site search stores of this page to rank it and cut excerpts from."""
        return {
            "title": self.title,
            "headings": [self.search_description, *self.search_headings()],
            "texts": self.search_texts()[2:],
            "date": self.search_date(),
            # A page with pages below it mostly leads to them.
            "weight": self.search_weight * (0.7 if self.numchild else 1.0),
        }

    @staticmethod
    def stream_texts(stream_value):
        if not stream_value:
            return []
        return stream_value.stream_block.get_searchable_content(stream_value)


def stream_headings(stream_value):
    """Heading texts of a stream: heading blocks, titles of call-outs, accordions and lists."""
    found = []
    for block in stream_value or []:
        value = block.value
        if block.block_type == "heading" and isinstance(value, blocks.StructValue):
            found.append(value.get("text", ""))
        elif isinstance(value, blocks.StructValue):
            found.extend(str(value.get(name) or "") for name in ("title", "heading"))
    return [text for text in found if text]


class TaskLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=80)
    description = blocks.CharBlock(label=_("One-line description"), max_length=160)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(
        label=_("Or external address"),
        required=False,
        help_text=_("Used only when no page is chosen."),
    )

    class Meta:
        icon = "link"
        label = _("Task link")


class HomePage(BasePage):
    intro_heading = models.CharField(
        _("heading"),
        max_length=200,
        help_text=_("A short heading, e.g. 'Jak możemy pomóc?'"),
    )
    intro_text = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences on what the centre does."),
    )
    task_links = StreamField(
        [("task", TaskLinkBlock())],
        verbose_name=_("task links"),
        blank=True,
        max_num=8,
        help_text=_("Four to six things residents come for, in their own words."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro_heading"),
        FieldPanel("intro_text"),
        FieldPanel("task_links"),
    ]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    template = "core/home_page.html"
    search_weight = 0.4

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def search_texts(self):
        return super().search_texts() + [self.intro_heading, self.intro_text]

    def route(self, request, path_components):
        """Find a page below the home page by its whole URL in one query.

        Wagtail walks the tree one level at a time, two queries a level; a news
        post or a facility sits two levels down. The page is looked up by its
        slug (indexed), depth and URL path at once; a path that is not a page
        (a news archive /aktualnosci/2026/, a form's /dziekujemy/) falls back
        to the walk, so sub-routes and every Wagtail check work as before.
        """
        if len(path_components) > 1 and all(path_components):
            page = (
                Page.objects.live()
                .filter(
                    slug=path_components[-1],
                    depth=self.depth + len(path_components),
                    url_path=self.url_path + "/".join(path_components) + "/",
                )
                .first()
            )
            if page is not None:
                return page.specific.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["task_link_pages"] = self.resolved_task_links()
        context["home_sections"] = home_sections(request, self)
        return context

    def resolved_task_links(self):
        """Task links with their URLs; the chosen pages come in one bulk query."""
        links = []
        for item in (block.value for block in self.task_links):
            page = item["page"]
            url = page.url if page else item["url"]
            if url:
                links.append(
                    {"title": item["title"], "description": item["description"], "url": url}
                )
        return links


def page_link(verbose_name, help_text):
    """An optional link to one of the site's pages, kept when the page is deleted (emptied)."""
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=verbose_name,
        help_text=help_text,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    """The centre's details, shown in the header and footer of every page."""

    name = models.CharField(
        _("centre name"),
        max_length=200,
        default="Ośrodek Pomocy Społecznej",
        help_text=_("Full name, e.g. 'Miejsko-Gminny Ośrodek Pomocy Społecznej w Lipowie'."),
    )
    short_name = models.CharField(
        _("short name"), max_length=40, blank=True, help_text=_("E.g. 'MGOPS w Lipowie'.")
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown next to the centre's name in the header."),
    )
    street_address = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours = models.TextField(
        _("opening hours"),
        blank=True,
        help_text=_("One line per entry, e.g. 'poniedziałek–piątek: 7:30–15:30'."),
    )
    bip_url = models.URLField(
        _("BIP address"),
        blank=True,
        help_text=_("The centre's Biuletyn Informacji Publicznej."),
    )
    epuap_address = models.CharField(
        _("ePUAP inbox"), max_length=100, blank=True, help_text=_("E.g. '/opslipowo/skrytka'.")
    )
    nip = models.CharField(
        _("NIP"), max_length=13, blank=True, help_text=_("Ten digits; hyphens may be typed.")
    )
    regon = models.CharField(_("REGON"), max_length=17, blank=True, help_text=_("9 or 14 digits."))
    cash_desk_hours = models.TextField(
        _("cash desk hours"),
        blank=True,
        help_text=_(
            "Only if the centre takes payments in cash. One line per entry, "
            "e.g. 'poniedziałek–piątek: 9:00–13:00'."
        ),
    )
    accessibility_statement = page_link(
        _("accessibility statement page"),
        _(
            "Linked in every page's footer and named in a meta tag, as the law on digital "
            "accessibility asks. Choose the published statement page."
        ),
    )
    privacy_policy = page_link(
        _("privacy and cookie policy page"),
        _(
            "Linked in the cookie banner and the footer. Choose the page that says which "
            "data the site keeps and why."
        ),
    )
    easy_read_page = page_link(
        _("easy-to-read information page (ETR)"),
        _(
            "The ETR link at the top of every page leads here: information about the centre "
            "in easy-to-read text."
        ),
    )
    sign_language_page = page_link(
        _("sign language information page (PJM)"),
        _(
            "The PJM link at the top of every page leads here: information about the centre "
            "in Polish Sign Language."
        ),
    )
    visits_starting_total = models.PositiveBigIntegerField(
        _("starting visit total"),
        default=0,
        help_text=_("Visits counted by the previous website; added to the total shown."),
    )
    # Security and personal data (issue 10): read by security.middleware and the
    # purge_form_submissions command.
    form_retention_days = models.PositiveIntegerField(
        _("keep contact-form messages for (days)"),
        default=365,
        validators=[MinValueValidator(7), MaxValueValidator(3650)],
        help_text=_(
            "Messages sent through the contact form are deleted automatically when they are "
            "older than this (RODO: personal data only as long as needed)."
        ),
    )
    require_two_factor = models.BooleanField(
        _("require two-factor authentication of all staff"),
        default=False,
        help_text=_("Everyone who signs in to the admin must set up an authenticator app first."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("logo")],
            heading=_("Centre"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldPanel("postal_code"),
                FieldPanel("city"),
                FieldPanel("email"),
                FieldPanel("epuap_address"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Contact"),
        ),
        InlinePanel("phones", label=_("Phone numbers"), heading=_("Phones")),
        MultiFieldPanel(
            [FieldPanel("nip"), FieldPanel("regon"), FieldPanel("cash_desk_hours")],
            heading=_("Registry numbers and payments"),
        ),
        InlinePanel(
            "bank_accounts",
            label=_("Bank account"),
            heading=_("Bank accounts for payments"),
            help_text=_(
                "Shown on the contact page with what to write in the transfer title, "
                "e.g. for fees for a care home (DPS) or repaying benefits."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("bip_url"),
                FieldPanel("accessibility_statement"),
                FieldPanel("privacy_policy"),
                FieldPanel("easy_read_page"),
                FieldPanel("sign_language_page"),
            ],
            heading=_("Links"),
        ),
        InlinePanel("footer_links", label=_("Footer links"), heading=_("Footer links")),
        FieldPanel("visits_starting_total"),
        MultiFieldPanel(
            [
                FieldPanel("form_retention_days"),
                FieldPanel("require_two_factor", permission="superuser"),
            ],
            heading=_("Security and personal data"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    def clean(self):
        super().clean()
        errors = {}
        for name, normalise in (("nip", normalise_nip), ("regon", normalise_regon)):
            if getattr(self, name).strip():
                try:
                    setattr(self, name, normalise(getattr(self, name)))
                except ValidationError as error:
                    errors[name] = error
        if errors:
            raise ValidationError(errors)

    @property
    def opening_hours_lines(self):
        return non_empty_lines(self.opening_hours)

    @property
    def cash_desk_lines(self):
        return non_empty_lines(self.cash_desk_hours)

    @property
    def nip_display(self):
        return format_nip(self.nip)

    @property
    def full_address(self):
        return ", ".join(
            part
            for part in [self.street_address, f"{self.postal_code} {self.city}".strip()]
            if part
        )


class SiteSettingsPhone(Orderable):
    settings = ParentalKey(SiteSettings, related_name="phones", on_delete=models.CASCADE)
    label = models.CharField(
        _("department"), max_length=100, help_text=_("E.g. 'Sekretariat', 'Dział świadczeń'.")
    )
    number = models.CharField(_("phone number"), max_length=30, help_text=_("E.g. '12 345 67 89'."))

    panels = [FieldPanel("label"), FieldPanel("number")]

    class Meta(Orderable.Meta):
        verbose_name = _("phone number")
        verbose_name_plural = _("phone numbers")

    @property
    def tel_href(self):
        return tel_href(self.number)


class SiteSettingsBankAccount(Orderable):
    """An account residents pay into, with what to write in the transfer title."""

    settings = ParentalKey(SiteSettings, related_name="bank_accounts", on_delete=models.CASCADE)
    purpose = models.CharField(
        _("what it is for"),
        max_length=150,
        help_text=_("E.g. 'Opłaty za pobyt w domu pomocy społecznej (DPS)'."),
    )
    number = models.CharField(
        _("account number"), max_length=40, help_text=_("26 digits; spaces may be typed.")
    )
    transfer_title = models.CharField(
        _("what to write in the transfer title"),
        max_length=200,
        blank=True,
        help_text=_("E.g. 'Imię i nazwisko mieszkańca DPS, miesiąc, za który jest opłata'."),
    )

    panels = [FieldPanel("purpose"), FieldPanel("number"), FieldPanel("transfer_title")]

    class Meta(Orderable.Meta):
        verbose_name = _("bank account")
        verbose_name_plural = _("bank accounts")

    def clean(self):
        super().clean()
        try:
            self.number = normalise_account(self.number)
        except ValidationError as error:
            raise ValidationError({"number": error}) from error

    @property
    def number_display(self):
        return format_account(self.number)


class FooterLink(Orderable):
    settings = ParentalKey(SiteSettings, related_name="footer_links", on_delete=models.CASCADE)
    title = models.CharField(_("link text"), max_length=100)
    url = models.URLField(_("address"))

    panels = [FieldPanel("title"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("footer link")
        verbose_name_plural = _("footer links")
