"""Running an import: from the command line or in the background for the admin's upload."""

import logging
import os
import threading

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ImportJob
from .runner import ImportFailed, Report

logger = logging.getLogger(__name__)


def importer_class(kind):
    from .ordinances import OrdinanceImport
    from .rss import FeedImport
    from .wordpress import WordPressImport

    return {
        ImportJob.KIND_WORDPRESS: WordPressImport,
        ImportJob.KIND_FEED: FeedImport,
        ImportJob.KIND_ORDINANCES: OrdinanceImport,
    }[kind]


def execute(kind, path, **options):
    """The import's report; a refused file is a report with one error, never an exception."""
    try:
        return importer_class(kind)(path, **options).run()
    except ImportFailed as exc:
        report = Report(dry_run=options.get("dry_run", False))
        report.add("errors", str(exc))
        return report


def run_job(job_id, path, options, in_thread=False):
    """The background part: runs the import, keeps the job's progress and report."""
    if in_thread:
        close_old_connections()
    job = ImportJob.objects.get(pk=job_id)
    job.status = ImportJob.STATUS_RUNNING
    job.save(update_fields=["status"])

    def progress(done, total):
        ImportJob.objects.filter(pk=job_id).update(done=done, total=total)

    try:
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.filter(pk=job.created_by_id).first()
        options = dict(options)
        parent_id = options.pop("parent_id", None)
        if parent_id is not None:
            from wagtail.models import Page

            options["parent"] = Page.objects.get(pk=parent_id).specific
        report = execute(job.kind, path, progress=progress, user=user, **options)
        job.report = report.as_dict()
        job.status = ImportJob.STATUS_DONE
    except Exception as exc:  # the job page says so; the site goes on
        logger.exception("Import job %s failed", job_id)
        job.report = {
            "errors": [_("The import stopped because of an error: %(error)s") % {"error": exc}]
        }
        job.status = ImportJob.STATUS_FAILED
    finally:
        job.finished_at = timezone.now()
        job.save(update_fields=["report", "status", "finished_at"])
        if os.path.exists(path):
            os.remove(path)
        if in_thread:
            close_old_connections()


def start_job(job, path, options):
    """Run the job in a thread (or at once when ``IMPORTERS_RUN_INLINE``, as the tests do)."""
    if getattr(settings, "IMPORTERS_RUN_INLINE", False):
        run_job(job.pk, path, options)
        return
    thread = threading.Thread(target=run_job, args=(job.pk, path, options, True), daemon=True)
    thread.start()
