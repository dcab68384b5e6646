"""The admin speaks correct Polish to every role (issue 21, item 1).

The crawl opens, for each role, the dashboard and every admin screen the role can reach from
it (the menu and the links on each screen, one screen of each URL shape), the editor of a
page of every type (also posted empty, so the validation errors show), its history and
workflow screens, and fails on any English UI text (Wagtail's own catalogue, cut into
phrases) and on the broken Polish staff reported. One login per role, one page per type.
"""

import datetime
import re
from pathlib import Path
from urllib.parse import urlsplit

import polib
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone, translation
from wagtail.models import Page

from alerts.models import Alert
from news.models import NewsPage
from staff.roles import DIRECTOR, EDITORS, MODERATORS
from tests import snapshot
from tests.factories import make_home, make_image, make_pdf_document, make_site_settings
from tests.staff.admin_crawl import (
    WAGTAIL_DIR,
    build_page_of_every_type,
    english_found,
    visible_text,
)

ROLES = {"editor": EDITORS, "moderator": MODERATORS, "director": DIRECTOR, "admin": None}
# Screens that only act (or log out, or download) when opened: never followed.
NOT_FOLLOWED = re.compile(
    r"/logout/|/bulk/|/jsi18n/|/preview|/export|format=|/download/|/serve/|/usage/|/autocomplete|"
    r"/chooser/|/choose|/revisions/\d+/view/|/compare/|/sendfile|/api/|/multiple/\d|"
    r"/unlock/|/lock/|/copy/|/move/|/delete/|/unpublish/|/convert_alias|/revisions/\d+/revert"
)
MAX_SCREENS = 150
# The editor's screens are the same templates for every role: the administrator opens every
# page type, the other roles these (inline panels, choosers, a form builder, director-only).
ROLE_SAMPLE = {"news.NewsPage", "units.UnitPage", "pages.OrdinancePage", "pages.ContactPage"}


def build_site():
    home = make_home()
    make_site_settings()
    author = get_user_model().objects.create_user(
        username="autorka",
        first_name="Anna",
        last_name="Nowak",
        email="anna@example.pl",
        is_superuser=True,
    )
    pages = build_page_of_every_type(home, author)
    make_image(title="Zdjęcie z zajęć")
    make_pdf_document()
    users = {role: make_user(role) for role in ROLES}
    Alert.objects.create(
        message="2 maja ośrodek będzie nieczynny.",
        starts_at=timezone.now(),
        ends_at=timezone.now() + datetime.timedelta(days=2),
    )
    in_moderation(pages, users)
    return pages


FIRST_NAMES = {"editor": "Ewa", "moderator": "Marek", "director": "Danuta", "admin": "Adam"}


def make_user(role):
    user = get_user_model().objects.create_user(
        username=f"crawl-{role}",
        first_name=FIRST_NAMES[role],
        last_name="Testowa",
        email=f"{role}@example.pl",
        is_superuser=ROLES[role] is None,
    )
    if ROLES[role]:
        user.groups.add(Group.objects.get(name=ROLES[role]))
    return user


def in_moderation(pages, users):
    """The editor's two posts: one waiting for approval, one sent back with a comment."""
    index = Page.objects.get(pk=pages["news.NewsIndexPage"]).specific
    waiting, returned = (
        NewsPage(title=title, slug=slug, lead="Wstęp.", owner=users["editor"], live=False)
        for title, slug in [("Czeka", "czeka"), ("Do poprawy", "do-poprawy")]
    )
    for post in (waiting, returned):
        index.add_child(instance=post)
        post.save_revision(user=users["editor"])
        post.get_workflow().start(post, users["editor"])
    state = returned.current_workflow_task_state
    state.task.specific.on_action(
        state, users["moderator"], "reject", comment="Proszę dopisać godziny."
    )


@pytest.fixture
def site(db):
    return snapshot.build_once("admin crawl: a page of every type", build_site)


def login(client, role):
    user = get_user_model().objects.get(username=f"crawl-{role}")
    client.force_login(user)
    return user


def shape(url):
    """One screen of each URL shape: numbers and query values stand for any."""
    return re.sub(r"/\d+/", "/N/", urlsplit(url).path)


def links(markup):
    for href in re.findall(r'(?:href|data-url|"url")\s*[=:]\s*"(/admin/[^"#]*)"', markup):
        href = href.replace("&amp;", "&").replace("\\u0026", "&")
        if not NOT_FOLLOWED.search(href):
            yield href


