"""Pages the law asks of a public body's site: accessibility statement, ETR, PJM, privacy."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site

from core.blocks import RICH_TEXT_FEATURES, BaseStreamBlock
from core.models import BasePage, SiteSettings
from core.restrictions import public

from ..blocks import SignLanguageStreamBlock
from .contact import ContactPage
from .content import LeadMixin

STATUTORY_PARENTS = ["website.HomePage"]
RPO_URL = "https://bip.brpo.gov.pl/pl"


def review_deadline(today=None):
    """31 March of ``today``'s year: the yearly review of the statement is due by then."""
    today = today or timezone.localdate()
    return datetime.date(today.year, 3, 31)


class AccessibilityStatementPage(BasePage):
    """Deklaracja dostępności following the ministry's technical conditions, version 2.0."""

    STATUS_FULL = "full"
    STATUS_PARTIAL = "partial"
    STATUS_NONE = "none"
    STATUS_CHOICES = [
        (STATUS_FULL, _("fully compliant")),
        (STATUS_PARTIAL, _("partially compliant")),
        (STATUS_NONE, _("not compliant")),
    ]
    ASSESSMENT_SELF = "self"
    ASSESSMENT_AUDIT = "audit"
    ASSESSMENT_CHOICES = [
        (ASSESSMENT_SELF, _("self-assessment by the centre")),
        (ASSESSMENT_AUDIT, _("audit by an external body")),
    ]

    entity_name = models.CharField(
        _("name of the public body"),
        max_length=300,
        blank=True,
        help_text=_("Full name. Empty: the centre's name from the site settings."),
    )
    site_url = models.URLField(
        _("address of the website"),
        blank=True,
        help_text=_("The website this statement covers. Empty: this site's home page."),
    )
    published_on = models.DateField(
        _("date the website was published"), help_text=_("When the website first went online.")
    )
    updated_on = models.DateField(
        _("date of the last significant update"),
        help_text=_("The last significant change of the website (not the yearly review)."),
    )
    status = models.CharField(
        _("compliance status"),
        max_length=10,
        choices=STATUS_CHOICES,
        default=STATUS_PARTIAL,
        help_text=_("Compliance with the act on digital accessibility, after the assessment."),
    )
    non_compliant_content = RichTextField(
        _("non-compliance with the annex"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("What does not meet the requirements, and why. Needed unless fully compliant."),
    )
    exempt_content = RichTextField(
        _("content not covered by the act"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("E.g. scanned documents published before 23 September 2018."),
    )
    excessive_cost = RichTextField(
        _("excessive cost"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Only when excessive cost is claimed (art. 8 of the act)."),
    )
    excessive_cost_assessment_url = models.URLField(
        _("link to the excessive cost assessment"),
        blank=True,
        help_text=_("Only when the centre claims excessive cost (art. 8 of the act)."),
    )
    prepared_on = models.DateField(
        _("date the statement was prepared"), help_text=_("When the statement was first made.")
    )
    reviewed_on = models.DateField(
        _("date of the last review"),
        null=True,
        blank=True,
        help_text=_("The statement must be reviewed and updated by 31 March every year."),
    )
    assessment = models.CharField(
        _("how accessibility was assessed"),
        max_length=10,
        choices=ASSESSMENT_CHOICES,
        default=ASSESSMENT_SELF,
        help_text=_("Self-assessment by the centre, or an audit by an outside body."),
    )
    auditor = models.CharField(
        _("external auditor"),
        max_length=300,
        blank=True,
        help_text=_("Name of the body that made the audit, if any."),
    )
    improvements = RichTextField(
        _("facilities, limitations and other information"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Optional: what works better than required, and plans to fix problems."),
    )
    keyboard_shortcuts = RichTextField(
        _("keyboard shortcuts"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Only when the site has its own keyboard shortcuts."),
    )
    contact_person = models.CharField(
        _("contact person or unit"),
        max_length=200,
        help_text=_("Who handles accessibility problems, e.g. the accessibility coordinator."),
    )
    contact_email = models.EmailField(
        _("contact e-mail"), help_text=_("Where residents report accessibility problems.")
    )
    contact_phone = models.CharField(
        _("contact phone"), max_length=30, help_text=_("E.g. '74 812 34 50'.")
    )
    complaints_to = models.TextField(
        _("where complaints go"),
        blank=True,
        help_text=_("The head of the centre: name, address, e-mail. One item per line."),
    )
    mobile_apps = models.TextField(
        _("mobile apps"),
        default="Ośrodek nie posiada aplikacji mobilnych.",
        help_text=_("The centre's mobile apps with links, or that it has none."),
    )
    building_accessibility = RichTextField(
        _("building accessibility"),
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "Entrance, corridors, stairs, lifts, ramps, induction loops, parking, "
            "entry with an assistance dog, floor plan information."
        ),
    )
    building_accessibility_url = models.URLField(
        _("link to a separate description of the building"),
        blank=True,
        help_text=_("Optional: a page or file describing the building in detail."),
    )
    communication_accessibility = RichTextField(
        _("communication accessibility"),
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "Ways to contact deaf people (e-mail, SMS, video call, ePUAP), induction loops, "
            "and whether an online sign-language interpreter is available."
        ),
    )
    sign_language_interpreter_url = models.URLField(
        _("online sign-language interpreter"),
        blank=True,
        help_text=_(
            "Address of the online PJM interpreter. Empty: the statement says there is none."
        ),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("entity_name"), FieldPanel("site_url")],
            heading=_("Opening statement"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("published_on"), FieldPanel("updated_on")]),
                FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")]),
            ],
            heading=_("Dates"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("non_compliant_content"),
                FieldPanel("exempt_content"),
                FieldPanel("excessive_cost"),
                FieldPanel("excessive_cost_assessment_url"),
            ],
            heading=_("State of digital accessibility"),
        ),
        MultiFieldPanel(
            [FieldPanel("assessment"), FieldPanel("auditor")],
            heading=_("Preparation of the statement"),
        ),
        FieldPanel("improvements"),
        FieldPanel("keyboard_shortcuts"),
        MultiFieldPanel(
            [
                FieldPanel("contact_person"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
                FieldPanel("complaints_to"),
            ],
            heading=_("Feedback and contact details"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("mobile_apps"),
                FieldPanel("building_accessibility"),
                FieldPanel("building_accessibility_url"),
                FieldPanel("communication_accessibility"),
                FieldPanel("sign_language_interpreter_url"),
            ],
            heading=_("Other information"),
        ),
    ]

    parent_page_types = STATUTORY_PARENTS
    subpage_types = []
    max_count = 1
    template = "pages/accessibility_statement_page.html"

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")

    @property
    def last_review(self):
        return self.reviewed_on or self.prepared_on

    def needs_review(self, today=None):
        """True when the statement has not been reviewed yet this year.

        The law asks for a review and update by 31 March every year; a review made any time
        in the current year counts. From 1 January until the review the dashboard reminds
        staff of the deadline; after 31 March it says the review is overdue.
        """
        today = today or timezone.localdate()
        last = self.last_review
        return last is None or last.year < today.year

    @property
    def complaints_lines(self):
        return [line.strip() for line in self.complaints_to.splitlines() if line.strip()]

    @property
    def contact_tel_href(self):
        from core.formatting import tel_href

        return tel_href(self.contact_phone)

    def search_texts(self):
        return super().search_texts() + [self.entity_name, self.contact_person]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = Site.find_for_request(request)
        site_settings = SiteSettings.for_request(request)
        context["entity_name"] = self.entity_name or site_settings.name
        context["site_url"] = self.site_url or (site.root_url + "/" if site else "")
        context["rpo_url"] = RPO_URL
        context["contact_page"] = public(ContactPage.objects.live()).first()
        return context


