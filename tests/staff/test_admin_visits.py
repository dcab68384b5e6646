"""Visit statistics explain the starting total carried over from the old site (issue 21, 8)."""

from django.urls import reverse
from django.utils import translation

from core.models import SiteSettings
from tests.staff.admin_crawl import visible_text
from tests.staff.test_admin_polish import login, site  # noqa: F401 (the fixture)


def test_the_report_says_what_the_starting_total_is(client, site):  # noqa: F811
    settings = SiteSettings.objects.get()
    settings.visits_starting_total = 123456
    settings.save()
    login(client, "director")
    with translation.override("pl"):
        text = visible_text(client.get(reverse("visit_statistics")).content.decode())
    assert "Suma obejmuje 123456 odwiedzin przeniesionych z licznika poprzedniej strony" in text
