"""Events ("Wydarzenia"): the event pages (the index is in ``index.py``)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from core.models import BasePage
from news.blocks import NewsBodyBlock

from .. import recurrence
from .schedule import EventSchedule

# Sub-routes of the index; an event may not take one of these as its slug.
RESERVED_SLUG = re.compile(r"^(\d{4}|rss|atom|ical|archiwum)$")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    SENIORS = "seniors", _("Seniors")
    CHILDREN = "children", _("Children and young people")
    FAMILIES = "families", _("Families")
    ADULTS = "adults", _("Adults")
    DISABILITIES = "disabilities", _("People with disabilities")
    CARERS = "carers", _("Carers")


class EventPage(EventSchedule, RoutablePageMixin, BasePage):
    # In search, an event (a date) ranks below the facility or service that lasts.
    search_weight = 0.6

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CANCELLED = "cancelled", _("Cancelled")
        POSTPONED = "postponed", _("Postponed to a new date")

    class Repeat(models.TextChoices):
        NONE = recurrence.NONE, _("Does not repeat")
        DAILY = recurrence.DAILY, _("Every day")
        WEEKLY = recurrence.WEEKLY, _("Every week, on the same weekday")
        MONTHLY_WEEKDAY = (
            recurrence.MONTHLY_WEEKDAY,
            _("Every month, on the same weekday (e.g. the first Thursday)"),
        )
        MONTHLY_LAST_WEEKDAY = (
            recurrence.MONTHLY_LAST_WEEKDAY,
            _("Every month, on the last such weekday (e.g. the last Friday)"),
        )
        MONTHLY_DAY = recurrence.MONTHLY_DAY, _("Every month, on the same day of the month")

    class Registration(models.TextChoices):
        NONE = "none", _("Not needed, just come")
        PHONE = "phone", _("By phone")
        FORM = "form", _("Through a form")
        IN_PERSON = "in_person", _("In person at the centre")

    lead = models.TextField(
        _("lead"),
        max_length=600,
        help_text=_("One to three sentences: what, for whom, why come. Shown in lists and feeds."),
    )
    start_date = models.DateField(
        _("date"), help_text=_("The day of the event (for a recurring event: the first day).")
    )
    start_time = models.TimeField(
        _("start time"),
        null=True,
        blank=True,
        help_text=_("E.g. 10:00. Leave empty for an event that lasts all day."),
    )
    end_date = models.DateField(
        _("last day"),
        null=True,
        blank=True,
        help_text=_("Only for an event of several days; empty means the same day."),
    )
    end_time = models.TimeField(
        _("end time"),
        null=True,
        blank=True,
        help_text=_("E.g. 12:00. Leave empty when the end is not known."),
    )
    repeat = models.CharField(
        _("repeats"),
        max_length=24,
        choices=Repeat.choices,
        blank=True,
        default=Repeat.NONE,
        help_text=_("For regular meetings, e.g. the club every Tuesday."),
    )
    repeat_interval = models.PositiveSmallIntegerField(
        _("every how many"),
        default=1,
        help_text=_("1 = every week (or month), 2 = every other one, and so on."),
    )
    repeat_until = models.DateField(
        _("repeats until"),
        null=True,
        blank=True,
        help_text=_("The last day it may take place, e.g. the end of the school year."),
    )
    skip_public_holidays = models.BooleanField(
        _("not on public holidays"),
        default=True,
        help_text=_("Leaves out public holidays (e.g. 11 listopada) from the repeats."),
    )
    skip_closed_days = models.BooleanField(
        _("not on the facility's closed days"),
        default=True,
        help_text=_(
            "Leaves out the days the facility below is closed (its closures in opening hours)."
        ),
    )
    unit = models.ForeignKey(
        "units.UnitPage",
        verbose_name=_("facility"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("Where it takes place, if in one of our facilities."),
    )
    address = models.CharField(
        _("or another address"),
        max_length=250,
        blank=True,
        help_text=_("When not in a facility, e.g. 'Park Miejski, ul. Parkowa, Lipowo Zdrojowe'."),
    )
    place_note = models.CharField(
        _("where exactly"),
        max_length=200,
        blank=True,
        help_text=_("E.g. 'sala na parterze' or 'przy scenie'."),
    )
    audience = models.CharField(
        _("who it is for"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.EVERYONE,
        help_text=_("Residents can list the events for one group."),
    )
    audience_note = models.CharField(
        _("more about who may come"),
        max_length=200,
        blank=True,
        help_text=_("E.g. 'dzieci w wieku 6–12 lat z rodzicami'."),
    )
    price = models.DecimalField(
        _("price (zł)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty when it is free ('bezpłatne' is shown)."),
    )
    cost_note = models.CharField(
        _("about the cost"),
        max_length=200,
        blank=True,
        help_text=_("E.g. 'płatne na miejscu' or 'bilety w sekretariacie'."),
    )
    registration = models.CharField(
        _("registration"),
        max_length=20,
        choices=Registration.choices,
        default=Registration.NONE,
        help_text=_("How to sign up, if residents must."),
    )
    registration_phone = models.CharField(
        _("registration phone"),
        max_length=30,
        blank=True,
        help_text=_("E.g. '74 812 34 60'. Empty: the facility's phone."),
    )
    registration_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("registration form page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A form on this site, e.g. the contact form."),
    )
    registration_url = models.URLField(
        _("or form address"),
        blank=True,
        help_text=_("A form elsewhere, used when no page is chosen."),
    )
    registration_deadline = models.DateField(
        _("registration until"),
        null=True,
        blank=True,
        help_text=_("The last day to sign up; empty: until the event."),
    )
    places = models.PositiveSmallIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("The limit of participants; empty when there is none."),
    )
    places_taken = models.PositiveSmallIntegerField(
        _("places taken"),
        default=0,
        help_text=_("Update it as people sign up: the page shows the places left."),
    )
    project = models.ForeignKey(
        "projects.ProjectPage",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_(
            "The co-financed project the event belongs to: the project's page lists the event."
        ),
    )
    organiser = models.CharField(
        _("organiser"),
        max_length=200,
        blank=True,
        help_text=_("Empty: the centre. E.g. 'Stowarzyszenie „Razem dla Lipowa”'."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo or poster"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown at the top. Any text on a poster must also be in the description below."
        ),
    )
    image_caption = models.CharField(
        _("image caption"),
        max_length=250,
        blank=True,
        help_text=_("E.g. who is in the photo or who took it."),
    )
    body = StreamField(
        NewsBodyBlock(),
        verbose_name=_("content"),
        blank=True,
        help_text=_("The programme, what to bring, photos, attachments."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.PLANNED,
        help_text=_(
            "A cancelled event stays in the calendar, clearly marked. When postponing, "
            "put the new date above and the old one below."
        ),
    )
    original_date = models.DateField(
        _("original date"),
        null=True,
        blank=True,
        help_text=_("Only when postponed: the day it was planned for before."),
    )
    status_note = models.CharField(
        _("reason"),
        max_length=250,
        blank=True,
        help_text=_("Shown with a cancelled or postponed event, e.g. 'z powodu choroby'."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("lead"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("repeat"),
                FieldRowPanel([FieldPanel("repeat_interval"), FieldPanel("repeat_until")]),
                FieldRowPanel([FieldPanel("skip_public_holidays"), FieldPanel("skip_closed_days")]),
            ],
            heading=_("Repeats"),
        ),
        InlinePanel("skipped_dates", label=_("Day without the event"), heading=_("Exceptions")),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("original_date"), FieldPanel("status_note")],
            heading=_("Status"),
        ),
        MultiFieldPanel(
            [FieldPanel("unit"), FieldPanel("address"), FieldPanel("place_note")],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("audience_note"),
                FieldPanel("organiser"),
                FieldPanel("project"),
            ],
            heading=_("For whom and by whom"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("price"), FieldPanel("cost_note")]),
                FieldPanel("registration"),
                FieldPanel("registration_phone"),
                FieldPanel("registration_page"),
                FieldPanel("registration_url"),
                FieldPanel("registration_deadline"),
                FieldRowPanel([FieldPanel("places"), FieldPanel("places_taken")]),
            ],
            heading=_("Cost and registration"),
        ),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_caption")], heading=_("Image")),
        FieldPanel("body"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("lead"),
        index.FilterField("start_date"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def search_texts(self):
        return super().search_texts() + [self.lead, self.place_note] + self.stream_texts(self.body)

    # Validation ------------------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.slug and RESERVED_SLUG.match(self.slug):
            errors["slug"] = _("This address is reserved for the events list; please change it.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The event cannot end before it starts.")
        elif (
            self.start_time
            and self.end_time
            and (self.end_date or self.start_date) == self.start_date
            and self.end_time <= self.start_time
        ):
            errors["end_time"] = _("The event cannot end before it starts.")
        if self.end_time and not self.start_time:
            errors["start_time"] = _("Give the start time too, or leave both times empty.")
        if self.is_recurring and self.start_date:
            if not self.repeat_until:
                errors["repeat_until"] = _("Give the last day a recurring event may take place.")
            elif self.repeat_until < self.start_date:
                errors["repeat_until"] = _("The repeats cannot end before the first day.")
            elif len(self.rule_starts()) > recurrence.MAX_OCCURRENCES:
                errors["repeat_until"] = _(
                    "This rule gives more than %(max)s dates. Choose an earlier last day "
                    "or repeat less often."
                ) % {"max": recurrence.MAX_OCCURRENCES}
        if self.is_postponed and not self.original_date:
            errors["original_date"] = _("Give the day the event was planned for before.")
        if self.places is not None and self.places_taken > self.places:
            errors["places_taken"] = _("More places are taken than there are.")
        if errors:
            raise ValidationError(errors)

    # Rendering ---------------------------------------------------------------------

    @path("")
    def event_route(self, request):
        return self.render(request)

    @path("ical/", name="ical")
    def ical_route(self, request):
        from ..ical import event_calendar_response

        return event_calendar_response(self, request)

    def get_context(self, request, *args, **kwargs):
        from ..detail import event_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(self, request))
        return context
