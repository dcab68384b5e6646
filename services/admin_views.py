"""The admin report of "Czy ta strona była pomocna?": per page, the last 90 days."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from .models.feedback import REPORT_DAYS, Feedback

PERMISSION = "services.change_feedback"


def _check(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _since():
    return timezone.now() - datetime.timedelta(days=REPORT_DAYS)


def report(request):
    _check(request)
    rows = (
        Feedback.objects.filter(created_at__gte=_since())
        .values("page")
        .annotate(
            yes=Count("pk", filter=Q(helpful=True)),
            no=Count("pk", filter=Q(helpful=False)),
            open_comments=Count("pk", filter=~Q(comment="") & Q(handled=False)),
        )
        .order_by("-no", "-open_comments")
    )
    rows = list(rows)
    pages = Page.objects.in_bulk([row["page"] for row in rows])
    for row in rows:
        row["page_obj"] = pages.get(row["page"])
    return TemplateResponse(
        request,
        "services/admin/feedback_report.html",
        {"rows": rows, "days": REPORT_DAYS, "header_title": _("Page feedback")},
    )


def page_report(request, page_id):
    _check(request)
    page = get_object_or_404(Page, pk=page_id)
    entries = Feedback.objects.filter(page=page, created_at__gte=_since())
    counts = entries.aggregate(
        yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False))
    )
    comments = list(entries.exclude(comment=""))
    return TemplateResponse(
        request,
        "services/admin/feedback_page.html",
        {
            "page_obj": page,
            "counts": counts,
            "comments": comments,
            "days": REPORT_DAYS,
            "header_title": _("Feedback: %(title)s") % {"title": page.title},
        },
    )


@require_POST
def mark_handled(request, pk):
    _check(request)
    entry = get_object_or_404(Feedback, pk=pk)
    entry.handled = request.POST.get("handled", "1") == "1"
    entry.save(update_fields=["handled"])
    messages.success(request, _("Saved."))
    return redirect("services_feedback_page", page_id=entry.page_id)
