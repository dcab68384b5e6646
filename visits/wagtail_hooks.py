"""Admin hooks of the visit counter (issue 6): the report, its menu item, a dashboard panel."""

import datetime
import math

from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page, Site

from .counter import compute_counts, get_counts, starting_total, today
from .models import DailyVisits, PageViews

REPORT_MONTHS = 24
TOP_PAGES = 20

# Chart geometry, in SVG user units (the SVG scales to the width it is given).
CHART_WIDTH = 760
CHART_HEIGHT = 260
CHART_LEFT = 56
CHART_RIGHT = 8
CHART_TOP = 12
CHART_BOTTOM = 44


def month_starts(last_day, count):
    """The first days of the ``count`` months ending with ``last_day``'s month, oldest first."""
    year, month = last_day.year, last_day.month
    months = []
    for _step in range(count):
        months.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def monthly_visits(day, count=REPORT_MONTHS):
    """[(first day of month, visits)] for the last ``count`` months, in one query."""
    months = month_starts(day, count)
    rows = (
        DailyVisits.objects.filter(day__gte=months[0])
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(visits=Sum("visits"))
        .order_by()
    )
    by_month = {}
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = month.date()
        by_month[month] = row["visits"] or 0
    return [(month, by_month.get(month, 0)) for month in months]


def nice_ceiling(value):
    """The smallest 1, 2, 2.5 or 5 times a power of ten that is at least ``value`` (min. 10)."""
    if value <= 10:
        return 10
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return int(step * power)
    return int(10 * power)


def bar_chart(series):
    """Geometry of an SVG bar chart for [(month, visits)], computed here, drawn by the template."""
    top = nice_ceiling(max((visits for _month, visits in series), default=0))
    plot_width = CHART_WIDTH - CHART_LEFT - CHART_RIGHT
    plot_height = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    slot = plot_width / max(len(series), 1)
    baseline = CHART_TOP + plot_height
    bars = []
    for index, (month, visits) in enumerate(series):
        height = round(plot_height * visits / top, 1)
        x = CHART_LEFT + index * slot
        bars.append(
            {
                "month": month,
                "visits": visits,
                "x": round(x + slot * 0.15, 1),
                "y": round(baseline - height, 1),
                "width": round(slot * 0.7, 1),
                "height": height,
                "label_x": round(x + slot / 2, 1),
                # The year under each January, and under the first bar unless a January follows.
                "show_year": month.month == 1 or (index == 0 and month.month < 12),
            }
        )
    grid = [
        {"value": int(top * fraction), "y": round(baseline - plot_height * fraction, 1)}
        for fraction in (0, 0.25, 0.5, 0.75, 1)
    ]
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": CHART_LEFT,
        "right": CHART_WIDTH - CHART_RIGHT,
        "baseline": baseline,
        "month_label_y": baseline + 18,
        "year_label_y": baseline + 36,
        "bars": bars,
        "grid": grid,
    }


def top_pages(day, limit=TOP_PAGES):
    """This month's most viewed paths with their page titles (two queries)."""
    rows = list(
        PageViews.objects.filter(day__gte=day.replace(day=1))
        .values("path")
        .annotate(views=Sum("views"))
        .order_by("-views", "path")[:limit]
    )
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    titles = {}
    if site and rows:
        root_path = site.root_page.url_path  # e.g. "/strona-glowna/"
        url_paths = {root_path + row["path"].lstrip("/"): row["path"] for row in rows}
        for url_path, title in Page.objects.filter(url_path__in=url_paths).values_list(
            "url_path", "title"
        ):
            titles[url_paths[url_path]] = title
    for row in rows:
        row["title"] = titles.get(row["path"], "")
    return rows


class VisitStatisticsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "visits/admin/visits_report.html"
    page_title = _("Visit statistics")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = today()
        series = monthly_visits(day)
        chart = bar_chart(series)
        busiest = max(series, key=lambda item: item[1])
        context.update(
            {
                "counts": compute_counts(day),
                "starting_total": starting_total(),
                "today": day,
                "chart": chart,
                "first_month": series[0][0],
                "last_month": series[-1][0],
                "busiest_month": busiest[0] if busiest[1] else None,
                "busiest_visits": busiest[1],
                "series_total": sum(visits for _month, visits in series),
                "top_pages": top_pages(day),
            }
        )
        return context


class VisitsPanel(Component):
    """Dashboard panel: this month's visits, linking to the report."""

    name = "visits"
    template_name = "visits/admin/visits_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        counts = get_counts()
        context.update(
            {
                "month_visits": counts["month"],
                "total_visits": counts["total"],
                # Lower case: Polish month names are not capitalised inside a sentence.
                "month_name": date_format(today(), "F Y").lower(),
                "report_url": reverse("visit_statistics"),
            }
        )
        return context


@hooks.register("register_admin_urls")
def register_visit_statistics_url():
    return [
        path(
            "statystyki-odwiedzin/",
            VisitStatisticsView.as_view(),
            name="visit_statistics",
        )
    ]


@hooks.register("register_admin_menu_item")
def register_visit_statistics_menu_item():
    return MenuItem(
        _("Visit statistics"),
        reverse("visit_statistics"),
        name="visit-statistics",
        icon_name="table",
        order=850,
    )


@hooks.register("construct_homepage_panels")
def add_visits_panel(request, panels):
    panels.append(VisitsPanel())
