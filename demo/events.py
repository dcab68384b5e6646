"""Events (``data/events.toml``): a season of them, dated from the day the demo is loaded."""

import datetime
from decimal import Decimal

from events.models import EventIndexPage, EventPage

from . import blocks
from .loader import data, ensure_page, today
from .units import next_date, time

# Keys of an event's table that are not EventPage fields (or need converting).
SPECIAL = {
    "slug",
    "start",
    "start_time",
    "end_time",
    "unit",
    "body",
    "price",
    "repeat_until_days",
    "original_in_days",
    "registration_deadline_days",
}


def load(ctx):
    spec = data("events")
    slug = spec["index"]["slug"]
    index = ensure_page(ctx["home"], EventIndexPage, slug, lambda: index_page(spec))
    day = today(ctx)
    units = ctx.get("units", {})
    for item in spec["event"]:
        ensure_page(index, EventPage, item["slug"], lambda item=item: event_page(item, day, units))
    ctx["events_index"] = ctx["pages"]["events"] = index
    return ctx


def index_page(spec):
    fields = {name: value for name, value in spec["index"].items() if name != "slug"}
    return EventIndexPage(show_in_menus=True, **fields)


def start_date(spec, day):
    """The first day: ``{in_days, weekday, first_of_month, last_of_month}`` or the next
    ``{month, day}``."""
    if "month" in spec:
        return next_date(day, spec["month"], spec["day"])
    first = day + datetime.timedelta(days=spec["in_days"])
    if "weekday" in spec:
        first += datetime.timedelta(days=(spec["weekday"] - first.weekday()) % 7)
    if spec.get("first_of_month"):
        first = first.replace(day=1)
        first += datetime.timedelta(days=(spec["weekday"] - first.weekday()) % 7)
    if spec.get("last_of_month"):
        following = datetime.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        first = following - datetime.timedelta(days=1)
        first -= datetime.timedelta(days=(first.weekday() - spec["weekday"]) % 7)
    return first


def event_page(spec, day, units):
    fields = {name: value for name, value in spec.items() if name not in SPECIAL}
    event = EventPage(**fields)
    event.start_date = start_date(spec["start"], day)
    event.start_time = time(spec["start_time"]) if "start_time" in spec else None
    event.end_time = time(spec["end_time"]) if "end_time" in spec else None
    if "unit" in spec:
        event.unit = units.get(spec["unit"])
    if "price" in spec:
        event.price = Decimal(spec["price"])
    if "repeat_until_days" in spec:
        event.repeat_until = day + datetime.timedelta(days=spec["repeat_until_days"])
    if "original_in_days" in spec:
        event.original_date = day + datetime.timedelta(days=spec["original_in_days"])
    if "registration_deadline_days" in spec:
        event.registration_deadline = event.start_date + datetime.timedelta(
            days=spec["registration_deadline_days"]
        )
    if "body" in spec:
        paragraphs = [{"type": "paragraph", "text": text} for text in spec["body"]]
        event.body = blocks.stream(paragraphs, {})
    return event
