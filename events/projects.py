"""Events linked to a project, for the project's page (a ``projects.linked`` source)."""

from django.utils.translation import gettext

from core.restrictions import public
from projects.linked import LinkedItem

from .models import EventPage

# A project's page lists at most this many events (the latest by start).
LINKED_EVENTS = 50


def linked_events(request, project):
    events = public(EventPage.objects.live().filter(project=project)).order_by(
        "-start_date", "-pk"
    )[:LINKED_EVENTS]
    kind = gettext("Event")
    return [
        LinkedItem(
            title=event.title,
            url=event.get_url(request),
            date=event.start_date,
            kind=kind,
            summary=event.lead,
        )
        for event in events
    ]