class EasyReadPage(LeadMixin, BasePage):
    """Information about the centre in easy-to-read text (ETR)."""

    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("content"),
        help_text=_(
            "Short sentences, one thought per sentence, everyday words, a picture beside each part."
        ),
    )
    text_file = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("text file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The same information as a plain text file (machine-readable)."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        FieldPanel("body"),
        FieldPanel("text_file"),
    ]

    parent_page_types = STATUTORY_PARENTS
    subpage_types = []
    max_count = 1
    template = "pages/easy_read_page.html"

    class Meta:
        verbose_name = _("easy-to-read information (ETR)")
        verbose_name_plural = _("easy-to-read information pages (ETR)")

    def search_texts(self):
        return super().search_texts() + [self.lead, *self.stream_texts(self.body)]


class SignLanguagePage(LeadMixin, BasePage):
    """Information about the centre in Polish sign language (PJM)."""

    body = StreamField(
        SignLanguageStreamBlock(),
        verbose_name=_("content"),
        help_text=_(
            "A video in Polish sign language (a file on this site, or YouTube, which loads only "
            "after consent), and its text version."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("body")]

    parent_page_types = STATUTORY_PARENTS
    subpage_types = []
    max_count = 1
    template = "pages/sign_language_page.html"

    class Meta:
        verbose_name = _("sign language information (PJM)")
        verbose_name_plural = _("sign language information pages (PJM)")

    def search_texts(self):
        return super().search_texts() + [self.lead, *self.stream_texts(self.body)]


class PrivacyPolicyPage(LeadMixin, BasePage):
    """Privacy and cookie policy with the RODO information clause."""

    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("privacy policy"),
        help_text=_("What data the site and the centre process, and why."),
    )
    cookies_text = RichTextField(
        _("cookie policy"),
        features=RICH_TEXT_FEATURES,
        help_text=_("What cookies are and how to change the choice. The table of cookies follows."),
    )
    controller = models.TextField(
        _("data controller"),
        help_text=_("Name and address of the controller (the centre, represented by its head)."),
    )
    dpo_contact = models.TextField(
        _("data protection officer (IOD)"),
        help_text=_("Name and contact details of the data protection officer."),
    )
    rodo_clause = RichTextField(
        _("information clause (art. 13 RODO)"),
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "Purposes and legal basis, recipients, transfers outside the EEA, retention, rights, "
            "withdrawing consent, complaint to the PUODO, whether giving data is required, "
            "automated decisions."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        FieldPanel("body"),
        FieldPanel("cookies_text"),
        MultiFieldPanel(
            [FieldPanel("controller"), FieldPanel("dpo_contact"), FieldPanel("rodo_clause")],
            heading=_("RODO information clause"),
        ),
    ]

    parent_page_types = STATUTORY_PARENTS
    subpage_types = []
    max_count = 1
    template = "pages/privacy_policy_page.html"

    class Meta:
        verbose_name = _("privacy and cookie policy")
        verbose_name_plural = _("privacy and cookie policies")

    def search_texts(self):
        return super().search_texts() + [self.lead, *self.stream_texts(self.body)]
