"""Facilities ("Placówki"): an index of units and a page per unit with structured facts."""

import json
from datetime import timedelta
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable
from wagtail.search import index

from website.blocks import BaseStreamBlock
from website.models import BasePage, SiteSettings
from website.restrictions import public

from .hours import WEEKDAYS, Schedule, date_label, format_time, local_now, status_texts

ADMISSION_FEATURES = ["ol", "ul", "bold", "italic", "link", "document-link"]


JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026", ord("'"): "\\u0027"}


def safe_json(data):
    """JSON that cannot end a <script> element or a single-quoted attribute early."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(JSON_ESCAPES)


def map_url(address):
    """An OpenStreetMap search for the address: a plain link, nothing loaded before a click."""
    if not address:
        return ""
    return "https://www.openstreetmap.org/search?" + urlencode({"query": address})


class UnitIndexPage(BasePage):
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences above the list of facilities."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    max_count = 1
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
        features=ADMISSION_FEATURES,
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
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        if not digits:
            return ""
        if not digits.startswith("+"):
            digits = "+48" + digits
        return f"tel:{digits}"

    @property
    def age_range(self):
        return self.age_from is not None or self.age_to is not None

    def hours_json(self, today):
        """Hours for opening-hours.js, safe inside a single-quoted HTML attribute."""
        return mark_safe(safe_json(self.schedule.as_json(today)))  # noqa: S308

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
        return safe_json(self.structured_data(site_settings, request))

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


class UnitDocument(Orderable):
    page = ParentalKey(UnitPage, related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("E.g. the application form as a PDF."),
    )
    title = models.CharField(
        _("link text"),
        max_length=250,
        blank=True,
        help_text=_(
            "Describe the file, e.g. 'Wniosek o przyjęcie dziecka do świetlicy'. "
            "Defaults to the document's title."
        ),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")


class UnitOpeningHours(Orderable):
    page = ParentalKey(UnitPage, related_name="hours", on_delete=models.CASCADE)
    weekday = models.PositiveSmallIntegerField(
        _("day"), choices=WEEKDAYS, help_text=_("Add two rows for a break in the day.")
    )
    opens = models.TimeField(_("opens"), help_text=_("E.g. 8:00."))
    closes = models.TimeField(
        _("closes"),
        help_text=_("E.g. 16:00. An hour before the opening one means past midnight."),
    )
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("E.g. 'dyżur prawnika'.")
    )

    panels = [
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")


class UnitException(Orderable):
    page = ParentalKey(UnitPage, related_name="exceptions", on_delete=models.CASCADE)
    date = models.DateField(_("date"), help_text=_("The day (or the first day) it applies."))
    date_to = models.DateField(
        _("last day"),
        null=True,
        blank=True,
        help_text=_("For several days in a row, e.g. a summer break; empty for one day."),
    )
    closed = models.BooleanField(
        _("closed all day"),
        default=True,
        help_text=_("Untick to give changed hours for these days instead."),
    )
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("E.g. 'Wigilia' or 'przerwa wakacyjna'."),
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("date_to")]),
        FieldPanel("closed"),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("closure or changed hours")
        verbose_name_plural = _("closures and changed hours")

    def clean(self):
        super().clean()
        if self.date_to and self.date and self.date_to < self.date:
            raise ValidationError({"date_to": _("The last day cannot be before the first.")})
        if not self.closed and (self.opens is None or self.closes is None):
            raise ValidationError(_("Give the opening and closing time, or tick 'closed all day'."))

    @property
    def dates_label(self):
        """ "5 marca", "10–11 marca" or "30 czerwca–1 lipca"."""
        first, last = self.date, self.date_to or self.date
        if last == first:
            return date_format(first, "j E")
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.day}–{date_format(last, 'j E')}"
        return f"{date_format(first, 'j E')}–{date_format(last, 'j E')}"

    @property
    def label(self):
        if self.closed or self.opens is None or self.closes is None:
            return ""
        return f"{format_time(self.opens)}–{format_time(self.closes)}"


class UnitPhoto(Orderable):
    page = ParentalKey(UnitPage, related_name="gallery_photos", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Give the photo a description in the image library."),
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
