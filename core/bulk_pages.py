"""Adding thousands of pages at once (scale data for tests and benchmarks, imports).

``parent.add_child()`` costs a dozen queries, a search-index update and log
rows per page: about five pages a second on a small server, an hour for the
15,000 pages of ``load_large``. ``bulk_add_children`` computes the tree paths
itself (the treebeard materialised path: the parent's path and a four-character
step per level) and inserts the page rows and the specific rows in batches,
then indexes them for search in batches: thousands of pages a second.

The pages are live without a revision (as pages added with ``add_child`` and
``live=True`` are); the first edit in the admin creates one. No log entries
or reference-index rows are written (admin history and "usage" of the shared
images and documents, which scale data does not need).
"""

import uuid
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backends

BATCH_SIZE = 500


def _check_model(model):
    parents = model._meta.get_parent_list()
    if parents != [Page]:
        raise ValueError(f"{model.__name__} must inherit directly from Page (with abstract bases)")


@transaction.atomic
def bulk_add_children(parent, pages, batch_size=BATCH_SIZE):
    """Insert unsaved page instances of one page model as the last children of ``parent``.

    Returns the pages, saved, with their primary keys.
    """
    if not pages:
        return []
    model = type(pages[0])
    if any(type(page) is not model for page in pages):
        raise ValueError("All pages must be of one model")
    _check_model(model)
    parent = Page.objects.select_for_update().get(pk=parent.pk)
    last = parent.get_last_child()
    position = last._get_lastpos_in_path() if last else 0
    depth = parent.depth + 1
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    for page in pages:
        position += 1
        page.path = Page._get_path(parent.path, depth, position)
        page.depth = depth
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.draft_title = page.title
        page.has_unpublished_changes = False
        page.translation_key = uuid.uuid4()
        if page.live:
            page.first_published_at = page.first_published_at or now
            page.last_published_at = page.last_published_at or page.first_published_at

    base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    rows = [
        Page(**{field.attname: getattr(page, field.attname) for field in base_fields})
        for page in pages
    ]
    Page.objects.bulk_create(rows, batch_size=batch_size)
    for page, row in zip(pages, rows, strict=True):
        page.id = page.page_ptr_id = row.pk
        page._state.adding = False

    # The specific table: Django's bulk_create refuses multi-table models, so its
    # insert is called with the model's own columns (the parent link included).
    local_fields = model._meta.local_concrete_fields
    for start in range(0, len(pages), batch_size):
        model._base_manager._insert(pages[start : start + batch_size], fields=local_fields)

    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    return pages


def index_for_search(queryset, batch_size=BATCH_SIZE):
    """Add the pages of ``queryset`` (one page model) to every search backend, in batches."""
    model = queryset.model
    ids = list(queryset.values_list("pk", flat=True))
    for backend in get_search_backends():
        for start in range(0, len(ids), batch_size):
            batch = list(queryset.filter(pk__in=ids[start : start + batch_size]))
            backend.add_bulk(model, batch)


@contextmanager
def deferred_indexing():
    """Index each object saved inside the block once, when the block ends.

    A page made with ``add_child``, ``save_revision`` and ``publish`` is saved
    three or four times, and every save updates the search index and Wagtail's
    reference index (where a document or image is used): two thirds of the time
    of loading the demo site. Inside this block the saves are only noted; at the
    end each object is indexed once, in the same transaction, with the data it
    has by then. Deletions inside the block still update both indexes at once.
    """
    from modelsearch import signal_handlers as search_signals
    from modelsearch.index import get_indexed_models
    from modelsearch.tasks import insert_or_update_object_task
    from wagtail.models import ReferenceIndex
    from wagtail.signal_handlers import disable_reference_index_auto_update
    from wagtail.tasks import update_reference_index_task

    searched = {
        model for model in get_indexed_models() if getattr(model, "search_auto_update", True)
    }
    saved = {}

    def note(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[(sender, instance.pk)] = None

    for model in searched:
        post_save.disconnect(search_signals.post_save_signal_handler, sender=model)
    post_save.connect(note, weak=False, dispatch_uid="deferred-indexing-note")
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid="deferred-indexing-note")
        for model in searched:
            post_save.connect(search_signals.post_save_signal_handler, sender=model)
    # What the signal handlers would have run after each save, run once per object.
    for model, pk in saved:
        key = (model._meta.app_label, model._meta.model_name, str(pk))
        try:
            if model in searched:
                insert_or_update_object_task.call(*key)
            if model in ReferenceIndex.tracked_models:
                update_reference_index_task.call(*key)
        except model.DoesNotExist:
            continue  # saved, then deleted inside the block
