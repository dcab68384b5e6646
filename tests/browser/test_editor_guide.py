"""Screenshots for the editor's guide, taken from the real admin.

Run with OPS_UPDATE_GUIDE_SCREENSHOTS=1 to refresh static/img/guide/ (then
commit them); otherwise they go to a temporary folder and the test checks
that each admin screen the guide shows still renders.
"""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Poradnik-zrzuty-2026!"


@pytest.fixture(scope="module")
def admin_login(manage):
    manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model as g; U = g(); "
        "u = U.objects.filter(username='guide').first() "
        "or U(username='guide', email='g@example.pl'); "
        f"u.is_superuser = u.is_staff = True; u.set_password({PASSWORD!r}); u.save()",
    )
    return "guide", PASSWORD


def _ids(manage):
    out = manage(
        "shell",
        "-c",
        "from news.models import NewsIndexPage; from pages.models import OrdinancePage; "
        "from wagtail.images import get_image_model as gi; "
        "print(NewsIndexPage.objects.first().pk, "
        "OrdinancePage.objects.order_by('-date_signed').first().pk, "
        "gi().objects.order_by('pk').last().pk)",
    ).stdout.split()
    return [int(value) for value in out[-3:]]


def test_guide_screenshots(browser, live_url, manage, admin_login, tmp_path):
    target = ROOT / "static" / "img" / "guide"
    if os.environ.get("OPS_UPDATE_GUIDE_SCREENSHOTS") != "1":
        target = tmp_path
    target.mkdir(parents=True, exist_ok=True)
    news_index, ordinance, image = _ids(manage)

    context = browser.new_context(
        locale="pl-PL", viewport={"width": 1280, "height": 800}, timezone_id="Europe/Warsaw"
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(live_url + "/admin/login/")
    page.fill("#id_username", admin_login[0])
    page.fill("#id_password", admin_login[1])
    page.click("button[type=submit]")
    page.wait_for_url(live_url + "/admin/")

    shots = {
        "news-editor.png": f"/admin/pages/add/news/newspage/{news_index}/",
        "ordinance-editor.png": f"/admin/pages/{ordinance}/edit/",
        "image-alt.png": f"/admin/images/{image}/",
        "alert-form.png": "/admin/snippets/alerts/alert/add/",
    }
    for name, url in shots.items():
        response = page.goto(live_url + url)
        assert response.status == 200, url
        assert page.locator("main, #main").first.is_visible()
        page.screenshot(path=str(target / name))
        assert (target / name).stat().st_size > 10_000
    guide = page.goto(live_url + "/admin/poradnik/")
    assert guide.status == 200
    assert page.get_by_role("heading", name="1. Jak napisać aktualność").is_visible()
    context.close()
