"""The ordinance register: filters, search, files, PDF checks, admin form, query budgets."""

import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from demo.media import pdf_bytes
from pages.models import DocumentPdfInfo, OrdinanceAttachment, OrdinanceIndexPage, OrdinancePage
from pages.models.ordinances import ORDINANCES_PER_PAGE, ordinances_numbered
from pages.pdf import inspect_pdf

Document = get_document_model()


def html(response):
    return response.content.decode()


def make_document(title, filename, data):
    document = Document(title=title)
    document.file.save(filename, ContentFile(data), save=False)
    document.save()
    return document


def scan_bytes(pages=1):
    """A PDF whose pages are only pictures, as a scanner makes them."""
    images = [PILImage.new("RGB", (300, 420), "#eeeeee") for _ in range(pages)]
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:])
    return out.getvalue()


@pytest.fixture
def register(home):
    page = OrdinanceIndexPage(title="Zarządzenia dyrektora", slug="zarzadzenia")
    home.add_child(instance=page)
    page.save_revision().publish()
    return OrdinanceIndexPage.objects.get(pk=page.pk)


def ordinance_page(number, date, subject, **fields):
    return OrdinancePage(
        title=f"Zarządzenie nr {number} {subject}",
        slug="zarzadzenie-" + number.replace("/", "-"),
        number=number,
        date_signed=datetime.date.fromisoformat(date),
        subject=subject,
        **fields,
    )


def add_ordinance(register, number, date, subject, document=None, publish=True, **fields):
    if document is None:
        slug = number.replace("/", "-")
        document = make_document(
            f"Zarządzenie nr {number}",
            f"zarzadzenie-{slug}.pdf",
            pdf_bytes(f"Zarządzenie nr {number}", [f"Zarządzenie {subject}."], pages=3),
        )
    page = ordinance_page(number, date, subject, **fields)
    page.attachments.add(OrdinanceAttachment(document=document))
    register.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return OrdinancePage.objects.get(pk=page.pk)


def add_ordinances_in_bulk(register, numbers, document):
    """Live ordinances of 2019, each with its file, inserted in bulk (as add_ordinance)."""
    from core.bulk_pages import bulk_add_children

    pages = bulk_add_children(
        register,
        [
            ordinance_page(f"{i + 1}/2019", "2019-05-01", f"w sprawie {i}", live=True)
            for i in numbers
        ],
    )
    OrdinanceAttachment.objects.bulk_create(
        OrdinanceAttachment(page=page, document=document, sort_order=0) for page in pages
    )


@pytest.fixture
def ordinances(register):
    made = {}
    for number, date, subject in [
        ("3/2020", "2020-01-20", "w sprawie regulaminu pracy"),
        ("12/2020", "2020-03-16", "w sprawie obsługi interesantów w czasie epidemii"),
        ("8/2021", "2021-03-29", "w sprawie koordynatora do spraw dostępności"),
        ("9/2022", "2022-03-28", "w sprawie zasad obsługi interesantów"),
    ]:
        made[number] = add_ordinance(register, number, date, subject)
    old = made["12/2020"]
    old.status = OrdinancePage.STATUS_REPEALED
    old.repealed_by = made["9/2022"]
    old.save_revision().publish()
    made["12/2020"] = OrdinancePage.objects.get(pk=old.pk)
    return made


def listed_numbers(response):
    return re.findall(
        r'<span class="visually-hidden">Zarządzenie nr </span>([^<]+)</a>', html(response)
    )


