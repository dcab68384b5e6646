"""Admin of the site search: synonyms staff edit, and what residents search for (issue 16)."""

import datetime

from django.db.models import Count, Max, Sum
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SearchQueryDay, SearchSynonym
from .stats import RETENTION_DAYS

REPORT_ROWS = 50


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = _("Search synonyms")
    list_display = ["terms"]
    ordering = ["terms"]


register_snippet(SearchSynonymViewSet)


def query_report(days=RETENTION_DAYS, limit=REPORT_ROWS):
    """The most frequent queries and those that found nothing, over the last ``days``."""
    since = timezone.localdate() - datetime.timedelta(days=days - 1)
    rows = SearchQueryDay.objects.filter(day__gte=since)
    frequent = list(
        rows.values("query")
        .annotate(searches=Sum("count"), days=Count("day"), last=Max("day"))
        .order_by("-searches", "query")[:limit]
    )
    zero = list(
        rows.filter(zero_results=True)
        .values("query")
        .annotate(searches=Sum("count"), last=Max("day"))
        .order_by("-searches", "query")[:limit]
    )
    return {"since": since, "frequent": frequent, "zero": zero, "days": days}


class SearchQueriesView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "search/admin/query_report.html"
    page_title = _("Search queries")
    header_icon = "search"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(query_report())
        return context


@hooks.register("register_admin_urls")
def register_search_queries_url():
    return [path("wyszukiwane-frazy/", SearchQueriesView.as_view(), name="search_queries")]


@hooks.register("register_reports_menu_item")
def register_search_queries_menu_item():
    return MenuItem(
        _("Search queries"), reverse("search_queries"), name="search-queries", icon_name="search"
    )
