"""CSP in a real browser (issue 10): public pages break no rule, and the admin still works."""

import re

import pytest

USERNAME = "bezpieczenstwo"
PASSWORD = "Haslo-Do-Testu-CSP-2025"
CSP_MARKERS = ("Content Security Policy", "Content-Security-Policy", "Refused to")


@pytest.fixture(scope="module")
def security_admin(manage):
    manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; U = get_user_model(); "
        f"U.objects.filter(username='{USERNAME}').exists() or U.objects.create_superuser("
        f"'{USERNAME}', 'csp@example.pl', '{PASSWORD}')",
    )
    ids = manage(
        "shell",
        "-c",
        "from wagtail.models import Page, Site; s = Site.objects.get(is_default_site=True); "
        "print(s.root_page_id, s.pk)",
    ).stdout.split()
    return {"home_id": int(ids[-2]), "site_id": int(ids[-1])}


def watch_csp(page):
    """Collects CSP violations: console errors and securitypolicyviolation events."""
    page.set_default_timeout(60_000)  # a busy CI machine serves the admin slowly
    problems = []
    page.on(
        "console",
        lambda msg: (
            problems.append(msg.text)
            if msg.type in {"error", "warning"} and any(m in msg.text for m in CSP_MARKERS)
            else None
        ),
    )
    page.add_init_script(
        "window.__cspViolations = [];"
        "document.addEventListener('securitypolicyviolation', e => "
        "window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    return problems


def violations(page, problems):
    return problems + page.evaluate("window.__cspViolations || []")


def test_public_pages_break_no_csp_rule(page, live_url):
    problems = watch_csp(page)
    # Read, not shown: Chromium's XML viewer styles a shown sitemap with inline CSS.
    sitemap = page.request.get(live_url + "/sitemap.xml").text()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    paths = ["/"] + [re.sub(r"^https?://[^/]+", "", loc) for loc in locations][:12]
    for path in dict.fromkeys(paths):
        page.goto(live_url + path)
        page.wait_for_load_state("load")
        assert not violations(page, problems), f"{path}: {violations(page, problems)}"
    # The home page's own scripts ran (files on our origin are allowed).
    page.goto(live_url + "/")
    assert page.evaluate("document.querySelectorAll('script[src]').length") >= 1
    assert not violations(page, problems)


def login(page, live_url):
    page.goto(live_url + "/admin/login/")
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))


def test_admin_editor_and_image_chooser_work_under_csp(page, live_url, security_admin):
    problems = watch_csp(page)
    login(page, live_url)
    assert page.locator("main, #main").first.is_visible()

    page.goto(f"{live_url}/admin/pages/{security_admin['home_id']}/edit/")
    page.wait_for_selector("form[data-edit-form], #page-edit-form", state="attached")
    # The editor's own scripts ran: the title field is wired to Wagtail's controllers.
    page.wait_for_function("document.querySelector('[data-controller]') !== null")
    page.wait_for_selector("#id_title", state="visible")

    page.goto(f"{live_url}/admin/settings/website/sitesettings/{security_admin['site_id']}/")
    chooser = page.locator("[data-chooser-action-choose], button.action-choose").first
    chooser.click()
    # The chooser's modal (not the admin's hidden keyboard-shortcuts dialog) opens with
    # its search form, which the chooser's own scripts load into it.
    page.locator(".modal-dialog").first.wait_for(state="visible")
    page.locator(".modal-dialog form").first.wait_for(state="attached")

    page.goto(f"{live_url}/admin/images/")
    page.wait_for_load_state("load")
    assert not violations(page, problems), violations(page, problems)


def test_two_factor_pages_render_under_csp(page, live_url, security_admin):
    problems = watch_csp(page)
    login(page, live_url)
    page.goto(live_url + "/admin/2fa/")
    page.wait_for_selector("img[src$='qr.svg']")
    assert page.evaluate(
        "(() => { const i = document.querySelector(\"img[src$='qr.svg']\");"
        " return i.complete && i.naturalWidth > 0; })()"
    )
    assert "otpauth://" in page.content()
    assert not violations(page, problems), violations(page, problems)
