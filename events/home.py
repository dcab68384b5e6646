"""The events section of the home page: the next few events, one date each."""

from .listing import still_on, upcoming_summaries

HOME_EVENTS = 3


def home_section(request, home_page):
    found = upcoming_summaries(request, root=home_page)
    items = still_on(found["items"], limit=HOME_EVENTS, one_per_event=True)
    if not items:
        return None
    return {
        "template": "events/includes/home_section.html",
        "context": {"items": items, "index_url": found["index_url"]},
    }
