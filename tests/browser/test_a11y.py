"""axe-core finds no WCAG 2.0/2.1 A or AA violation on any page type, in a real browser.

The pages come from the live demo site's /sitemap.xml and are sorted into page types by
the ``data-page-type`` attribute of <body> (see scripts/audit.py, which `make audit` runs
and which these tests share). Each page is checked whole, after load, in a fresh browser
context, i.e. as a first visit with the cookie banner open.
"""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("ops_audit", ROOT / "scripts" / "audit.py")
audit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit)

# Page types with many pages (ordinances, news posts) are sampled: first, last and some
# between. Unit pages are few and each one differs, so every one is checked.
SAMPLE = 5
CHECK_EVERY_PAGE = {"unit"}


def sample(paths, key):
    if key in CHECK_EVERY_PAGE or len(paths) <= SAMPLE:
        return paths
    step = (len(paths) - 1) / (SAMPLE - 1)
    return [paths[round(i * step)] for i in range(SAMPLE)]


@pytest.fixture(scope="session")
def site_map(live_url):
    return audit.discover(live_url)


def assert_no_violations(results):
    failures = [(path, violations) for path, violations in results if violations]
    report = "\n".join(audit.describe(found, where=f"{path} ") for path, found in failures)
    assert not failures, f"axe found violations:\n{report}"


def test_every_listed_page_type_is_in_the_sitemap(site_map):
    missing = [audit.REQUIRED_TYPES[key] for key in audit.REQUIRED_TYPES if key not in site_map]
    assert not missing, f"not in the demo site's sitemap: {', '.join(missing)}"


@pytest.mark.parametrize("key", list(audit.REQUIRED_TYPES))
def test_page_type_has_no_axe_violations(key, site_map, browser, live_url):
    paths = site_map.get(key)
    assert paths, f"no {audit.REQUIRED_TYPES[key]} in the sitemap"
    assert_no_violations(audit.audit_pages(browser, live_url, sample(paths, key)))


def test_other_sitemap_pages_have_no_axe_violations(site_map, browser, live_url):
    """Page types beyond the listed ones (standard pages, privacy policy, unit index, ...)."""
    other = [key for key in site_map if key not in audit.REQUIRED_TYPES]
    paths = [path for key in other for path in sample(site_map[key], key)]
    assert paths, "the demo site has pages of other types too"
    assert_no_violations(audit.audit_pages(browser, live_url, paths))


@pytest.mark.parametrize("key", ["home", "news_post", "ordinance_register", "unit", "contact"])
def test_high_contrast_mode_has_no_axe_violations(key, site_map, browser, live_url):
    paths = site_map.get(key)
    assert paths, f"no {audit.REQUIRED_TYPES[key]} in the sitemap"
    results = audit.audit_pages(browser, live_url, paths[:1], contrast=True)
    assert_no_violations(results)


def test_contrast_mode_is_really_on_when_audited(browser, live_url):
    context = browser.new_context()
    context.add_init_script("localStorage.setItem('ops-contrast', '1')")
    page = context.new_page()
    audit.load(page, live_url + "/")
    assert "pref-contrast" in page.evaluate("document.documentElement.className")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    context.close()


def test_cookie_banner_open_on_first_visit(page, live_url):
    audit.load(page, live_url + "/")
    banner = page.locator(audit.COOKIE_BANNER).first
    assert audit.banner_shown(banner), "the cookie banner shows on a first visit"
    assert_no_violations([("/ (cookie banner open)", audit.run_axe(page))])


def test_contact_form_after_empty_submission(page, site_map, live_url):
    assert site_map.get("contact"), "no contact page in the sitemap"
    path = site_map["contact"][0]
    audit.load(page, live_url + path)
    assert page.locator("main form").count(), "the contact page has a form"
    audit.submit_empty_form(page)
    errors = page.locator(".error-summary, .errorlist, .form-field__error, [aria-invalid=true]")
    assert errors.count(), "the empty form comes back with error messages"
    assert_no_violations([(f"{path} (after empty submission)", audit.run_axe(page))])


@pytest.mark.parametrize(
    ("query", "has_hits"),
    # "swietlca": a typo, with "Czy chodziło Ci o" and the section filters (issue 16).
    [("pomoc", True), ("zarzadzenie", True), ("swietlca", True), ("xyzzyqwerty", False)],
)
def test_search_results(query, has_hits, page, live_url):
    path = f"/szukaj/?q={query}"
    audit.load(page, live_url + path)
    if has_hits:
        assert page.locator(".search-results__item").count() > 0
    else:
        assert page.locator(".search-empty").count() == 1
    assert_no_violations([(path, audit.run_axe(page))])


def test_listing_states_have_no_axe_violations(site_map, browser, live_url):
    """News archive year and category; the register filtered by year and with no results."""
    states = audit.listing_states(live_url, site_map)
    keys = {key for key, _ in states}
    if "news_index" in site_map:
        assert "news_listing_states" in keys
    if "ordinance_register" in site_map:
        assert "register_states" in keys
    assert states, "no news index or ordinance register in the sitemap"
    assert_no_violations(audit.audit_pages(browser, live_url, [path for _, path in states]))


def test_search_page_without_query(page, live_url):
    audit.load(page, live_url + "/szukaj/")
    assert_no_violations([("/szukaj/", audit.run_axe(page))])


def test_not_found_page(page, live_url):
    response = page.goto(live_url + "/nie-ma-takiej-strony/")
    assert response.status == 404
    page.wait_for_function("document.readyState === 'complete'")
    assert page.locator("h1").count() == 1
    assert_no_violations([("/nie-ma-takiej-strony/", audit.run_axe(page))])
