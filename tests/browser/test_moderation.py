"""The moderation round trip of a news post, in a real browser, as the centre's staff do it.

An editor writes a post and sends it for approval; a moderator asks for changes from the
dashboard with a comment; the editor sees the comment (dashboard and editor), changes the
lead and sends the post again; the moderator approves it from the dashboard and the post is
on the site. Every admin screen on the way speaks Polish: the texts the staff rely on are
checked, and a short list of Wagtail's English UI words must not show on any of them.
"""

import contextlib
import re
import uuid

import pytest
from playwright.sync_api import expect

PASSWORD = "Moderacja-Test-2026!"
EDITOR = ("mod-test-redaktor", "Ewa", "Redakcyjna")
MODERATOR = ("mod-test-moderator", "Marek", "Moderujący")
COMMENT = "Proszę dopisać godziny otwarcia."
FIRST_LEAD = "Od poniedziałku przyjmujemy wnioski w nowym punkcie konsultacyjnym."
NEW_LEAD = "Od poniedziałku przyjmujemy wnioski w nowym punkcie, w godzinach 8:00–15:00."
# Wagtail's English UI words, matched as whole words (case-sensitive) in each admin screen's
# visible text. "Status" is not among them: the Polish catalogue's word is the same.
ENGLISH = (
    "Submit to",
    "Submitted",
    "Resubmit",
    "Approve",
    "Approved",
    "Request changes",
    "Changes requested",
    "Awaiting",
    "In progress",
    "Draft",
    "Saved",
    "Published",
    "Live",
    "There are no",
    "Edit",
    "Preview",
    "Comment",
    "Cancel",
    "Workflow",
    "Moderation",
    "Page",
    "Pages",
    "has been",
    "your review",
    "More actions",
    "Dashboard",
    "Password",
    "Wagtail",
)


def _user(username, first, last, group):
    return (
        f"u = U.objects.filter(username={username!r}).first() or U(username={username!r}); "
        f"u.first_name, u.last_name, u.email = {first!r}, {last!r}, '{username}@example.pl'; "
        "u.is_superuser = False; u.is_staff = False; "
        f"u.set_password({PASSWORD!r}); u.save(); "
        f"u.groups.set([Group.objects.get(name={group!r})]); "
    )


@pytest.fixture(scope="module")
def staff(manage):
    """An editor and a moderator (their roles' groups only); returns the news index's id."""
    from staff.roles import EDITORS, MODERATORS

    out = manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; "
        "from django.contrib.auth.models import Group; "
        "from news.models import NewsIndexPage; U = get_user_model(); "
        + _user(*EDITOR, EDITORS)
        + _user(*MODERATOR, MODERATORS)
        + "print(NewsIndexPage.objects.get(url_path__endswith='/aktualnosci/').pk)",
    )
    return int(out.stdout.split()[-1])


def _name(user):
    return f"{user[1]} {user[2]}"


class EnglishWatch:
    """Collects the English words seen on each admin screen; the test fails on any at its end."""

    def __init__(self):
        self.found = []

    def check(self, page, screen):
        text = page.locator("body").inner_text()
        words = [w for w in ENGLISH if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]
        if words:
            self.found.append(f"{screen} ({page.url}): {words}")


@contextlib.contextmanager
def signed_in(browser, live_url, user, english):
    """A fresh browser context of ``user``, signed in to the admin, on the dashboard."""
    context = browser.new_context(locale="pl-PL", timezone_id="Europe/Warsaw")
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(live_url + "/admin/login/")
        english.check(page, "logowanie")
        page.fill("#id_username", user[0])
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(live_url + "/admin/")
        yield page
    finally:
        context.close()


def messages(page):
    return page.locator(".messages")


def footer_action(page, label):
    """Opens the save button's dropdown and returns its action whose label starts with ``label``."""
    footer = page.get_by_role("navigation", name="Działania (stopka)")
    footer.get_by_role("button", name="Więcej działań").click()
    action = footer.get_by_role("button", name=re.compile("^" + re.escape(label)))
    action.wait_for(state="visible")
    return action


def moderation_row(page, title):
    section = page.locator("#awaiting-review-section")
    expect(section.get_by_role("heading", name="Czeka na Twoje zatwierdzenie")).to_be_visible()
    row = section.locator("tr", has_text=title)
    expect(row).to_be_visible()
    return row


