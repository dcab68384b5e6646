"""The events index: upcoming list, month view, archive and feeds (routes)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from core.models import BasePage
from core.pagination import PAGE_PARAM_PATTERN

# The index's query parameters (read in events.listing).
FACILITY_PARAM = "placowka"
AUDIENCE_PARAM = "dla"
MONTH_PARAM = "miesiac"


class EventIndexPage(RoutablePageMixin, BasePage):
    # Keyed in the page cache (issue 22): the listing's page, its filters and the month.
    cache_query_params = {
        "page": PAGE_PARAM_PATTERN,
        FACILITY_PARAM: r"[-\w]{1,80}",
        AUDIENCE_PARAM: r"[-\w]{1,80}",
        MONTH_PARAM: r"[0-9]{4}-[0-9]{2}",
    }
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences shown above the list of events."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["website.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("events index")
        verbose_name_plural = _("events indexes")

    def search_texts(self):
        return super().search_texts() + [self.intro]

    # The routes render through events.listing (kept apart: this module is the models).

    @path("")
    def upcoming_route(self, request):
        from ..listing import upcoming_view

        return upcoming_view(self, request)

    @path("<int:year>/<int:month>/", name="month")
    def month_route(self, request, year, month):
        from ..listing import month_view

        return month_view(self, request, year, month)

    @path("archiwum/", name="archive")
    def archive_route(self, request):
        from ..listing import archive_view

        return archive_view(self, request)

    @path("rss/", name="rss")
    def rss_route(self, request):
        from ..feeds import EventsRssFeed

        return EventsRssFeed(self, request)(request)

    @path("atom/", name="atom")
    def atom_route(self, request):
        from ..feeds import EventsAtomFeed

        return EventsAtomFeed(self, request)(request)

    @path("ical/", name="ical")
    def ical_route(self, request):
        from ..ical import index_calendar_response

        return index_calendar_response(self, request)

    @path("ical/<slug:unit_slug>/", name="ical_unit")
    def ical_unit_route(self, request, unit_slug):
        from ..ical import index_calendar_response

        return index_calendar_response(self, request, unit_slug)
