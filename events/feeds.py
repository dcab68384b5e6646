"""RSS 2.0 and Atom feeds of the upcoming events: one item per event, at its next date."""

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.models import SiteSettings

from .listing import live_occurrences

FEED_ITEMS = 30


class EventsRssFeed(Feed):
    """Built per request (it keeps the request for absolute links)."""

    feed_type = Rss201rev2Feed
    route_name = "rss"

    def __init__(self, index, request):
        super().__init__()
        self.index = index
        self.request = request
        self.site_settings = SiteSettings.for_request(request)

    def get_object(self, request, *args, **kwargs):
        return self.index

    def title(self, index):
        return f"{index.title} – {self.site_settings.name}"

    def link(self, index):
        return index.get_full_url(self.request)

    def feed_url(self, index):
        return self.link(index) + self.route_name + "/"

    def description(self, index):
        return index.intro or _("Events of %(name)s") % {"name": self.site_settings.name}

    def items(self, index):
        rows = live_occurrences(index).filter(end__gt=timezone.now()).order_by("start", "pk")
        seen, items = set(), []
        for row in rows[: FEED_ITEMS * 4]:
            if row.event_id not in seen:
                seen.add(row.event_id)
                items.append(row)
            if len(items) == FEED_ITEMS:
                break
        return items

    def item_title(self, row):
        title = row.event.title
        if row.event.is_cancelled:
            return _("Cancelled: %(title)s") % {"title": title}
        return title

    def item_description(self, row):
        start = timezone.localtime(row.start)
        when = date_format(start, "l, j E Y" if row.all_day else "l, j E Y, G:i")
        place = row.unit.title if row.unit else row.event.address
        parts = [when, place, row.event.lead]
        return " – ".join(part for part in parts if part)

    def item_link(self, row):
        return row.event.get_full_url(self.request)

    def item_guid(self, row):
        return self.item_link(row)

    def item_pubdate(self, row):
        return row.event.first_published_at or row.start

    def item_updateddate(self, row):
        return row.event.last_published_at or row.start


class EventsAtomFeed(EventsRssFeed):
    feed_type = Atom1Feed
    route_name = "atom"

    def subtitle(self, index):
        return self.description(index)
