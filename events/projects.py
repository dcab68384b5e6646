"""Events linked to a project, for the project's page (a ``projects.linked`` source)."""

from django.utils.translation import gettext

from core.restrictions import public
from projects.linked import items_of

from .models import EventPage

# A project's page lists at most this many events (the latest by start).
LINKED_EVENTS = 50


def linked_events(request, project):
    events = public(EventPage.objects.live().filter(project=project))
    return items_of(
        request,
        events.order_by("-start_date", "-pk")[:LINKED_EVENTS],
        gettext("Event"),
        date=lambda event: event.start_date,
    )
