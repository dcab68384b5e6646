"""``{% unit_events page %}``: a facility's upcoming events, on its page."""

from django import template

from ..listing import FACILITY_PARAM, still_on, upcoming_summaries

register = template.Library()

UNIT_EVENTS = 5


@register.inclusion_tag("events/includes/unit_events.html", takes_context=True)
def unit_events(context, unit):
    """The next events at ``unit``: no query on a warm page (kept until the next publish)."""
    request = context.get("request")
    found = upcoming_summaries(request, unit_id=unit.pk)
    items = still_on(found["items"], limit=UNIT_EVENTS, one_per_event=True)
    index_url = found["index_url"]
    return {
        "items": items,
        "all_url": f"{index_url}?{FACILITY_PARAM}={unit.slug}" if index_url else "",
        "unit": unit,
    }