def test_news_post_round_trip_through_moderation(browser, live_url, manage, staff):
    news_index = staff
    title = f"Nowy punkt konsultacyjny {uuid.uuid4().hex[:8]}"
    english = EnglishWatch()
    explorer = re.compile(re.escape(f"{live_url}/admin/pages/{news_index}/") + r"(\?.*)?$")

    # 1. The editor writes the post and sends it for approval.
    with signed_in(browser, live_url, EDITOR, english) as page:
        english.check(page, "pulpit redaktora")
        page.goto(f"{live_url}/admin/pages/add/news/newspage/{news_index}/")
        page.fill("#id_title", title)
        page.fill("#id_lead", FIRST_LEAD)
        submit = footer_action(page, "Wyślij do")
        expect(submit).to_have_text("Wyślij do zatwierdzenia (Moderacja)")
        english.check(page, "nowa aktualność (menu zapisu otwarte)")
        submit.click()
        page.wait_for_url(explorer)
        expect(messages(page)).to_contain_text(
            f"Strona „{title}” została utworzona i wysłana do zatwierdzenia."
        )
        row = page.locator("tr", has_text=title)
        expect(row).to_contain_text("czeka na zatwierdzenie", ignore_case=True)
        expect(row).not_to_contain_text("szkic", ignore_case=True)
        english.check(page, "lista aktualności po wysłaniu")
        page.goto(live_url + "/admin/")
        waiting = page.locator("#objects-in-workflow-section tr", has_text=title)
        expect(waiting).to_contain_text("Czeka na zatwierdzenie")

    # 2. The moderator asks for changes from the dashboard, with a comment.
    with signed_in(browser, live_url, MODERATOR, english) as page:
        row = moderation_row(page, title)
        expect(row).to_contain_text(_name(EDITOR))
        english.check(page, "pulpit moderatora")
        row.get_by_role("button", name="Poproś o zmiany", exact=True).click()
        dialog = page.locator(".modal-dialog").filter(has=page.locator("textarea"))
        dialog.wait_for(state="visible")
        expect(dialog).to_contain_text("Komentarz")
        dialog.locator("textarea").fill(COMMENT)
        english.check(page, "okno prośby o zmiany")
        with page.expect_navigation(url=live_url + "/admin/"):
            dialog.get_by_role("button", name="Poproś o zmiany", exact=True).click()
        expect(messages(page)).to_contain_text(
            f"Poproszono o zmiany w „{title}”: autor zobaczy Twój komentarz na pulpicie "
            "i w edytorze."
        )
        expect(page.locator("#awaiting-review-section tr", has_text=title)).to_have_count(0)
        english.check(page, "pulpit moderatora po prośbie o zmiany")

    # 3. The editor sees the comment, changes the lead and sends the post again.
    with signed_in(browser, live_url, EDITOR, english) as page:
        mine = page.locator("#objects-in-workflow-section tr", has_text=title)
        expect(mine).to_contain_text(f"Komentarz moderatora: „{COMMENT}”")
        english.check(page, "pulpit redaktora z komentarzem")
        mine.get_by_role("link", name=title).click()
        page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
        post_id = int(re.search(r"/admin/pages/(\d+)/edit/$", page.url).group(1))
        expect(messages(page)).to_contain_text(f"{_name(MODERATOR)} prosi o zmiany: „{COMMENT}”")
        page.fill("#id_lead", NEW_LEAD)
        resubmit = footer_action(page, "Wyślij ponownie do")
        expect(resubmit).to_have_text("Wyślij ponownie do zatwierdzenia (Moderator lub dyrektor)")
        english.check(page, "edycja aktualności po prośbie o zmiany (menu zapisu otwarte)")
        resubmit.click()
        page.wait_for_url(explorer)
        expect(messages(page)).to_contain_text(
            f"Strona „{title}” została wysłana do zatwierdzenia."
        )
        row = page.locator("tr", has_text=title)
        expect(row).to_contain_text("czeka na zatwierdzenie", ignore_case=True)
        english.check(page, "lista aktualności po ponownym wysłaniu")

    # 4. The moderator approves the post from the dashboard: it is on the site.
    with signed_in(browser, live_url, MODERATOR, english) as page:
        row = moderation_row(page, title)
        english.check(page, "pulpit moderatora przed zatwierdzeniem")
        with page.expect_navigation(url=live_url + "/admin/"):
            row.get_by_role("button", name="Zatwierdź", exact=True).click()
        expect(messages(page)).to_contain_text(f"Zatwierdzono „{title}”: strona jest opublikowana.")
        expect(page.locator("#awaiting-review-section tr", has_text=title)).to_have_count(0)
        english.check(page, "pulpit moderatora po zatwierdzeniu")

    url = manage(
        "shell", "-c", f"from wagtail.models import Page; print(Page.objects.get(pk={post_id}).url)"
    ).stdout.split()[-1]
    resident = browser.new_context(locale="pl-PL", timezone_id="Europe/Warsaw")
    try:
        page = resident.new_page()
        page.set_default_timeout(30_000)
        response = page.goto(live_url + url)
        assert response.status == 200, url
        expect(page.locator("main")).to_contain_text(NEW_LEAD)
        expect(page.locator("main")).to_contain_text(title)
    finally:
        resident.close()

    assert not english.found, "English UI text in the admin:\n" + "\n".join(english.found)
