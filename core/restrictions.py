"""Private sections (page view restrictions) without a query on every page.

Wagtail's ``PageQuerySet.public()`` and ``Page.get_view_restrictions()`` ask
the database for the restrictions on every call: two to six queries on each
page of ours (menu, home page sections, the page's own check before serving),
although a centre's site has no private section at all, or one.

Here the paths of the restricted pages are read once per published state of
the site (the page cache's generation, which every restriction change bumps
after its commit) and kept in the shared cache. A restriction saved or
deleted also drops that copy at once, before the commit, so a request in the
same transaction (or a test, where commits never happen) sees it too.
"""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction

from pagecache.middleware import current_generation, page_cache

KEY_PREFIX = "restricted-paths:"


def _key(generation):
    return f"{KEY_PREFIX}{generation}"


def _load():
    paths = sorted(PageViewRestriction.objects.values_list("page__path", flat=True))
    # An alias serves its source page's restrictions: where aliases exist, the
    # cheap path check cannot see them, so pages fall back to Wagtail's own check.
    has_aliases = Page.objects.filter(alias_of__isnull=False).exists()
    return {"paths": tuple(paths), "has_aliases": has_aliases}


def restriction_state():
    """``{"paths": (...), "has_aliases": bool}`` for the current published state."""
    cache = page_cache()
    generation = current_generation(cache)
    if generation is None:  # no shared cache: ask the database
        return _load()
    key = _key(generation)
    state = cache.get(key)
    if state is None:
        state = _load()
        cache.set(key, state, None)
    return state


def restricted_paths():
    return restriction_state()["paths"]


def is_restricted(page):
    """Whether ``page`` is in a private section (by its tree path, no query)."""
    return any(page.path.startswith(path) for path in restricted_paths())


def public(queryset):
    """``queryset`` without pages in a private section (Wagtail's ``.public()``, cached)."""
    paths = restricted_paths()
    if not paths:
        return queryset
    private = Q()
    for path in paths:
        private |= Q(path__startswith=path)
    return queryset.exclude(private)


def view_restrictions(page):
    """The restrictions that apply to ``page``: none without a query when it is public."""
    state = restriction_state()
    if not state["has_aliases"] and not any(page.path.startswith(p) for p in state["paths"]):
        return PageViewRestriction.objects.none()
    return None


def _forget():
    cache = page_cache()
    generation = current_generation(cache)
    if generation is not None:
        cache.delete(_key(generation))


def forget_restrictions(**kwargs):
    _forget()


def forget_on_alias_change(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.alias_of_id:
        _forget()


def connect():
    """Forget the cached restrictions when one changes or an alias page is saved (ready())."""
    for signal in (post_save, post_delete):
        signal.connect(
            forget_restrictions,
            sender=PageViewRestriction,
            dispatch_uid=f"restrictions-forget-{signal is post_save}",
        )
        signal.connect(
            forget_on_alias_change, dispatch_uid=f"restrictions-alias-{signal is post_save}"
        )
