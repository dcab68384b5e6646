"""Service pages ("Sprawa / Świadczenie"); the topic pages that list them are in ``topics``."""

from django import forms
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES_NO_HEADINGS
from core.formatting import json_script_text, map_url, tel_href
from core.models import BasePage, SiteSettings
from core.restrictions import public
from pagecache.middleware import cached_until_publish
from pages.blocks import PageStreamBlock

from ..blocks import LegalBasisBlock, RequiredDocumentBlock, StepBlock
from .criteria import Criterion, criteria_table
from .settings import ServicesSettings

# Where the pages of this app may live: under a section page of the pages app or the home page.
SECTION_PARENTS = ["website.HomePage", "pages.StandardPage"]


class ServicePage(BasePage):
    class Rule(models.TextChoices):
        """What the self-check ("Sprawdź, czy możesz dostać pomoc") links to this page for."""

        NONE = "", _("not in the self-check")
        PERMANENT = "permanent", _("permanent allowance")
        PERIODIC = "periodic", _("periodic allowance")
        PURPOSE = "purpose", _("purpose allowance")
        SPECIAL_PURPOSE = "special_purpose", _("special purpose allowance")
        MEALS = "meals", _("meals (dożywianie)")
        CARE = "care", _("care services")
        NURSING_HOME = "nursing_home", _("nursing home (DPS)")
        HOUSING = "housing", _("housing allowance")
        ENERGY = "energy", _("energy allowance")
        LARGE_FAMILY = "large_family", _("Large Family Card")
        FAMILY_ASSISTANT = "family_assistant", _("family assistant")
        HOMELESSNESS = "homelessness", _("help for homeless people")
        VIOLENCE = "violence", _("help for people experiencing violence")

    summary = models.CharField(
        _("one-line description"),
        max_length=250,
        help_text=_(
            "For lists and search results, e.g. 'Comiesięczne pieniądze dla osób, "
            "które nie mogą pracować'."
        ),
    )
    eligibility_plain = RichTextField(
        _("who can get it"),
        features=RICH_TEXT_FEATURES_NO_HEADINGS,
        blank=True,
        help_text=_("In plain words, as you would say it to a resident."),
    )
    eligibility_legal = RichTextField(
        _("legal criteria"),
        features=RICH_TEXT_FEATURES_NO_HEADINGS,
        blank=True,
        help_text=_("The conditions as the act states them."),
    )
    criteria = ParentalManyToManyField(
        Criterion,
        verbose_name=_("criteria and amounts to show"),
        blank=True,
        related_name="+",
        help_text=_("Shown with the value in force today, from 'Kryteria i kwoty'."),
    )
    amounts = RichTextField(
        _("how much"),
        features=RICH_TEXT_FEATURES_NO_HEADINGS,
        blank=True,
        help_text=_("How the amount is worked out, e.g. 'różnica między kryterium a dochodem'."),
    )
    documents = StreamField(
        [("document", RequiredDocumentBlock())],
        verbose_name=_("documents to bring"),
        blank=True,
        help_text=_("Shown as a checklist, never hidden."),
    )
    steps = StreamField(
        [("step", StepBlock())],
        verbose_name=_("how to apply, step by step"),
        blank=True,
        help_text=_("Numbered in the order you add them."),
    )
    in_person = models.BooleanField(
        _("can apply in person"),
        default=True,
        help_text=_(
            "The place, hours and phone come from the chosen facility or the site settings."
        ),
    )
    office = models.ForeignKey(
        "units.UnitPage",
        verbose_name=_("where (facility)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Address, phone and hours come from the facility; empty: the centre's own."),
    )
    office_room = models.CharField(
        _("room"), max_length=200, blank=True, help_text=_("E.g. 'pokój 12, parter'.")
    )
    by_post = models.BooleanField(
        _("can apply by post"),
        default=True,
        help_text=_("The centre's postal address from the site settings is shown."),
    )
    online_epuap = models.BooleanField(
        _("online through ePUAP"),
        default=False,
        help_text=_("Shows the ePUAP link set in the services settings."),
    )
    online_gov_pl = models.BooleanField(
        _("online through gov.pl"),
        default=False,
        help_text=_("Shows the gov.pl link set in the services settings."),
    )
    online_empatia = models.BooleanField(
        _("online through Emp@tia"),
        default=False,
        help_text=_("Shows the Emp@tia link set in the services settings."),
    )
    apply_note = models.TextField(
        _("note on applying"),
        blank=True,
        help_text=_("E.g. 'Wniosek może złożyć też ktoś w Twoim imieniu'."),
    )
    deadline = models.CharField(
        _("deadline"),
        max_length=300,
        blank=True,
        help_text=_("When to apply, e.g. 'w dowolnym momencie' or 'do 30 września'."),
    )
    decision_time = models.CharField(
        _("how long a decision takes"),
        max_length=300,
        blank=True,
        help_text=_("E.g. 'do 30 dni, w sprawach pilnych do 14 dni'."),
    )
    cost = models.CharField(
        _("cost"), max_length=300, blank=True, help_text=_("E.g. 'bezpłatnie'.")
    )
    appeal = RichTextField(
        _("how to appeal"),
        features=RICH_TEXT_FEATURES_NO_HEADINGS,
        blank=True,
        help_text=_("To whom, within how many days and how to appeal against the decision."),
    )
    legal_basis = StreamField(
        [("act", LegalBasisBlock())],
        verbose_name=_("legal basis"),
        blank=True,
        help_text=_("The act and article the service is based on, with a link to ISAP."),
    )
    contact_name = models.CharField(
        _("contact person or team"),
        max_length=200,
        blank=True,
        help_text=_("E.g. 'Dział Pomocy Środowiskowej'."),
    )
    contact_phone = models.CharField(
        _("contact phone"),
        max_length=30,
        blank=True,
        help_text=_("The team's or person's phone, e.g. 74 812 34 56."),
    )
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True, help_text=_("The team's or person's e-mail address.")
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When the content was last checked; shown as 'Ostatnia aktualizacja'."),
    )
    audiences = ParentalManyToManyField(
        "services.AudiencePage",
        verbose_name=_("who it is for (audience pages)"),
        blank=True,
        related_name="services",
        help_text=_("The service is listed on these 'Komu pomagamy' pages."),
    )
    eligibility_rule = models.CharField(
        _("in the self-check as"),
        max_length=30,
        choices=Rule.choices,
        blank=True,
        help_text=_("The self-check links to this page when this help may apply."),
    )
    body = StreamField(
        PageStreamBlock(),
        verbose_name=_("more information"),
        blank=True,
        help_text=_("Anything else residents should know, shown after the steps."),
    )
    show_quick_exit = models.BooleanField(
        _("show the quick exit button"),
        default=False,
        help_text=_(
            "For pages about violence: a 'Szybkie wyjście' button (and the Escape key) "
            "replaces this page with a neutral site."
        ),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("eligibility_plain"),
                FieldPanel("eligibility_legal"),
                FieldPanel("criteria", widget=forms.CheckboxSelectMultiple),
                FieldPanel("amounts"),
            ],
            heading=_("Who can get it and how much"),
        ),
        FieldPanel("documents"),
        FieldPanel("steps"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("in_person"), FieldPanel("by_post")]),
                FieldPanel("office"),
                FieldPanel("office_room"),
                FieldRowPanel(
                    [
                        FieldPanel("online_epuap"),
                        FieldPanel("online_gov_pl"),
                        FieldPanel("online_empatia"),
                    ]
                ),
                FieldPanel("apply_note"),
            ],
            heading=_("Where and how to apply"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("deadline"),
                FieldPanel("decision_time"),
                FieldPanel("cost"),
                FieldPanel("appeal"),
            ],
            heading=_("Deadlines, cost, appeal"),
        ),
        FieldPanel("legal_basis"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_phone"), FieldPanel("contact_email")],
            heading=_("Contact"),
        ),
        FieldPanel("last_reviewed"),
        FieldPanel("body"),
    ]
    settings_panels = BasePage.settings_panels + [FieldPanel("show_quick_exit")]
    promote_panels = BasePage.promote_panels + [
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("eligibility_rule"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.FilterField("eligibility_rule"),
    ]

    parent_page_types = ["services.ServiceIndexPage"]
    subpage_types = []
    template = "services/service_page.html"

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")

    @property
    def quick_exit_url(self):
        from pages.models.content import QUICK_EXIT_URL

        return QUICK_EXIT_URL

    def search_texts(self):
        return super().search_texts() + [
            self.summary,
            strip_tags(self.eligibility_plain),
            strip_tags(self.eligibility_legal),
            *self.stream_texts(self.documents),
            *self.stream_texts(self.steps),
            *self.stream_texts(self.body),
        ]

    @property
    def contact_tel_href(self):
        return tel_href(self.contact_phone)

    @property
    def applies_online(self):
        return self.online_epuap or self.online_gov_pl or self.online_empatia

    def criteria_rows(self, table):
        """The chosen criteria as the table of the day has them, in the table's order."""
        wanted = set(self.criteria.values_list("pk", flat=True))
        rows = [row for pk, row in table.by_pk.items() if pk in wanted]
        meals = None
        if any(row["key"] == Criterion.Key.MEALS_PERCENT for row in rows):
            meals = table.meals_limits()
        return rows, meals

    def office_details(self, site_settings, today):
        """Where to come: the chosen facility's address, phone and hours, else the centre's."""
        if self.office_id:
            from units.hours import Schedule
            from units.models import UnitPage

            unit = (
                public(UnitPage.objects.live().filter(pk=self.office_id))
                .prefetch_related(*UnitPage.hours_prefetches(today))
                .first()
            )
            if unit is not None:
                unit.schedule = Schedule(unit.hours.all(), unit.exceptions.all())
                street, town = unit.address_parts(site_settings)
                return {
                    "name": unit.title,
                    "url": unit.url,
                    "street": street,
                    "town": town,
                    "note": unit.location_note,
                    "phone": unit.phone,
                    "tel_href": unit.tel_href,
                    "week_rows": unit.schedule.week_rows(today),
                    "today_summary": unit.schedule.day_summary(today),
                    "hours_lines": [],
                    "map_url": map_url(unit.full_address(site_settings)),
                }
        phones = list(site_settings.phones.all()) if site_settings else []
        return {
            "name": site_settings.name if site_settings else "",
            "url": "",
            "street": site_settings.street_address if site_settings else "",
            "town": f"{site_settings.postal_code} {site_settings.city}".strip()
            if site_settings
            else "",
            "note": "",
            "phone": phones[0].number if phones else "",
            "tel_href": phones[0].tel_href if phones else "",
            "week_rows": [],
            "today_summary": "",
            "hours_lines": site_settings.opening_hours_lines if site_settings else [],
            "map_url": map_url(site_settings.full_address) if site_settings else "",
        }

    def related_forms(self):
        from .forms_library import ServiceFormPage

        return list(
            public(ServiceFormPage.objects.live().filter(service=self))
            .select_related("document")
            .order_by("path")
        )

    def structured_data(self, site_settings, office, request=None):
        """schema.org GovernmentService: what it is, who provides it, where to apply."""
        data = {
            "@context": "https://schema.org",
            "@type": "GovernmentService",
            "name": self.title,
            "description": self.summary,
            "url": self.get_full_url(request),
            "serviceType": self.title,
        }
        if site_settings and site_settings.name:
            data["provider"] = {"@type": "GovernmentOrganization", "name": site_settings.name}
            if site_settings.city:
                data["areaServed"] = {"@type": "AdministrativeArea", "name": site_settings.city}
        channels = []
        if self.in_person and office and office["street"]:
            channel = {
                "@type": "ServiceChannel",
                "name": office["name"],
                "serviceLocation": {
                    "@type": "Place",
                    "name": office["name"],
                    "address": f"{office['street']}, {office['town']}".strip(", "),
                },
            }
            if office["tel_href"]:
                channel["servicePhone"] = {
                    "@type": "ContactPoint",
                    "telephone": office["tel_href"].removeprefix("tel:"),
                }
            channels.append(channel)
        data["availableChannel"] = channels
        if self.last_reviewed:
            data["dateModified"] = self.last_reviewed.isoformat()
        return data

    def get_context(self, request, *args, **kwargs):
        from units.hours import local_now

        context = super().get_context(request, *args, **kwargs)
        today = local_now().date()
        site_settings = SiteSettings.for_request(request)
        table = criteria_table(request, today)
        context["criteria_rows"], context["meals_limits"] = self.criteria_rows(table)
        office = self.office_details(site_settings, today) if self.in_person else None
        context["office"] = office
        context["online"] = (
            cached_until_publish(
                "services:settings", lambda: ServicesSettings.for_request(request), request
            )
            if self.applies_online or self.appeal
            else None
        )
        context["forms"] = self.related_forms()
        context["audience_pages"] = list(
            public(self.audiences.live()).only("title", "url_path", "path")
        )
        context["json_ld"] = json_script_text(self.structured_data(site_settings, office, request))
        return context
