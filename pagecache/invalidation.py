"""Emptying the page cache when published content changes (issue 9).

We empty the *whole* page cache on any change that residents can see,
rather than purging the changed page and the listings that show it: a
centre's site has a few hundred pages, a miss costs a few milliseconds, and
menus, the footer, home page sections and listings show most pages, so
working out "what this change affects" would buy little and could miss a
case. See ``pagecache.middleware`` for how a generation token makes this one
cache write, seen at once by every app server.

What empties the cache, always *after* the transaction commits (purging
before the commit would let a concurrent request cache the old content
again under the new generation):

- pages: published, unpublished, moved, deleted (Wagtail's signals and
  ``post_delete``); draft saves change nothing public and do not;
- site settings (every registered setting model) and their inline rows;
- snippets (every model registered as a snippet) and their inline rows;
- documents and images (not the bookkeeping saves of a file's size or
  hash), redirects, sites, view restrictions, cookie-consent groups;
- anything listed in ``settings.PAGE_CACHE_INVALIDATING_MODELS``
  ("app_label.ModelName").

Never: the consent log (a row per visitor's choice), visit counts, renditions.
"""

from functools import lru_cache, partial

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from modelcluster.fields import ParentalKey
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .middleware import bump_generation

# Models outside the registries below whose rows show on public pages.
INVALIDATING_MODELS = (
    "wagtailcore.Site",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.CollectionViewRestriction",
    "wagtailredirects.Redirect",
    "cookie_consent.CookieGroup",
    "cookie_consent.Cookie",
)
# Rows that never show on public pages, even when registered as snippets.
NEVER_INVALIDATING_MODELS = ("cookie_consent.LogItem",)
# Saves that only record a file's size or hash (done lazily while serving).
BOOKKEEPING_FIELDS = frozenset({"file_size", "file_hash"})


class _Batch:
    """The emptyings scheduled for one commit; the first to run does the work."""

    executed = False


def _run_batch(batch):
    if not batch.executed:
        batch.executed = True
        bump_generation()


def empty_page_cache_on_commit(using=None):
    """Empty the page cache when the current transaction commits (at once outside one).

    Many changes in one transaction (a subtree's post_delete signals, a bulk
    import) empty it once: their callbacks share a batch, and only the first
    to run writes to the cache. A batch whose callbacks were all rolled back
    is simply joined by the next change.
    """
    connection = transaction.get_connection(using)
    batch = getattr(connection, "_page_cache_batch", None)
    if batch is None or batch.executed:
        batch = connection._page_cache_batch = _Batch()
    transaction.on_commit(partial(_run_batch, batch), using=using)


def _label(model):
    return model._meta.label_lower


@lru_cache(maxsize=1)
def watched_model_labels():
    """Labels of the models whose save or delete empties the page cache.

    Computed on first use, when every app's snippets and settings are registered.
    """
    from wagtail.contrib.settings.registry import registry as settings_registry
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.snippets.models import get_snippet_models

    models = set(get_snippet_models()) | set(settings_registry)
    models |= {get_document_model(), get_image_model()}
    for label in INVALIDATING_MODELS + tuple(
        getattr(settings, "PAGE_CACHE_INVALIDATING_MODELS", ())
    ):
        try:
            models.add(apps.get_model(label))
        except LookupError:
            continue
    excluded = {label.lower() for label in NEVER_INVALIDATING_MODELS}
    models = {
        model for model in models if not issubclass(model, Page) and _label(model) not in excluded
    }
    # Inline rows (phones of the settings, items of a menu snippet) are saved after
    # their parent: they empty the cache again, once their own save is done.
    for model in list(models):
        for relation in model._meta.related_objects:
            if isinstance(relation.remote_field, ParentalKey):
                models.add(relation.related_model)
    return frozenset(_label(model) for model in models)


def _on_model_saved(sender, instance, raw=False, update_fields=None, using=None, **kwargs):
    if raw or _label(sender) not in watched_model_labels():
        return
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    empty_page_cache_on_commit(using)


def _on_model_deleted(sender, instance, using=None, **kwargs):
    if isinstance(instance, Page) or _label(sender) in watched_model_labels():
        empty_page_cache_on_commit(using)


def _on_page_changed(sender, instance=None, **kwargs):
    empty_page_cache_on_commit()


def connect():
    """Called from ``WebsiteConfig.ready``."""
    page_published.connect(_on_page_changed, dispatch_uid="page_cache_published")
    page_unpublished.connect(_on_page_changed, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(_on_page_changed, dispatch_uid="page_cache_moved")
    post_save.connect(_on_model_saved, dispatch_uid="page_cache_model_saved")
    post_delete.connect(_on_model_deleted, dispatch_uid="page_cache_model_deleted")
