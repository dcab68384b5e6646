"""What other apps link to a project (news posts, later events), listed on its page.

An app with items that point at a project registers a source in its
``AppConfig.ready``::

    register_linked_source(function, order=10)

``function(request, project)`` returns a list of ``LinkedItem`` in one query. The
project page merges every source's items, newest first; it knows no source by name,
so events (or anything else) are one more registration.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

_SOURCES: list[tuple[int, str, object]] = []


@dataclass
class LinkedItem:
    title: str
    url: str
    date: datetime.date | datetime.datetime
    kind: str
    summary: str = ""
    # Not listed before this moment (a post dated in the future); None: always listed.
    shown_from: datetime.datetime | None = None

    @property
    def sort_key(self):
        moment = self.date
        if not isinstance(moment, datetime.datetime):
            moment = datetime.datetime.combine(moment, datetime.time.min)
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment

    @property
    def has_time(self):
        return isinstance(self.date, datetime.datetime)


def items_of(request, pages, kind, date, shown_from=None):
    """``LinkedItem`` for each page: ``date(page)`` orders it, ``shown_from(page)`` hides it
    until then (None: always shown)."""
    return [
        LinkedItem(
            title=page.title,
            url=page.get_url(request),
            date=date(page),
            kind=kind,
            summary=page.lead,
            shown_from=shown_from(page) if shown_from else None,
        )
        for page in pages
    ]


def register_linked_source(function, order=100):
    """Add a source of linked items (idempotent: registering it again replaces it)."""
    name = f"{function.__module__}.{function.__qualname__}"
    _SOURCES[:] = [entry for entry in _SOURCES if entry[1] != name]
    _SOURCES.append((order, name, function))
    _SOURCES.sort(key=lambda entry: (entry[0], entry[1]))


def linked_items(request, project):
    """Every source's items for ``project``, newest first.

    Kept until the next publish (one entry per project, whatever the number of
    sources) and filtered by the clock when shown, so a post dated later appears on
    its date without a publish.
    """
    from pagecache.middleware import cached_until_publish

    def build():
        items = []
        for _order, _name, function in _SOURCES:
            items.extend(function(request, project) or [])
        return sorted(items, key=lambda item: item.sort_key, reverse=True)

    now = timezone.now()
    items = cached_until_publish(f"projects:linked:{project.pk}", build, request)
    return [item for item in items if item.shown_from is None or item.shown_from <= now]


def project_with_strip(project_id):
    """(the live, public project, its strip's signs) for a post that links it: one query."""
    if not project_id:
        return None, []
    from core.restrictions import public

    from .models import Programme, ProjectPage

    project = (
        public(ProjectPage.objects.live().filter(pk=project_id))
        .select_related("programme", *Programme.strip_related("programme__"))
        .first()
    )
    if project is None:
        return None, []
    return project, project.programme.strip() if project.programme_id else []
