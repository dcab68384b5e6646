"""News posts linked to a project, for the project's page (a ``projects.linked`` source)."""

from django.utils.translation import gettext

from core.restrictions import public
from projects.linked import items_of

from .models import NewsPage

# A project's page lists at most this many posts (the newest).
LINKED_POSTS = 50


def linked_posts(request, project):
    # Posts dated later are included and shown from their date (projects.linked).
    posts = public(NewsPage.objects.live().filter(project=project)).order_by("-date", "-pk")
    return items_of(
        request,
        posts[:LINKED_POSTS],
        gettext("News"),
        date=lambda post: post.date,
        shown_from=lambda post: post.date,
    )
