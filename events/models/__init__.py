"""Events ("Wydarzenia"): the index, the event pages and their occurrences."""

from .index import EventIndexPage
from .pages import Audience, EventPage
from .rows import EventOccurrence, EventSkippedDate

__all__ = ["Audience", "EventIndexPage", "EventOccurrence", "EventPage", "EventSkippedDate"]
