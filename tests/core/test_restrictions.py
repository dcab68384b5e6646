"""Private sections: hidden everywhere and protected when served, with the cheap checks."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from core import restrictions
from pagecache.middleware import bump_generation


def add(parent, title, slug, **kwargs):
    page = Page(title=title, slug=slug, show_in_menus=True, **kwargs)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk)


def menu_of(html):
    start = html.index('id="menu"')
    return html[start : html.index("</nav>", start)]


def test_a_private_section_is_hidden_and_protected(client, home, site_settings):
    add(home, "Dla mieszkańców", "dla-mieszkancow")
    private = add(home, "Dla pracowników", "dla-pracownikow")
    inside = add(private, "Grafik dyżurów", "grafik")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    menu = menu_of(client.get("/").content.decode())
    assert "Dla mieszkańców" in menu
    assert "Dla pracowników" not in menu
    assert "Grafik dyżurów" not in menu
    for page in (private, inside):
        response = client.get(page.url)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"] or "login" in response["Location"]
    results = client.get("/szukaj/", {"q": "grafik"}).content.decode()
    assert "Grafik dyżurów" not in results


def test_a_new_restriction_applies_at_once(client, home, site_settings):
    """The cached list of private paths is dropped on save, before any commit."""
    page = add(home, "Narada", "narada")
    assert client.get(page.url).status_code == 200
    assert restrictions.restricted_paths() == ()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="tajne-haslo-1"
    )
    assert restrictions.restricted_paths() == (page.path,)
    bump_generation()  # the page itself is in the page cache until the commit empties it
    assert client.get(page.url).status_code == 200  # the password form
    assert "tajne" not in client.get(page.url).content.decode()
    assert 'name="password"' in client.get(page.url).content.decode()
    restriction.delete()
    assert restrictions.restricted_paths() == ()


def test_public_pages_cost_no_restriction_query(client, home, site_settings):
    from pages.models import StandardPage

    page = StandardPage(title="Jawna", slug="jawna")
    home.add_child(instance=page)
    page.save_revision().publish()
    client.get(page.url)
    bump_generation()
    restrictions.restriction_state()  # the shared list, once per published state
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200
    assert not [q for q in queries.captured_queries if "pageviewrestriction" in q["sql"]]


def test_an_alias_of_a_private_page_is_protected_too(client, home, site_settings):
    private = add(home, "Wewnętrzne", "wewnetrzne")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    public_parent = add(home, "Publiczne", "publiczne")
    alias = private.create_alias(parent=public_parent, update_slug="kopia-wewnetrznych")
    assert restrictions.restriction_state()["has_aliases"]
    bump_generation()
    assert client.get(alias.url).status_code == 302
