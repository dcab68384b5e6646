"""The home page may feature the ongoing projects: the newest three.

One query, kept until the next publish (and per day: "ongoing" follows the date), so a
warm home page spends none on it.
"""

from django.utils import timezone

from core.restrictions import public
from pagecache.middleware import cached_until_publish

from .models import ProjectPage

HOME_PROJECTS = 3


def ongoing(request, home_page, today):
    projects = list(
        public(ProjectPage.objects.live().descendant_of(home_page))
        .filter(start_date__lte=today, end_date__gte=today)
        .select_related("programme")
        .order_by("-start_date", "-pk")[:HOME_PROJECTS]
    )
    return projects, projects[0].index_url(request) if projects else ""


def home_section(request, home_page):
    today = timezone.localdate()
    projects, index_url = cached_until_publish(
        f"projects:home:{home_page.pk}:{today.isoformat()}",
        lambda: ongoing(request, home_page, today),
        request,
    )
    if not projects:
        return None
    return {
        "template": "projects/includes/home_section.html",
        "context": {"projects": projects, "index_url": index_url},
    }
