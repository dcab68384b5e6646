"""Events ("Wydarzenia"): the index, the event pages and their occurrences."""

from .pages import Audience, EventIndexPage, EventPage
from .rows import EventOccurrence, EventSkippedDate

__all__ = ["Audience", "EventIndexPage", "EventOccurrence", "EventPage", "EventSkippedDate"]
