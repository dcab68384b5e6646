"""Facilities ("Placówki"): an index of units and a page per unit with structured facts."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES_NO_HEADINGS, BaseStreamBlock
from core.formatting import json_script_text, map_url, tel_href
from core.models import BasePage, SiteSettings
from core.restrictions import public

from ..hours import Schedule, date_label, local_now, status_texts


class UnitIndexPage(BasePage):
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences above the list of facilities."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    max_count = 1
    search_weight = 0.5
    parent_page_types = ["website.HomePage"]
    subpage_types = ["units.UnitPage"]
    show_in_menus_default = True

    class Meta:
        verbose_name = _("facilities index")
        verbose_name_plural = _("facilities indexes")

    def search_texts(self):
        return super().search_texts() + [self.intro]

    def units(self, today=None, photos=True):
        """Live, public units in the order staff set in the page tree, ready for cards."""
        today = today or local_now().date()
        units = (
            public(UnitPage.objects.child_of(self).live())
            .order_by("path")
            .prefetch_related(*UnitPage.hours_prefetches(today))
        )
        if photos:
            units = units.select_related("photo").prefetch_related("photo__renditions")
        return units

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = local_now().date()
        site_settings = SiteSettings.for_request(request)
        context["units"] = [unit.prepare_card(today, site_settings) for unit in self.units(today)]
        context["today"] = today
        context["today_label"] = date_label(today)
        context["status_texts"] = status_texts()
        return context


class UnitPage(BasePage):
    class Kind(models.TextChoices):
        DAY_CARE = "day_care", _("Day-care room for children and young people")
        CLUB = "club", _("Club")
        ADVICE = "advice", _("Advice point")
        TEAM = "team", _("Team or commission")
        ORGANISATION = "organisation", _("Non-governmental organisation")
        OTHER = "other", _("Other")

    kind = models.CharField(
        _("kind of facility"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.OTHER,
        help_text=_("Shown above the name; helps residents tell facilities apart."),
    )
    short_description = models.CharField(
        _("one-line description"),
        max_length=200,
        help_text=_(
            "One sentence for the list of facilities, e.g. 'Zajęcia i pomoc w nauce "
            "dla dzieci w wieku 6–16 lat'."
        ),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The main photo, shown at the top and on the card. Give it a description."),
    )
    target_group = models.TextField(
        _("who it is for"),
        blank=True,
        help_text=_("In plain words, e.g. 'Dzieci i młodzież z gminy Lipowo Zdrojowe'."),
    )
    age_from = models.PositiveSmallIntegerField(
        _("age from"), null=True, blank=True, help_text=_("Leave empty when age does not matter.")
    )
    age_to = models.PositiveSmallIntegerField(
        _("age to"), null=True, blank=True, help_text=_("Leave empty when there is no upper limit.")
    )
    capacity = models.PositiveSmallIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("How many people can take part at the same time."),
    )
    admission = RichTextField(
        _("how to join"),
        features=RICH_TEXT_FEATURES_NO_HEADINGS,
        blank=True,
        help_text=_("The steps to join, best as a numbered list."),
    )
    street_address = models.CharField(
        _("street and number"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty when the facility is in the centre's building."),
    )
    postal_code = models.CharField(
        _("postal code"), max_length=6, blank=True, help_text=_("E.g. '58-321'.")
    )
    city = models.CharField(
        _("town"), max_length=100, blank=True, help_text=_("Leave empty for the centre's town.")
    )
    location_note = models.CharField(
        _("where in the building"),
        max_length=200,
        blank=True,
        help_text=_("E.g. 'parter, pokój 4' or 'wejście od podwórza'."),
    )
    phone = models.CharField(
        _("phone number"), max_length=30, blank=True, help_text=_("E.g. '74 812 34 60'.")
    )
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("The facility's own address."))
    contact_person = models.CharField(
        _("contact person"),
        max_length=200,
        blank=True,
        help_text=_("Name and role, e.g. 'Anna Kowal, kierowniczka świetlicy'."),
    )
    hours_note = models.CharField(
        _("note on opening hours"),
        max_length=250,
        blank=True,
        help_text=_(
            "E.g. 'W wakacje zajęcia według osobnego planu' or 'Spotkania po "
            "wcześniejszym umówieniu telefonicznym'."
        ),
    )
    year_founded = models.PositiveSmallIntegerField(
        _("year founded"), null=True, blank=True, help_text=_("E.g. 2009.")
    )
    access_entrance = models.CharField(
        _("entrance"),
        max_length=250,
        blank=True,
        help_text=_("E.g. 'Wejście bez progów, drzwi otwierane automatycznie'."),
    )
    access_lift = models.CharField(
        _("lift"),
        max_length=250,
        blank=True,
        help_text=_("E.g. 'Winda na wszystkie piętra' or 'Brak windy, sala na parterze'."),
    )
    access_toilet = models.CharField(
        _("toilet"),
        max_length=250,
        blank=True,
        help_text=_("E.g. 'Toaleta dostosowana na parterze'."),
    )
    access_parking = models.CharField(
        _("parking"),
        max_length=250,
        blank=True,
        help_text=_("E.g. 'Dwa miejsca dla osób z niepełnosprawnościami przy wejściu'."),
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("more information"),
        blank=True,
        help_text=_("Anything else: activities, news from the facility, more photos."),
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("short_description"), FieldPanel("photo")],
            heading=_("About"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("target_group"),
                FieldRowPanel([FieldPanel("age_from"), FieldPanel("age_to")]),
                FieldPanel("capacity"),
                FieldPanel("admission"),
            ],
            heading=_("Who it is for and how to join"),
        ),
        InlinePanel(
            "documents",
            label=_("Document"),
            heading=_("Forms and documents"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldPanel("location_note"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("contact_person"),
            ],
            heading=_("Contact"),
        ),
        InlinePanel("hours", label=_("Opening hours"), heading=_("Opening hours")),
        FieldPanel("hours_note"),
        InlinePanel(
            "exceptions",
            label=_("Exception"),
            heading=_("Closures and changed hours (e.g. holidays)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("access_entrance"),
                FieldPanel("access_lift"),
                FieldPanel("access_toilet"),
                FieldPanel("access_parking"),
            ],
            heading=_("Accessibility of the place"),
        ),
        FieldPanel("year_founded"),
        InlinePanel("gallery_photos", label=_("Photo"), heading=_("Photo gallery")),
        FieldPanel("body"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("short_description"),
        index.FilterField("kind"),
    ]

    parent_page_types = ["units.UnitIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")

    def clean(self):
        super().clean()
        if self.age_from is not None and self.age_to is not None and self.age_from > self.age_to:
            raise ValidationError({"age_to": _("The upper age cannot be below the lower one.")})

    def search_headings(self):
        # The page's own sections: "godziny otwarcia klubu seniora" finds the club.
        return super().search_headings() + [
            str(label) for label in (_("Opening hours"), _("Who it is for"), _("How to join"))
        ]

    def search_texts(self):
        return super().search_texts() + [
            self.short_description,
            self.target_group,
            strip_tags(self.admission),
            str(self.get_kind_display()),
            *self.stream_texts(self.body),
        ]

    @staticmethod
    def current_exceptions(today):
        """Exceptions that still matter on ``today`` (yesterday's may run past midnight)."""
        since = today - timedelta(days=1)
        recent = models.Q(date__gte=since) | models.Q(date_to__gte=since)
        from .rows import UnitException

        return UnitException.objects.filter(recent)

    @classmethod
    def hours_prefetches(cls, today):
        """Weekly hours and the exceptions that still matter; past ones are history."""
        return ["hours", Prefetch("exceptions", queryset=cls.current_exceptions(today))]

    @cached_property
    def schedule(self):
        return Schedule(self.hours.all(), self.exceptions.all())

    # Address: the unit's own, or the centre's from the site settings.

    def address_parts(self, site_settings=None):
        if self.street_address:
            town = self.city or (site_settings.city if site_settings else "")
            code = self.postal_code or (
                site_settings.postal_code if site_settings and not self.city else ""
            )
            return self.street_address, f"{code} {town}".strip()
        if site_settings and site_settings.street_address:
            return (
                site_settings.street_address,
                f"{site_settings.postal_code} {site_settings.city}".strip(),
            )
        return "", ""

    def full_address(self, site_settings=None):
        return ", ".join(part for part in self.address_parts(site_settings) if part)

    @property
    def tel_href(self):
        return tel_href(self.phone)

    @property
    def age_range(self):
        return self.age_from is not None or self.age_to is not None

    def hours_json(self, today):
        """Hours for opening-hours.js, safe inside a single-quoted HTML attribute."""
        return json_script_text(self.schedule.as_json(today))

    def load_images(self):
        """The photo and the gallery's images with their renditions: three queries in all,
        whatever the number of photos, and none left to the rendition cache's mood."""
        photos = list(self.gallery_photos.all())
        ids = {photo.image_id for photo in photos}
        if self.photo_id:
            ids.add(self.photo_id)
        images = get_image_model().objects.prefetch_related("renditions").in_bulk(ids)
        for photo in photos:
            photo.image = images[photo.image_id]
        if self.photo_id:
            self.photo = images[self.photo_id]
        return photos

    def prepare_card(self, today, site_settings):
        """Values a card or quick link shows, so templates need no queries or arguments."""
        self.hours_data = self.hours_json(today)
        self.today_summary = self.schedule.day_summary(today)
        self.address_line = self.full_address(site_settings)
        return self

    def structured_data(self, site_settings, request=None):
        """schema.org data for search engines and maps (a GovernmentOffice, or a
        LocalBusiness for an organisation that only sits in the building)."""
        street, town = self.address_parts(site_settings)
        data = {
            "@context": "https://schema.org",
            "@type": "LocalBusiness" if self.kind == self.Kind.ORGANISATION else "GovernmentOffice",
            "name": self.title,
            "description": self.short_description,
            "url": self.get_full_url(request),
        }
        if street:
            code, _sep, locality = town.partition(" ")
            if not (code[:2].isdigit() and "-" in code):
                code, locality = "", town
            address = {"@type": "PostalAddress", "streetAddress": street}
            if code:
                address["postalCode"] = code
            if locality:
                address["addressLocality"] = locality
            address["addressCountry"] = "PL"
            data["address"] = address
        if self.phone:
            data["telephone"] = self.tel_href.removeprefix("tel:")
        if self.email:
            data["email"] = self.email
        if self.year_founded:
            data["foundingDate"] = str(self.year_founded)
        if site_settings and site_settings.name:
            data["parentOrganization"] = {
                "@type": "GovernmentOrganization",
                "name": site_settings.name,
            }
        data.update(self.schedule.structured_data())
        return data

    def structured_data_json(self, site_settings, request=None):
        """The JSON-LD as text safe inside a <script> element."""
        return json_script_text(self.structured_data(site_settings, request))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = local_now().date()
        self.schedule = Schedule(self.hours.all(), self.current_exceptions(today).filter(page=self))
        site_settings = SiteSettings.for_request(request)
        context["address"] = self.address_parts(site_settings)
        context["map_url"] = map_url(self.full_address(site_settings))
        context["json_ld"] = self.structured_data_json(site_settings, request)
        context["hours_data"] = self.hours_json(today)
        context["week_rows"] = week_rows = self.schedule.week_rows(today)
        context["has_notes"] = any(row["notes"] for row in week_rows)
        context["upcoming_exceptions"] = self.schedule.upcoming_exceptions(today)
        context["today_summary"] = self.schedule.day_summary(today)
        context["today"] = today
        context["today_label"] = date_label(today)
        context["status_texts"] = status_texts()
        context["documents"] = list(self.documents.select_related("document"))
        context["gallery"] = self.load_images()
        return context