def page_screens(pages, role):
    """Edit, add (GET and POST empty), history of a page of every type the role may edit."""
    for label, pk in pages.items():
        if role != "admin" and label not in ROLE_SAMPLE:
            continue
        page = Page.objects.get(pk=pk).specific
        app_label, model_name = label.lower().split(".")
        yield "get", f"/admin/pages/{pk}/edit/"
        parent = page.get_parent()
        if parent.depth > 1:
            # The add form (GET), then posted empty: the validation errors show.
            yield "post", f"/admin/pages/add/{app_label}/{model_name}/{parent.pk}/"


def empty_form_data(form):
    """What the editor posts when nothing is filled in: StreamFields and inline panels empty."""
    from wagtail.blocks.base import BlockField

    data = {}
    for name, field in form.fields.items():
        if isinstance(field, BlockField):
            data[f"{name}-count"] = "0"
    for formset in getattr(form, "formsets", {}).values():
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = str(value)
        data[f"{formset.prefix}-TOTAL_FORMS"] = "0"
    return data


def crawl(client, pages, role):
    """{url: [English or broken phrases]} for every screen the role opened."""
    findings = {}
    seen_shapes = set()
    queue = ["/admin/"]
    screens = list(page_screens(pages, role))
    opened = 0
    while queue and opened < MAX_SCREENS:
        url = queue.pop(0)
        if shape(url) in seen_shapes:
            continue
        seen_shapes.add(shape(url))
        response = client.get(url)
        opened += 1
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        markup = response.content.decode()
        found = english_found(visible_text(markup))
        if found:
            findings[url] = found
        queue.extend(links(markup))
    for method, url in screens:
        if method == "post":
            response = client.get(url)
            if response.status_code != 200 or "form" not in response.context:
                continue
            found = english_found(visible_text(response.content.decode()))
            if found:
                findings[f"GET {url}"] = found
            response = client.post(url, empty_form_data(response.context["form"]))
        else:
            response = client.get(url)
        if response.status_code != 200:
            continue
        found = english_found(visible_text(response.content.decode()))
        if found:
            findings[f"{method.upper()} {url}"] = found
    return findings


@pytest.mark.parametrize("role", list(ROLES))
def test_every_admin_screen_is_in_polish(client, site, role):
    login(client, role)
    with translation.override("pl"):
        findings = crawl(client, site, role)
    report = "\n".join(f"{url}: {sorted(set(found))}" for url, found in sorted(findings.items()))
    assert findings == {}, f"English or broken Polish on {len(findings)} screens:\n{report}"


# Wagtail's msgids whose Polish is rightly the same text (names, numbers, punctuation).
SAME_IN_POLISH = {
    "Minimum",
    "Token",
    "Administrator",
    "Alias",
    "Email",
    "ID",
    "Status",
    "Tag",
    "URL",
    "Format",
    "Import",
    "Link",
    "System",
    "system",
    "port",
    "status",
    "%(field_label)s:",
    "%(related_model_name)s %(field_label)s",
    "%(time_zone_option)s: %(localized_time_zone_label)s",
}


def untranslated(domain):
    """Msgids of Wagtail's source catalogue (one domain) that Polish leaves in English."""
    from django.utils.translation.trans_real import DjangoTranslation

    if domain == "django":
        catalogue = DjangoTranslation("pl")
    else:
        localedirs = [str(path.parent.parent.parent) for path in wagtail_catalogues(domain)]
        catalogue = DjangoTranslation("pl", domain=domain, localedirs=localedirs)
    missing = []
    for path in wagtail_catalogues(domain):
        for entry in polib.pofile(str(path)):
            if entry.obsolete or entry.msgid in SAME_IN_POLISH:
                continue
            if entry.msgid_plural:
                polish = catalogue.ngettext(entry.msgid, entry.msgid_plural, 5)
                english = entry.msgid_plural
            elif entry.msgctxt:
                polish = catalogue.pgettext(entry.msgctxt, entry.msgid)
                english = entry.msgid
            else:
                polish = catalogue.gettext(entry.msgid)
                english = entry.msgid
            if polish == english:
                missing.append(entry.msgid)
    return sorted(set(missing))


def wagtail_catalogues(domain):
    """Wagtail's source catalogues of the apps installed here (their strings can show)."""
    from django.apps import apps

    folders = {Path(config.path) for config in apps.get_app_configs()}
    return sorted(
        path
        for path in WAGTAIL_DIR.rglob(f"locale/en/LC_MESSAGES/{domain}.po")
        if path.parents[3] in folders
    )


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_wagtail_string_has_polish(domain):
    missing = untranslated(domain)
    assert missing == [], f"{len(missing)} Wagtail strings without Polish: {missing[:30]}"


def test_the_admins_javascript_gets_our_polish(admin_client):
    with translation.override("pl"):
        response = admin_client.get("/admin/jsi18n/")
    text = response.content.decode()
    assert "Zmiany zapisano automatycznie." in text
    assert "Trwa autozapis" in text
