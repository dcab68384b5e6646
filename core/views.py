import logging

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.models import Page

from .pagination import paginate
from .restrictions import public
from .search import clean_query, exact_matches

logger = logging.getLogger(__name__)

SEARCH_RESULTS_PER_PAGE = 10


@never_cache
@require_safe
def search(request):
    raw_query = request.GET.get("q", "")
    if not isinstance(raw_query, str):
        raw_query = ""
    raw_query = raw_query.strip()[:200]
    query = clean_query(raw_query)
    page_obj = None
    if query:
        results = (
            public(Page.objects.live()).specific().filter(depth__gt=1).search(query, operator="and")
        )
        page_obj = paginate(request, results, SEARCH_RESULTS_PER_PAGE)
        if page_obj.number == 1:
            # An ordinance asked for by its number comes first, however the backend ranks it.
            exact = exact_matches(raw_query)
            if exact:
                shown = {page.pk for page in exact}
                rest = [page for page in page_obj.object_list if page.pk not in shown]
                page_obj.object_list = (exact + rest)[: max(len(page_obj.object_list), len(exact))]
    return TemplateResponse(
        request,
        "core/search.html",
        {
            "search_query": raw_query,
            "cleaned_query": query,
            "page_obj": page_obj,
            "results": page_obj.object_list if page_obj else [],
            "result_count": page_obj.paginator.count if page_obj else 0,
        },
    )


def healthz(request):
    """200 when the database and the cache answer, 503 otherwise (for load balancers)."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception:  # noqa: BLE001 - any failure means unhealthy
        logger.exception("healthz: database check failed")
        checks["database"] = "error"
    try:
        cache.set("healthz", "1", 10)
        checks["cache"] = "ok" if cache.get("healthz") == "1" else "error"
    except Exception:  # noqa: BLE001
        logger.exception("healthz: cache check failed")
        checks["cache"] = "error"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )


@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /szukaj/",
        "Disallow: /cookies/",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return TemplateResponse(request, "404.html", status=404)


def server_error(request):
    # No context processors that touch the database: the database may be the problem.
    try:
        body = render_to_string("500.html", {"request": None})
    except Exception:  # noqa: BLE001
        body = _("Server error. Please try again later.")
    return HttpResponse(body, status=500)