class TestRegister:
    def test_newest_first_with_status_and_download_text(self, client, register, ordinances):
        response = client.get(register.url)
        assert listed_numbers(response) == ["9/2022", "8/2021", "12/2020", "3/2020"]
        content = html(response)
        assert re.search(
            r"Pobierz Zarządzenie nr 12/2020 <span class=\"documents__meta\">"
            r"\(PDF, \d+ KB, 3 strony\)</span>",
            content,
        )
        assert 'href="/zarzadzenia/zarzadzenie-9-2022/">Zarządzenie nr 9/2022</a>' in content
        assert "uchylone" in content and "obowiązuje" in content
        assert "pobierz darmowy czytnik PDF" in content
        assert 'data-label="Numer"' in content

    def test_year_filter(self, client, register, ordinances):
        response = client.get(register.url, {"rok": "2020"})
        assert listed_numbers(response) == ["12/2020", "3/2020"]
        assert '<option value="2020" selected>' in html(response)

    def test_long_register_pages_and_keeps_its_filters(self, client, register):
        """A phone is not handed 10,000 px of register: 20 a page, the filters kept."""
        for n in range(1, 46):
            year = 2020 if n <= 30 else 2021
            page = ordinance_page(f"{n}/{year}", f"{year}-01-{n % 28 + 1:02d}", f"w sprawie {n}")
            register.add_child(instance=page)
        first = client.get(register.url, {"rok": "2020"})
        assert len(listed_numbers(first)) == ORDINANCES_PER_PAGE
        links = re.findall(r'href="\?([^"#]*)#wyniki" rel="next"', html(first))
        assert links == ["rok=2020&amp;page=2"], links
        second = client.get(register.url, {"rok": "2020", "page": "2"})
        numbers = listed_numbers(second)
        assert len(numbers) == 30 - ORDINANCES_PER_PAGE
        assert all(number.endswith("/2020") for number in numbers)
        assert not set(numbers) & set(listed_numbers(first))

    def test_status_filter(self, client, register, ordinances):
        response = client.get(register.url, {"status": "repealed"})
        assert listed_numbers(response) == ["12/2020"]

    def test_search_by_number(self, client, register, ordinances):
        for query in ["12/2020", " 12 / 2020 "]:
            assert listed_numbers(client.get(register.url, {"q": query})) == ["12/2020"]

    def test_search_by_words_without_polish_letters(self, client, register, ordinances):
        response = client.get(register.url, {"q": "obsluga interesantow"})
        # Lemmas are indexed too (issue 16): "obsługa" finds "obsługi".
        assert listed_numbers(response) == ["9/2022", "12/2020"]
        response = client.get(register.url, {"q": "interesantow"})
        assert listed_numbers(response) == ["9/2022", "12/2020"]
        response = client.get(register.url, {"q": "dostepnosci", "rok": "2021"})
        assert listed_numbers(response) == ["8/2021"]

    def test_search_finds_text_inside_the_pdf(self, client, register):
        document = make_document(
            "Regulamin",
            "regulamin.pdf",
            pdf_bytes("Zarządzenie nr 1/2024", ["Świetlica przyjmuje dzieci od szóstego roku."]),
        )
        add_ordinance(register, "1/2024", "2024-01-08", "w sprawie regulaminu", document)
        assert listed_numbers(client.get(register.url, {"q": "swietlica"})) == ["1/2024"]

    @pytest.mark.parametrize(
        "params",
        [
            {"rok": "abc"},
            {"rok": "-1"},
            {"rok": "99999"},
            {"rok": "2020.5"},
            {"q": '"'},
            {"q": '12/2020"'},
            {"q": "a" * 5000},
            {"status": "<script>"},
            {"page": "abc"},
            {"page": "-3"},
            {"page": "99999"},
        ],
    )
    def test_bad_filter_values_never_fail(self, client, register, ordinances, params):
        response = client.get(register.url, params)
        assert response.status_code == 200
        if "rok" in params or "status" in params:
            assert "Część filtrów była nieprawidłowa" in html(response)

    def test_repeated_parameters_do_not_fail(self, client, register, ordinances):
        response = client.get(register.url + "?rok=2020&rok=abc&q=a&q=%22&status=x&status=y")
        assert response.status_code == 200

    def test_no_results_page_helps(self, client, register, ordinances):
        content = html(client.get(register.url, {"q": "nieistniejace slowo"}))
        assert "0 zarządzeń" in content
        assert "Żadne zarządzenie nie pasuje do tych filtrów." in content

    def test_works_without_js(self, client, register, ordinances):
        content = html(client.get(register.url))
        form = content[content.index('<form class="register-filters"') :]
        form = form[: form.index("</form>")]
        assert 'method="get"' in form and 'type="submit"' in form

    def test_query_budget_does_not_grow(self, client, register, django_assert_max_num_queries):
        document = make_document("Wzór", "wzor.pdf", pdf_bytes("Wzór", ["Tekst."]))
        for i in range(15):
            add_ordinance(
                register,
                f"{i + 1}/2019",
                "2019-05-01",
                f"w sprawie {i}",
                document,
                publish=False,
                live=True,
            )
        client.get(register.url)
        cache.clear()
        with django_assert_max_num_queries(60) as small:
            assert client.get(register.url).status_code == 200
        budget = len(small.captured_queries)
        add_ordinances_in_bulk(register, range(15, 500), document)
        cache.clear()
        with django_assert_max_num_queries(budget):
            response = client.get(register.url)
        assert response.status_code == 200
        assert "500 zarządzeń" in html(response)
        cache.clear()
        with django_assert_max_num_queries(budget + 2):  # + the filter's own queries
            assert client.get(register.url, {"rok": "2019", "page": "7"}).status_code == 200


