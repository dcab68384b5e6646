"""Content pages: standard, mission, tasks, contact form, statutory pages, crisis help."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Site
from wagtail.rich_text import RichText

from core.models import SiteSettings
from pages.models import (
    AccessibilityStatementPage,
    ContactFormField,
    ContactPage,
    EasyReadPage,
    MissionPage,
    PrivacyPolicyPage,
    SignLanguagePage,
    StandardPage,
    TasksPage,
)

WT2_IDS = [
    "a11y-wstep",
    "a11y-podmiot",
    "a11y-zakres",
    "a11y-url",
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-status",
    "a11y-data-sporzadzenie",
    "a11y-data-przeglad",
    "a11y-kontakt",
    "a11y-osoba",
    "a11y-email",
    "a11y-telefon",
    "a11y-procedura",
    "a11y-architektura",
    "a11y-komunikacja",
    "a11y-aplikacje",
]


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def html(response):
    return response.content.decode()


@pytest.fixture
def about(home):
    return publish(
        home,
        StandardPage(
            title="O nas",
            slug="o-nas",
            lead="Pomagamy mieszkańcom gminy.",
            body=[("paragraph", RichText("<p>Jesteśmy ośrodkiem pomocy.</p>"))],
        ),
    )


@pytest.fixture
def statement(home):
    return publish(
        home,
        AccessibilityStatementPage(
            title="Deklaracja dostępności",
            slug="deklaracja-dostepnosci",
            published_on=datetime.date(2021, 4, 12),
            updated_on=datetime.date(2025, 2, 9),
            prepared_on=datetime.date(2021, 4, 12),
            reviewed_on=timezone.localdate(),
            contact_person="Katarzyna Lis",
            contact_email="dostepnosc@example.pl",
            contact_phone="74 812 34 52",
            building_accessibility=RichText("<p>Podjazd dla wózków przy wejściu.</p>"),
            communication_accessibility=RichText("<p>Pętla indukcyjna w sekretariacie.</p>"),
        ),
    )


@pytest.fixture
def contact(home, site_settings):
    page = ContactPage(
        title="Kontakt",
        slug="kontakt",
        privacy_notice=RichText("<p>Administratorem danych jest ośrodek.</p>"),
        to_address="sekretariat@example.pl",
        from_address="strona@example.pl",
        subject="Wiadomość ze strony",
    )
    for order, (label, field_type, required) in enumerate(
        [
            ("Imię i nazwisko", "singleline", True),
            ("Adres e-mail", "email", True),
            ("Wiadomość", "multiline", True),
        ]
    ):
        page.form_fields.add(
            ContactFormField(
                sort_order=order, label=label, field_type=field_type, required=required
            )
        )
    return publish(home, page)


def contact_data(page, **overrides):
    names = {f.label: f.clean_name for f in page.form_fields.all()}
    data = {
        names["Imię i nazwisko"]: "Jan Kowalski",
        names["Adres e-mail"]: "jan@example.pl",
        names["Wiadomość"]: "Proszę o kontakt w sprawie zasiłku.",
        "zgoda": "on",
        "strona_www": "",
    }
    data.update(overrides)
    return data


class TestContentPages:
    def test_standard_page_renders_with_breadcrumbs_and_side_nav(self, client, about):
        child = publish(about, StandardPage(title="Historia", slug="historia"))
        publish(about, StandardPage(title="Kadra", slug="kadra"))
        page = html(client.get(child.url))
        assert "<h1>Historia</h1>" in page
        assert 'class="breadcrumbs"' in page
        nav = page[page.index('class="side-nav"') :]
        assert 'href="/o-nas/kadra/"' in nav
        assert re.search(r'href="/o-nas/historia/" aria-current="page"', nav)

    def test_content_page_says_when_it_was_last_published(self, client, about):
        child = publish(about, StandardPage(title="Historia", slug="historia"))
        StandardPage.objects.filter(pk=child.pk).update(
            last_published_at=datetime.datetime(2025, 3, 4, 23, 30, tzinfo=datetime.UTC)
        )
        page = html(client.get(child.url))
        # 23:30 UTC is already 5 March in Warsaw.
        assert 'Ostatnia aktualizacja: <time datetime="2025-03-05">5 marca 2025</time>' in page

    def test_side_nav_can_be_switched_off(self, client, about):
        child = publish(about, StandardPage(title="Historia", slug="historia", show_side_nav=False))
        assert 'class="side-nav"' not in html(client.get(child.url))

    def test_side_nav_queries_do_not_grow_with_siblings(
        self, client, about, django_assert_max_num_queries
    ):
        first = publish(about, StandardPage(title="Strona 0", slug="strona-0"))
        client.get(first.url)
        cache.clear()  # measure a page-cache miss
        with django_assert_max_num_queries(40) as few:
            assert client.get(first.url).status_code == 200
        for i in range(1, 15):
            publish(about, StandardPage(title=f"Strona {i}", slug=f"strona-{i}"))
        cache.clear()
        with django_assert_max_num_queries(len(few.captured_queries)):
            response = client.get(first.url)
        assert response.status_code == 200
        assert "Strona 14" in html(response)

    def test_mission_page_renders_values_and_goals(self, client, about):
        page = publish(
            about,
            MissionPage(
                title="Misja",
                slug="misja",
                mission="Pomagamy w trudnych sytuacjach.",
                values=[("value", {"name": "Szacunek", "description": "Bez oceniania."})],
                goals=[("goal", {"title": "Wspierać rodziny", "description": "Asystent."})],
            ),
        )
        content = html(client.get(page.url))
        assert "Pomagamy w trudnych sytuacjach." in content
        assert "<dt>Szacunek</dt>" in content
        assert "<strong>Wspierać rodziny</strong>" in content
        assert "Nasza misja" in content

    def test_tasks_page_groups_tasks_by_legal_act(self, client, about):
        groups = [
            (
                "group",
                {
                    "legal_act": f"Ustawa nr {i}",
                    "legal_act_url": "https://isap.sejm.gov.pl/",
                    "tasks": [f"zadanie {i}a", f"zadanie {i}b"],
                },
            )
            for i in range(5)
        ]
        page = publish(about, TasksPage(title="Zadania", slug="zadania", task_groups=groups))
        content = html(client.get(page.url))
        assert content.count('class="task-group"') == 5
        assert '<a href="#akt-3">Ustawa nr 2</a>' in content
        assert "<li>zadanie 4b</li>" in content
        assert "Tekst aktu: Ustawa nr 0" in content

    def test_quick_exit_and_crisis_block(self, client, about):
        page = publish(
            about,
            StandardPage(
                title="Przemoc w rodzinie",
                slug="przemoc",
                show_quick_exit=True,
                body=[
                    (
                        "crisis_help",
                        {
                            "heading": "Potrzebujesz pomocy teraz?",
                            "emergency_note": True,
                            "lines": [
                                {
                                    "name": "Niebieska Linia",
                                    "number": "800 120 002",
                                    "hours": "całodobowo",
                                }
                            ],
                            "note": RichText(""),
                        },
                    )
                ],
            ),
        )
        content = html(client.get(page.url))
        assert re.search(
            r'<a href="https://www.google.com/search\?q=pogoda" class="quick-exit__button" '
            r'rel="noreferrer" data-quick-exit>Szybkie wyjście',
            content,
        )
        assert "js/quick-exit.js" in content
        assert '<a href="tel:+48800120002" class="crisis__number">800 120 002</a>' in content
        assert '<a href="tel:112" class="crisis__number">112</a>' in content

    def test_phone_numbers_in_rich_text_are_tel_links(self, client, about):
        text = "<p>Telefon zaufania 116 123, sekretariat 74 812 34 62, nr 112/2024.</p>"
        page = publish(
            about,
            StandardPage(title="Telefony", slug="telefony", body=[("paragraph", RichText(text))]),
        )
        content = html(client.get(page.url))
        assert '<a href="tel:116123">116 123</a>' in content
        assert '<a href="tel:+48748123462">74 812 34 62</a>' in content
        assert "nr 112/2024" in content

    def test_no_quick_exit_unless_enabled(self, client, about):
        content = html(client.get(about.url))
        assert "data-quick-exit" not in content
        assert "quick-exit.js" not in content

    def test_page_types_pin_the_tree(self):
        assert MissionPage.max_count == 1
        assert ContactPage.parent_page_types == ["website.HomePage"]
        assert AccessibilityStatementPage.subpage_types == []


class TestContactPage:
    def test_form_renders_uncached_with_details_and_consent(self, client, contact):
        response = client.get(contact.url)
        assert response.status_code == 200
        assert "no-cache" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        content = html(response)
        assert 'name="csrfmiddlewaretoken"' in content
        assert 'href="tel:+48123456789"' in content
        assert "https://www.openstreetmap.org/search?query=" in content
        assert "Administratorem danych jest ośrodek." in content
        assert re.search(r'<input type="checkbox" name="zgoda"[^>]*required', content)
        assert 'class="hp-field" aria-hidden="true"' in content

    def test_valid_message_is_stored_and_emailed(self, client, contact):
        response = client.post(contact.url, contact_data(contact))
        assert response.status_code == 200
        assert "Dziękujemy, wiadomość została wysłana" in html(response)
        submission = FormSubmission.objects.get(page=contact)
        assert submission.get_data()["zgoda"] is True
        assert "strona_www" not in submission.get_data()
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["sekretariat@example.pl"]
        assert "Jan Kowalski" in mail.outbox[0].body
        assert "no-cache" in response["Cache-Control"]

    def test_email_says_tak_for_the_consent(self, client, contact):
        client.post(contact.url, contact_data(contact))
        body = mail.outbox[0].body
        assert "Zgoda na przetwarzanie danych: Tak" in body or ": Tak" in body
        assert "True" not in body and "False" not in body

    def test_fields_carry_autocomplete_and_the_phone_is_type_tel(self, client, contact):
        contact.form_fields.add(
            ContactFormField(sort_order=9, label="Telefon", field_type="singleline", required=False)
        )
        contact.save_revision().publish()
        content = html(client.get(contact.url))
        assert re.search(
            r'<input type="text" name="imie_i_nazwisko"[^>]*autocomplete="name"', content
        )
        assert re.search(
            r'<input type="email" name="adres_e_mail"[^>]*autocomplete="email"', content
        )
        assert re.search(r'<input type="tel" name="telefon"[^>]*autocomplete="tel"', content)
        assert 'name="strona_www" autocomplete="off"' in content or re.search(
            r'name="strona_www"[^>]*autocomplete="off"', content
        )

    def test_invalid_message_keeps_values_and_lists_errors(self, client, contact):
        data = contact_data(contact)
        email_field = next(
            f.clean_name for f in contact.form_fields.all() if f.field_type == "email"
        )
        data[email_field] = "to-nie-jest-adres"
        del data["zgoda"]
        response = client.post(contact.url, data)
        content = html(response)
        assert response.status_code == 200
        assert 'class="error-summary" role="alert"' in content
        assert f'href="#id_{email_field}"' in content
        assert '<a href="#id_zgoda">Zgoda na przetwarzanie danych: Zaznacz zgodę' in content
        assert "Zaznacz zgodę – bez niej nie możemy odpowiedzieć." in content
        assert "Wprowadź poprawny adres email." in content
        assert 'value="Jan Kowalski"' in content
        assert "Proszę o kontakt w sprawie zasiłku.</textarea>" in content
        assert f'aria-describedby="id_{email_field}_error"' in content
        assert "<title>Błąd:" in content
        assert not FormSubmission.objects.exists()
        assert not mail.outbox

    def test_honeypot_rejects_bots_silently(self, client, contact):
        response = client.post(contact.url, contact_data(contact, strona_www="http://spam.example"))
        assert response.status_code == 200
        assert not FormSubmission.objects.exists()
        assert not mail.outbox

    def test_rate_limit_per_client(self, client, contact):
        for _ in range(5):
            assert client.post(contact.url, contact_data(contact)).status_code == 200
        response = client.post(contact.url, contact_data(contact))
        assert response.status_code == 429
        content = html(response)
        assert "Zbyt wiele wiadomości w krótkim czasie" in content
        assert 'value="Jan Kowalski"' in content
        assert FormSubmission.objects.count() == 5
        # Another client is not affected.
        other = client.post(contact.url, contact_data(contact), REMOTE_ADDR="10.0.0.9")
        assert other.status_code == 200
        assert FormSubmission.objects.count() == 6


class TestStatutoryPages:
    def test_statement_has_every_wt2_id_once(self, client, statement, site_settings):
        content = html(client.get(statement.url))
        for element_id in WT2_IDS:
            assert content.count(f'id="{element_id}"') == 1, element_id
        assert '<span id="a11y-podmiot">Ośrodek Pomocy Społecznej w Testowie</span>' in content
        assert '<span id="a11y-zakres">strony internetowej</span>' in content
        assert 'href="mailto:dostepnosc@example.pl"' in content
        assert 'id="a11y-telefon" href="tel:+48748123452"' in content
        assert re.search(
            r'<time id="a11y-data-publikacja" datetime="2021-04-12">2021-04-12</time>', content
        )
        assert "częściowo zgodna" in content

    def test_statement_fixed_content(self, client, statement):
        content = html(client.get(statement.url))
        assert 'href="https://bip.brpo.gov.pl/pl"' in content
        assert "7 dni" in content and "2 miesiące" in content
        assert "alternatywnego sposobu dostępu" in content
        assert "Ośrodek nie posiada aplikacji mobilnych." in content
        assert "Nie ma możliwości skorzystania z tłumacza języka migowego" in content
        assert "Deklarację sporządzono na podstawie samooceny" in content
        for heading in [
            "Stan dostępności cyfrowej",
            "Informacje zwrotne i dane kontaktowe",
            "Obsługa wniosków i skarg związanych z dostępnością",
            "Pozostałe informacje",
            "Dostępność architektoniczna",
            "Dostępność komunikacyjno-informacyjna",
            "Aplikacje mobilne",
        ]:
            assert heading in content

    def test_statement_links_the_contact_form(self, client, statement, contact):
        content = html(client.get(statement.url))
        kontakt = content[content.index('id="a11y-kontakt"') : content.index('id="a11y-procedura"')]
        assert '<a href="/kontakt/">formularz kontaktowy</a>' in kontakt

    def test_meta_tag_in_every_head(self, client, statement, about, site_settings):
        site_settings.accessibility_statement = statement
        site_settings.save()
        content = html(client.get(about.url))
        head = content[: content.index("</head>")]
        assert (
            '<meta name="deklaracja-dostępności" '
            'content="http://testserver/deklaracja-dostepnosci/">' in head
        )

    def test_easy_read_sign_language_and_privacy_render(self, client, home, site_settings):
        etr = publish(
            home,
            EasyReadPage(
                title="Informacja ETR",
                slug="etr",
                body=[("paragraph", RichText("<p>Pomagamy ludziom.</p>"))],
            ),
        )
        pjm = publish(
            home,
            SignLanguagePage(
                title="Informacja PJM",
                slug="pjm",
                body=[
                    (
                        "youtube",
                        {
                            "url": "https://www.youtube.com/watch?v=Lp0PjmDem0Z",
                            "title": "Film w PJM",
                        },
                    )
                ],
            ),
        )
        privacy = publish(
            home,
            PrivacyPolicyPage(
                title="Polityka prywatności",
                slug="polityka",
                body=[("paragraph", RichText("<p>Nie zbieramy danych.</p>"))],
                cookies_text=RichText("<p>Pliki cookies.</p>"),
                controller="Ośrodek w Testowie",
                dpo_contact="iod@example.pl",
                rodo_clause=RichText("<p>Masz prawo wnieść skargę do Prezesa UODO.</p>"),
            ),
        )
        assert "Pomagamy ludziom." in html(client.get(etr.url))
        pjm_html = html(client.get(pjm.url))
        assert "Film w PJM" in pjm_html
        assert "<iframe" not in pjm_html  # the embed loads only after consent
        privacy_html = html(client.get(privacy.url))
        assert 'id="klauzula-rodo"' in privacy_html
        assert "Prezesa UODO" in privacy_html
        assert "iod@example.pl" in privacy_html

    def test_dashboard_warns_when_statement_not_reviewed_this_year(self, client, statement):
        admin = get_user_model().objects.create_superuser("admin", "a@example.pl", "x" * 16)
        client.force_login(admin)
        assert "Deklaracja dostępności: coroczny przegląd" not in html(client.get("/admin/"))
        statement.reviewed_on = datetime.date(timezone.localdate().year - 1, 3, 20)
        statement.save_revision().publish()
        content = html(client.get("/admin/"))
        assert "Deklaracja dostępności: coroczny przegląd" in content
        assert f"/admin/pages/{statement.pk}/edit/" in content

    def test_dashboard_warns_when_there_is_no_statement(self, client, home):
        admin = get_user_model().objects.create_superuser("admin", "a@example.pl", "x" * 16)
        client.force_login(admin)
        assert "Strona nie ma deklaracji dostępności" in html(client.get("/admin/"))


class TestHome:
    def test_home_has_contact_box(self, client, contact):
        content = html(client.get("/"))
        assert 'id="home-contact-heading"' in content
        assert 'href="tel:+48123456789"' in content
        assert '<a href="/kontakt/" class="button">Napisz do nas</a>' in content


@pytest.mark.django_db
def test_demo_content_is_complete_and_idempotent(home, site_settings, client):
    from demo import loader
    from pages.models import OrdinancePage

    ctx = {"home": home, "site": Site.objects.get(is_default_site=True)}
    loader.run(ctx)
    count = home.get_descendants().count()
    loader.run(ctx)
    assert home.get_descendants().count() == count

    ordinances = OrdinancePage.objects.live()
    assert ordinances.count() >= 15
    assert len({o.date_signed.year for o in ordinances}) >= 3
    old = ordinances.get(number="12/2020")
    assert old.is_repealed and old.repealed_by.number == "9/2022"
    assert TasksPage.objects.get().task_groups.__len__() >= 5
    settings = SiteSettings.for_site(ctx["site"])
    assert settings.accessibility_statement_id and settings.privacy_policy_id
    assert settings.easy_read_page_id and settings.sign_language_page_id
    assert 4 <= len(home.specific.task_links) <= 6
    assert StandardPage.objects.get(slug="przemoc-w-rodzinie").show_quick_exit

    content = html(client.get("/zarzadzenia/zarzadzenie-12-2020/"))
    assert "uchylone" in content and "Zarządzenie nr 9/2022" in content
    home_html = html(client.get("/"))
    assert '<meta name="deklaracja-dostępności"' in home_html
    assert "Pomoc finansowa" in home_html


@pytest.mark.parametrize(
    "model, parent_fixture",
    [
        ("standardpage", "home"),
        ("missionpage", "about"),
        ("taskspage", "about"),
        ("ordinanceindexpage", "home"),
        ("contactpage", "home"),
        ("accessibilitystatementpage", "home"),
        ("easyreadpage", "home"),
        ("signlanguagepage", "home"),
        ("privacypolicypage", "home"),
    ],
)
def test_admin_add_views_render(db, client, request, model, parent_fixture):
    parent = request.getfixturevalue(parent_fixture)
    admin = get_user_model().objects.create_superuser("admin", "a@example.pl", "x" * 16)
    client.force_login(admin)
    response = client.get(f"/admin/pages/add/pages/{model}/{parent.pk}/")
    assert response.status_code == 200


def test_a_form_sent_back_with_errors_keeps_the_visitors_text(client, contact):
    from django.utils.html import escape

    message = "Dzień dobry,\n    wcięty akapit\n  i jeszcze jeden"
    data = contact_data(contact)
    data[next(f.clean_name for f in contact.form_fields.all() if f.field_type == "email")] = "zły"
    data[next(f.clean_name for f in contact.form_fields.all() if f.label == "Wiadomość")] = message
    response = client.post(contact.url, data)
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert escape(message) in response.content.decode()
