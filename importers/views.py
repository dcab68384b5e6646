"""The admin's import page: upload, run in the background, watch progress, read the report."""

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.http import HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .forms import ImportForm
from .jobs import start_job
from .models import ImportJob


def can_import(user):
    """Only administrators: an import writes hundreds of pages at once."""
    return user.is_authenticated and user.is_active and user.is_superuser


def forbidden():
    # A plain 403 (Wagtail turns PermissionDenied into a redirect to the dashboard).
    return HttpResponseForbidden(_("Only administrators may import content."))


def upload_dir():
    folder = Path(getattr(settings, "IMPORTERS_UPLOAD_DIR", "") or tempfile.gettempdir())
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def store_upload(upload):
    suffix = Path(upload.name).suffix.lower()[:10]
    handle, name = tempfile.mkstemp(prefix="import-", suffix=suffix, dir=upload_dir())
    with os.fdopen(handle, "wb") as destination:
        for chunk in upload.chunks():
            destination.write(chunk)
    return name


def start_view(request):
    if not can_import(request.user):
        return forbidden()
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        options = {
            "dry_run": data["dry_run"],
            "update": data["update"],
            "mode": data["mode"],
        }
        folder = data["media_folder"].strip() or None
        if data["kind"] == ImportJob.KIND_ORDINANCES:
            options["files_folder"] = folder
        else:
            options.update(media_folder=folder, allow_fetch=data["allow_fetch"])
        if data["kind"] == ImportJob.KIND_WORDPRESS and data["parent"] is not None:
            options["parent_id"] = data["parent"].pk
        job = ImportJob.objects.create(
            kind=data["kind"],
            file_name=Path(data["file"].name).name[:255],
            options=options,
            created_by=request.user,
        )
        start_job(job, store_upload(data["file"]), options)
        return redirect("importers_job", job.pk)
    context = {
        "form": form,
        "jobs": ImportJob.objects.all()[:10],
        "page_title": _("Import from the old site"),
    }
    return TemplateResponse(request, "importers/admin/start.html", context)


def job_view(request, pk):
    if not can_import(request.user):
        return forbidden()
    job = get_object_or_404(ImportJob, pk=pk)
    context = {"job": job, "report": job.report, "page_title": _("Import from the old site")}
    return TemplateResponse(request, "importers/admin/job.html", context)


def status_view(request, pk):
    if not can_import(request.user):
        return forbidden()
    job = get_object_or_404(ImportJob, pk=pk)
    return JsonResponse(
        {
            "status": job.status,
            "done": job.done,
            "total": job.total,
            "percent": job.percent,
            "finished": job.is_finished,
        }
    )
