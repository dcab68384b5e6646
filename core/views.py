import logging

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


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
