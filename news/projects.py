"""News posts linked to a project, for the project's page (a ``projects.linked`` source)."""

from django.utils import timezone
from django.utils.translation import gettext

from core.restrictions import public
from projects.linked import LinkedItem

from .models import NewsPage

# A project's page lists at most this many posts (the newest).
LINKED_POSTS = 50


def linked_posts(request, project):
    posts = public(
        NewsPage.objects.live().filter(project=project, date__lte=timezone.now())
    ).order_by("-date", "-pk")[:LINKED_POSTS]
    kind = gettext("News")
    return [
        LinkedItem(
            title=post.title,
            url=post.get_url(request),
            date=post.date,
            kind=kind,
            summary=post.lead,
        )
        for post in posts
    ]
