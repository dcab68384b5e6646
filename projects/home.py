"""The home page may feature the ongoing projects: the newest three, one query."""

from django.utils import timezone

from core.restrictions import public

from .models import ProjectPage

HOME_PROJECTS = 3


def home_section(request, home_page):
    today = timezone.localdate()
    projects = list(
        public(ProjectPage.objects.live().descendant_of(home_page))
        .filter(start_date__lte=today, end_date__gte=today)
        .select_related("programme")
        .order_by("-start_date", "-pk")[:HOME_PROJECTS]
    )
    if not projects:
        return None
    return {
        "template": "projects/includes/home_section.html",
        "context": {"projects": projects, "index_url": projects[0].index_url(request)},
    }
