"""The machinery every import shares: one transaction per item, idempotency, the report.

An item is looked up in ``ImportedItem`` by (source, source id): found, it is skipped
(or updated when asked); not found, it is created and recorded in the same transaction.
A dry run decides the same way and writes nothing. An item that fails leaves nothing
behind and the next one goes on, so an interrupted import resumes where it stopped.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.search import fold

from .models import ImportedItem

MAX_REPORT_LINES = 2000


class ImportFailed(Exception):
    """The whole file is refused (wrong format, too big, missing columns): a Polish message."""


class SkipItem(Exception):  # noqa: N818 - a signal, not an error
    """This item is left out, with the reason given."""


@dataclass
class Report:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    review: list = field(default_factory=list)  # (title, admin edit URL) of pages to check
    dry_run: bool = False

    def add(self, kind, text):
        entries = getattr(self, kind)
        if len(entries) < MAX_REPORT_LINES:
            entries.append(text)

    def as_dict(self):
        return {
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "warnings": self.warnings,
            "errors": self.errors,
            "review": self.review,
            "dry_run": self.dry_run,
        }

    def summary(self):
        prefix = _("Dry run, nothing was written. ") if self.dry_run else ""
        return prefix + _(
            "Created: %(created)d, updated: %(updated)d, skipped: %(skipped)d, "
            "warnings: %(warnings)d, errors: %(errors)d."
        ) % {
            "created": len(self.created),
            "updated": len(self.updated),
            "skipped": len(self.skipped),
            "warnings": len(self.warnings),
            "errors": len(self.errors),
        }


def error_text(exc):
    """A readable message from any exception an item raised."""
    if isinstance(exc, ValidationError):
        if hasattr(exc, "message_dict"):
            parts = [
                f"{name}: {' '.join(map(str, msgs))}" for name, msgs in exc.message_dict.items()
            ]
            return "; ".join(parts)
        return " ".join(map(str, exc.messages))
    return str(exc) or exc.__class__.__name__


class Runner:
    """Runs the items of one source; ``progress(done, total)`` is called after each."""

    def __init__(
        self,
        source,
        *,
        dry_run=False,
        update=False,
        mode="draft",
        user=None,
        progress=None,
        report=None,
    ):
        self.source = source[:200]
        self.dry_run = dry_run
        self.update = update
        self.mode = mode  # "draft", "moderate" or "publish"
        self.user = user
        self.progress = progress
        self.report = report or Report(dry_run=dry_run)
        self.total = 0
        self.done = 0

    # Idempotency ---------------------------------------------------------------

    def lookup(self, source_id, source=None):
        record = ImportedItem.objects.filter(
            source=source or self.source, source_id=str(source_id)[:255]
        ).first()
        if record is None:
            return None
        target = record.target
        if target is None and not self.dry_run:  # deleted on the site since: import again
            record.delete()
        return target

    def remember(self, source_id, obj, source=None):
        ImportedItem.objects.update_or_create(
            source=source or self.source,
            source_id=str(source_id)[:255],
            defaults={
                "content_type": ContentType.objects.get_for_model(obj, for_concrete_model=False),
                "object_id": obj.pk,
            },
        )

    # Items -------------------------------------------------------------------

    def set_total(self, total):
        self.total = total
        self._tick(advance=False)

    def _tick(self, advance=True):
        if advance:
            self.done += 1
        if self.progress:
            self.progress(self.done, self.total)

    def item(self, source_id, label, create, update=None):
        """Create (or update) one item in its own transaction; returns the object or None."""
        try:
            existing = self.lookup(source_id)
            if existing is not None and not (self.update and update):
                self.report.add("skipped", _("%(label)s: already imported.") % {"label": label})
                return existing
            if self.dry_run:
                kind = "updated" if existing is not None else "created"
                self.report.add(kind, label)
                return existing
            with transaction.atomic():
                if existing is not None:
                    obj = update(existing)
                    self.report.add("updated", label)
                else:
                    obj = create()
                    self.remember(source_id, obj)
                    self.report.add("created", label)
            return obj
        except SkipItem as exc:
            self.report.add("skipped", f"{label}: {exc}")
        except Exception as exc:  # noqa: BLE001 - one bad item never stops the others
            self.report.add("errors", f"{label}: {error_text(exc)}")
        finally:
            self._tick()
        return None

    # Pages -------------------------------------------------------------------

    def save_page(self, page, parent=None):
        """Add ``page`` under ``parent`` (when new), then publish it or keep it as a draft."""
        if parent is not None:
            page.slug = unique_slug(parent, page.slug or slugify(fold(page.title)), page)
            if self.mode != "publish":
                page.live = False
            parent.add_child(instance=page)
        else:
            page.save()
        revision = page.save_revision(user=self.user, log_action=True)
        if self.mode == "publish":
            revision.publish(user=self.user)
        elif self.mode == "moderate":
            workflow = page.get_workflow()
            if workflow is not None and page.current_workflow_state is None:
                workflow.start(page, self.user)
        self.report.review.append((page.title, f"/admin/pages/{page.pk}/edit/"))
        return page


def unique_slug(parent, slug, page=None):
    """``slug``, or ``slug-2``, ``slug-3``… when a sibling already has it."""
    base = (slug or "strona")[:70].strip("-") or "strona"
    siblings = parent.get_children()
    if page is not None and page.pk:
        siblings = siblings.exclude(pk=page.pk)
    taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def default_parent():
    """The site's home page: the default parent of imported content pages."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.specific if site else Page.get_first_root_node()