class TestOrdinancePage:
    def test_page_shows_meta_files_and_repeal_links(self, client, ordinances):
        content = html(client.get(ordinances["12/2020"].url))
        assert "<dt>Numer</dt><dd>12/2020</dd>" in content
        assert '<time datetime="2020-03-16">16 marca 2020 r.</time>' in content
        assert 'href="/zarzadzenia/zarzadzenie-9-2022/">Zarządzenie nr 9/2022</a>' in content
        newer = html(client.get(ordinances["9/2022"].url))
        assert "<dt>Uchyla</dt>" in newer
        assert "Zarządzenie nr 12/2020 w sprawie obsługi interesantów" in newer

    def test_download_keeps_the_original_file_name(self, client, ordinances):
        document = ordinances["12/2020"].attachments.first().document
        response = client.get(document.url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        # The stored name (storage adds a suffix only when the same name was uploaded before).
        assert document.filename.startswith("zarzadzenie-12-2020")
        assert f'filename="{document.filename}"' in response["Content-Disposition"]
        body = b"".join(response.streaming_content)
        assert body.startswith(b"%PDF-")

    def test_site_search_finds_the_ordinance_by_number(self, client, ordinances):
        content = html(client.get("/szukaj/", {"q": "12/2020"}))
        assert "Zarządzenie nr 12/2020 w sprawie obsługi interesantów" in content
        assert "Zarządzenie nr 3/2020" not in content

    def test_site_search_puts_the_numbered_ordinance_first(self, client, ordinances):
        """Words around the number may rank other pages higher; the named one comes first."""
        from pages.models import StandardPage

        home = ordinances["9/2022"].get_parent().get_parent()
        for n in range(3):
            explainer = StandardPage(
                title=f"Zarządzenie 9/2022 nr {n}: zarządzenie 9/2022 w pytaniach i odpowiedziach",
                slug=f"omowienie-{n}",
                lead="Zarządzenie 9/2022 – interesantów obsługujemy według zarządzenia 9/2022.",
            )
            home.add_child(instance=explainer)
            explainer.save_revision().publish()
        for query in ["zarządzenie 9/2022", "9 / 2022 interesantów", "zarzadzenie nr 9/2022"]:
            content = html(client.get("/szukaj/", {"q": query}))
            titles = re.findall(r'class="search-results__title"><a href="[^"]+">([^<]+)<', content)
            assert titles, query
            assert titles[0].startswith("Zarządzenie nr 9/2022"), (query, titles)
            assert len(titles) == len(set(titles)), titles
        # not a number of any ordinance (or a phone number): nothing is forced in
        assert ordinances_numbered("interesantów 99/2022") == []
        assert ordinances_numbered("tel. 74/8123 4567") == []


class TestPdfCheck:
    def test_text_pdf(self):
        result = inspect_pdf(pdf_bytes("Zarządzenie nr 5/2021", ["Treść zarządzenia."], pages=3))
        assert result.page_count == 3
        assert result.has_text_layer
        assert result.pages_without_text == 0
        assert "Treść zarządzenia" in result.text

    def test_scan_has_no_text_layer(self):
        result = inspect_pdf(scan_bytes(pages=2))
        assert result.page_count == 2
        assert not result.has_text_layer
        assert result.pages_without_text == 2

    def test_broken_file_is_reported_not_raised(self):
        result = inspect_pdf(b"%PDF-1.4 this is not really a pdf")
        assert result.error
        assert result.page_count is None

    def test_upload_records_the_check(self, db):
        text = make_document("Tekst", "tekst.pdf", pdf_bytes("Tekst", ["Jakiś tekst."], pages=2))
        scan = make_document("Skan", "skan.pdf", scan_bytes())
        other = make_document("Notatka", "notatka.txt", b"zwykly tekst")
        assert DocumentPdfInfo.objects.get(document=text).page_count == 2
        assert DocumentPdfInfo.objects.get(document=text).has_text_layer
        assert DocumentPdfInfo.objects.get(document=scan).is_scan
        assert not DocumentPdfInfo.objects.filter(document=other).exists()
        text.refresh_from_db()
        assert text.file_size and text.file_hash

    def test_scan_is_flagged_for_residents(self, client, register):
        scan = make_document("Skan", "skan.pdf", scan_bytes())
        page = add_ordinance(register, "2/2019", "2019-02-01", "w sprawie skanu", scan)
        assert "Skan bez warstwy tekstowej" in html(client.get(page.url))


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("admin", "admin@example.pl", "x" * 16)
    client.force_login(user)
    return client


def admin_form(document, **fields):
    data = {
        "title": "",
        "slug": "",
        "number": "12/2020",
        "date_signed": "2020-03-16",
        "subject": "w sprawie testu",
        "summary": "",
        "status": "in_force",
        "repealed_by": "",
        "attachments": inline_formset([{"document": document.pk, "title": ""}]),
        "comments": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)


class TestAdmin:
    def test_number_must_be_unique_in_the_register(self, admin_client, register, ordinances):
        document = ordinances["3/2020"].attachments.first().document
        url = f"/admin/pages/add/pages/ordinancepage/{register.pk}/"
        response = admin_client.post(url, admin_form(document))
        assert response.status_code == 200
        content = html(response)
        assert "W rejestrze jest już zarządzenie nr 12/2020" in content
        assert OrdinancePage.objects.filter(number="12/2020").count() == 1

    def test_new_ordinance_gets_title_and_slug(self, admin_client, register):
        document = make_document("Plik", "plik.pdf", pdf_bytes("Plik", ["Tekst."]))
        url = f"/admin/pages/add/pages/ordinancepage/{register.pk}/"
        response = admin_client.post(url, admin_form(document, number="7/2025"))
        assert response.status_code == 302, html(response)[:3000]
        page = OrdinancePage.objects.get(number="7/2025")
        assert page.title == "Zarządzenie nr 7/2025 w sprawie testu"
        assert page.slug == "zarzadzenie-7-2025"

    def test_bad_number_format_is_explained(self, admin_client, register):
        document = make_document("Plik", "plik.pdf", pdf_bytes("Plik", ["Tekst."]))
        url = f"/admin/pages/add/pages/ordinancepage/{register.pk}/"
        response = admin_client.post(url, admin_form(document, number="dwanaście"))
        assert "Wpisz numer w postaci numer/rok, np. 12/2020." in html(response)

    def test_scan_warning_after_save_and_panel(self, admin_client, register):
        scan = make_document("Skan zarządzenia", "skan.pdf", scan_bytes())
        url = f"/admin/pages/add/pages/ordinancepage/{register.pk}/"
        response = admin_client.post(url, admin_form(scan, number="8/2025"), follow=True)
        content = html(response)
        assert "nie ma warstwy tekstowej" in content
        assert "„Skan zarządzenia”" in content
        page = OrdinancePage.objects.get(number="8/2025")
        edit = html(admin_client.get(f"/admin/pages/{page.pk}/edit/"))
        assert "brak warstwy tekstowej" in edit


def test_scale_data_is_created_and_indexed(client, register):
    from demo.scale import load_many_ordinances

    load_many_ordinances(register, 3)
    load_many_ordinances(register, 3)  # idempotent
    assert OrdinancePage.objects.child_of(register).live().count() == 3
    assert listed_numbers(client.get(register.url, {"q": "wydajnosci"})) == [
        "103/2000",
        "102/2000",
        "101/2000",
    ]
