"""The editor's accessibility checker rules, run by axe-core in Chromium on sample content.

Wagtail hands the same configuration to axe in the page preview (the editor's Checks panel),
then the userbar loads our check's function from a static file; here the same happens with
the axe that axe-playwright-python bundles, so the link-text rule is proven to flag what
staff would see flagged.
"""

import json
from pathlib import Path

from axe_playwright_python.base import AXE_SCRIPT

from staff.content_checks import LINK_TEXT_RULE, OpsContentChecker

CHECKS_JS = Path(__file__).resolve().parents[2] / "static" / "js" / "admin-a11y-checks.js"

SAMPLE = """<!DOCTYPE html><html lang="pl"><head><title>Próbka</title></head><body><main>
<h1>Aktualność</h1>
<p><a href="/a/">Kliknij tutaj</a> żeby pobrać wniosek.</p>
<p>Szczegóły <a href="/b/">tutaj</a>.</p>
<p><a href="/c/">Czytaj więcej…</a></p>
<p><a href="/d/"> WIĘCEJ » </a></p>
<p><a href="/e/">link</a></p>
<p><a href="/ok1/">Wniosek o przyjęcie do świetlicy (PDF)</a></p>
<p><a href="/ok2/">Czytaj więcej<span class="visually-hidden"> o festynie</span></a></p>
<p><a href="/ok3/">Więcej aktualności</a></p>
<h3>Nagłówek z pominiętym poziomem</h3>
<h2></h2>
<img src="/zdjecie.jpg">
<img src="/zdjecie2.jpg" alt="IMG_1234.jpg">
<img src="/zdjecie3.jpg" alt="Dzieci rysują przy stole">
<img src="/ozdobnik.jpg" alt="">
</main></body></html>"""


def _run_checker(page):
    config = OpsContentChecker().get_axe_configuration(None)
    config = json.loads(json.dumps(config, default=str))
    page.set_content(SAMPLE)
    page.evaluate(AXE_SCRIPT)
    # As Wagtail's admin JS does: its own checks get their evaluate functions in the browser.
    page.evaluate(
        """spec => {
          const wagtailChecks = {
            "check-image-alt-text": (node, options) =>
              !new RegExp(options.pattern, "i").test(node.getAttribute("alt") || ""),
            "check-empty-meta-description": () => true,
          };
          spec.checks = spec.checks.map(
            c => wagtailChecks[c.id] ? {...c, evaluate: wagtailChecks[c.id]} : c);
          axe.configure(spec);
        }""",
        config["spec"],
    )
    # Then, as the userbar's media, our check's function (static, no eval under the CSP).
    page.add_script_tag(path=str(CHECKS_JS))
    return page.evaluate(
        "options => axe.run(document, options).then(r => r.violations.map(v => "
        "({id: v.id, targets: v.nodes.map(n => n.target.join(' ')), "
        "html: v.nodes.map(n => n.html)})))",
        config["options"],
    )


def test_vague_link_texts_are_flagged_and_descriptive_ones_pass(page):
    violations = {v["id"]: v for v in _run_checker(page)}
    flagged = violations[LINK_TEXT_RULE]["html"]
    for href in ["/a/", "/b/", "/c/", "/d/", "/e/"]:
        assert any(f'href="{href}"' in html for html in flagged), href
    for href in ["/ok1/", "/ok2/", "/ok3/"]:
        assert not any(f'href="{href}"' in html for html in flagged), href


def test_headings_and_alt_text_are_checked(page):
    violations = {v["id"]: v for v in _run_checker(page)}
    assert "heading-order" in violations  # h1 followed by h3
    assert "empty-heading" in violations
    image_alt = violations["image-alt"]["html"]
    assert len(image_alt) == 1 and "/zdjecie.jpg" in image_alt[0]
    quality = violations["alt-text-quality"]["html"]
    assert len(quality) == 1 and "IMG_1234" in quality[0]


DRAFT_WITH_PROBLEMS = """
from django.contrib.auth import get_user_model
from wagtail.models import Page
from pages.models import StandardPage

User = get_user_model()
if not User.objects.filter(username="kontrola-a11y").exists():
    User.objects.create_superuser("kontrola-a11y", "a11y@example.pl", "Kontrola-dostepnosci-1")
draft = StandardPage.objects.filter(slug="kontrola-dostepnosci").first()
if draft is None:
    parent = Page.objects.get(depth=2).get_children().type(StandardPage).first().specific
    draft = StandardPage(
        title="Kontrola dostępności", slug="kontrola-dostepnosci", live=False,
        body=[
            ("paragraph", '<p>Wniosek pobierzesz, <a href="/kontakt/">kliknij tutaj</a>.</p>'),
            ("heading", {"text": "Za głęboko", "level": "h4"}),
        ],
    )
    parent.add_child(instance=draft)
    draft.save_revision()
print("DRAFT", draft.pk)
"""


def test_editor_checks_panel_flags_vague_link_and_skipped_heading_in_polish(page, live_url, manage):
    """The real thing: the page editor's Checks panel, under the admin's CSP, in Polish."""
    output = manage("shell", "-c", DRAFT_WITH_PROBLEMS).stdout
    draft_pk = output.split("DRAFT")[-1].strip()
    page.goto(live_url + "/admin/login/")
    page.fill("#id_username", "kontrola-a11y")
    page.fill("#id_password", "Kontrola-dostepnosci-1")
    with page.expect_navigation():
        page.click("button[type=submit]")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_url}/admin/pages/{draft_pk}/edit/")
    page.click('[data-side-panel-toggle="checks"]')
    panel = page.locator('[data-side-panel="checks"]')
    panel.get_by_text("Tekst linku nic nie mówi bez kontekstu").wait_for(timeout=60_000)
    text = panel.inner_text()
    assert "Pominięty poziom nagłówka" in text
    assert "„kliknij tutaj”" in text
    assert panel.locator("[data-content-checker-count]").inner_text().strip() == "2"
    assert not [e for e in errors if "eval" in e.lower() or "security" in e.lower()]
