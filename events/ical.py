"""iCalendar (RFC 5545) feeds with the ``icalendar`` package: all events, one facility, one event.

Each event is one ``VEVENT`` whose UID is made from the page's id, so it stays
the same however the event is edited (a calendar app updates its entry, helped
by ``SEQUENCE``, which grows with every publication). A recurring event carries
its ``RRULE`` (the rule the site's own list is made from) and an ``EXDATE`` for
every day the site leaves out (holidays, the facility's closures, days staff
listed). Times are local times in Europe/Warsaw with its ``VTIMEZONE``; all-day
events are dates. A cancelled event stays, with ``STATUS:CANCELLED``.
"""

import datetime

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from icalendar import Calendar, Event, Timezone, vRecur

from core.models import SiteSettings

from .listing import live_occurrences
from .models import EventOccurrence

# Events that ended longer ago than this are left out of the feeds.
PAST_DAYS = 60
CONTENT_TYPE = "text/calendar; charset=utf-8"


def host_of(request):
    return request.get_host().split(":")[0]


def uid(event, request):
    return f"wydarzenie-{event.pk}@{host_of(request)}"


def location_text(event):
    if event.unit_id and event.unit:
        parts = [event.unit.title, event.unit.full_address(getattr(event, "site_settings", None))]
    else:
        parts = [event.address]
    parts.append(event.place_note)
    return ", ".join(part for part in parts if part)


def vevent(event, occurrences, request, site_settings):
    """One VEVENT for ``event`` (with its RRULE and EXDATEs when it repeats)."""
    component = Event()
    url = event.get_full_url(request)
    component.add("uid", uid(event, request))
    component.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    component.add("sequence", event.live_revision_id or 0)
    if event.last_published_at:
        component.add("last-modified", event.last_published_at.astimezone(datetime.UTC))
    component.add("summary", event.title)
    component.add("description", f"{event.lead}\n\n{url}" if url else event.lead)
    if url:
        component.add("url", url)
    event.site_settings = site_settings
    location = location_text(event)
    if location:
        component.add("location", location)
    component.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    component.add("categories", [str(event.get_audience_display())])
    component.add("class", "PUBLIC")
    first = event.first_start()
    start, end = event.bounds(first)
    if event.all_day:
        component.add("dtstart", start.date())
        component.add("dtend", end.date())
    else:
        component.add("dtstart", start)
        if event.end_time is not None:
            component.add("dtend", end)
    rule = event.rule()
    if rule:
        component.add("rrule", vRecur.from_ical(rule))
        kept = {row.local_start.date() for row in occurrences}
        skipped = [moment for moment in event.rule_starts() if moment.date() not in kept]
        for moment in skipped:
            component.add("exdate", moment.date() if event.all_day else moment)
    return component


def calendar_bytes(events, request, name):
    """The VCALENDAR of ``events`` (each with its ``occurrences`` loaded)."""
    site_settings = SiteSettings.for_request(request)
    calendar = Calendar()
    calendar.add("prodid", f"-//{host_of(request)}//Wydarzenia//PL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
    for event, occurrences in events:
        calendar.add_component(vevent(event, occurrences, request, site_settings))
    years = [occurrence.start.year for _event, rows in events for occurrence in rows] or [
        timezone.localdate().year
    ]
    calendar.add_component(
        Timezone.from_tzid(
            timezone.get_current_timezone_name(),
            first_date=datetime.date(min(years) - 1, 1, 1),
            last_date=datetime.date(max(years) + 1, 12, 31),
        )
    )
    return calendar.to_ical()


def response(content, filename):
    reply = HttpResponse(content, content_type=CONTENT_TYPE)
    reply["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return reply


def grouped(rows):
    """``[(event, [occurrences...]), ...]`` from occurrence rows ordered by event then start."""
    events = {}
    for row in rows:
        event = row.event
        event.unit = row.unit  # already joined: no query per event
        events.setdefault(event.pk, (event, []))[1].append(row)
    return list(events.values())


def index_calendar_response(index, request, unit_slug=None):
    since = timezone.now() - datetime.timedelta(days=PAST_DAYS)
    recent = EventOccurrence.objects.filter(end__gt=since).values("event_id")
    rows = live_occurrences(index).filter(event_id__in=recent)
    name = index.title
    if unit_slug is not None:
        from units.models import UnitPage

        unit = UnitPage.objects.live().filter(slug=unit_slug).first()
        if unit is None:
            raise Http404("No such facility.")
        rows = rows.filter(unit=unit)
        name = f"{index.title}: {unit.title}"
    rows = rows.order_by("event_id", "start")
    content = calendar_bytes(grouped(rows), request, name)
    return response(content, slugify(name) or "wydarzenia")


def event_calendar_response(event, request):
    rows = list(event.occurrences.all())
    content = calendar_bytes([(event, rows)], request, event.title)
    return response(content, event.slug)
