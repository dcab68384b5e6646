"""A realistic WordPress export, checked item by item (issue 19)."""

import datetime
import os

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from core.models import HomePage
from importers.models import ImportedItem
from news.models import NewsCategory, NewsPage
from pages.models import StandardPage
from tests.core.test_html_valid import vnu_errors, vnu_jar

from .builders import YOUTUBE_ID, Entry, SiteBuilder

pytestmark = pytest.mark.django_db

POSTS = 32
PAGES = 5


def post(title):
    return NewsPage.objects.get(title=title)


def blocks(page):
    return [(child.block_type, child.value) for child in page.body]


def raw(page):
    return str(list(page.body.raw_data))


def counts():
    return {
        "pages": Page.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "redirects": Redirect.objects.count(),
        "categories": NewsCategory.objects.count(),
        "imported": ImportedItem.objects.count(),
    }


def test_every_post_and_page_is_created(imported):
    assert imported.errors == []
    assert len(imported.created) == POSTS + 1 + PAGES  # the old site's draft too
    assert NewsPage.objects.count() == POSTS + 1
    assert NewsPage.objects.live().count() == POSTS
    assert StandardPage.objects.count() == PAGES


def test_posts_keep_their_date_author_and_categories(imported):
    first = post("Festyn rodzinny w Testowie")
    # 09:30 Warsaw time in the export's post_date, 08:30 in its post_date_gmt.
    assert first.date == datetime.datetime(2016, 3, 1, 8, 30, tzinfo=datetime.UTC)
    assert first.first_published_at == first.date
    assert first.author_name == "Jan Nowak"
    assert post("Wigilia w klubie seniora").author_name == "Anna Kowalska"
    assert first.category.name == "Seniorzy"
    assert set(first.tags.names()) == {"lato", "gmina", "Pomoc żywnościowa"}
    assert set(NewsCategory.objects.values_list("name", flat=True)) == {
        "Seniorzy",
        "Pomoc żywnościowa",
        "Ogłoszenia",
    }
    years = {p.date.year for p in NewsPage.objects.all()}
    assert len(years) >= 6
    last = post(f"Aktualność numer {POSTS - 1}")
    assert (
        last.date.date()
        == (datetime.datetime(2016, 3, 1) + datetime.timedelta(days=73 * 31)).date()
    )
    assert last.lead == f"Treść aktualności {POSTS - 1}. Drugi akapit {POSTS - 1}."
    assert post("Aktualność numer 8").lead == "Krótki wstęp."


def test_featured_image_and_captioned_picture(imported):
    first = post("Festyn rodzinny w Testowie")
    assert first.image.title == "Festyn rodzinny"
    assert first.image.description == "Dzieci na festynie"
    kinds = [kind for kind, _ in blocks(first)]
    assert kinds == ["paragraph", "image", "paragraph"]
    image = first.body[1].value
    assert image["caption"] == "Dzieci bawiły się świetnie"
    # The resized copy in the content is the same picture: one image, not two.
    assert image["image"].pk == first.image.pk
    assert "festyn" in str(first.body[0].value) and "style" not in raw(first)


def test_gallery_shortcode_becomes_a_gallery(imported):
    gallery = dict(blocks(post("Wigilia w klubie seniora")))["gallery"]
    photos = list(gallery["images"])
    assert [p["image"].title for p in photos] == ["Wigilia 1", "Wigilia 2"]
    assert photos[0]["caption"] == "Wigilia w klubie"
    assert photos[0]["image"].contextual_alt_text == "Stół wigilijny"


def test_pdf_link_becomes_a_document_link_and_vague_text_is_reported(imported):
    document = get_document_model().objects.get()
    assert document.title == "Wniosek o zasiłek"
    assert f'linktype="document" id="{document.pk}"' in raw(post("Nowy wzór wniosku"))
    assert any("kliknij tutaj" in w and "Nowy wzór wniosku" in w for w in imported.warnings)


def test_youtube_iframe_becomes_the_consent_gated_block(imported):
    page = post("Film o naszej świetlicy")
    video = dict(blocks(page))["youtube"]
    assert video["url"] == f"https://www.youtube.com/watch?v={YOUTUBE_ID}"
    assert video["title"] == "Świetlica od środka"
    assert "tracker.example.com" not in raw(page)
    assert any("tracker.example.com" in w for w in imported.warnings)


def test_polish_text_headings_and_tables(imported):
    page = post("Zażółć gęślą jaźń — źdźbło")
    kinds = dict(blocks(page))
    assert kinds["heading"]["text"] == "Ważne" and kinds["heading"]["level"] == "h2"
    assert "Łódź, Świętokrzyskie, Żółw. Ąę óśćź." in str(kinds["paragraph"])
    # A link within the old site keeps only its path, which the redirects answer.
    assert '<a href="/kontakt/">Kontakt z nami</a>' in raw(page)
    table = kinds["table"]
    assert table["table"]["data"] == [["Dzień", "Godziny"], ["Poniedziałek", "8–16"]]
    assert table["table"]["first_row_is_table_header"] is True


def test_broken_html_is_cleaned_and_reported(imported):
    page = post("Zepsuty HTML")
    text = raw(page)
    for bad in (
        "<script",
        "javascript:",
        "onclick",
        "style=",
        "font-family",
        "contact-form-7",
        "<span",
    ):
        assert bad not in text
    assert "Niezamknięty akapit" in text and "<li>raz</li><li>dwa</li>" in text
    assert "zły link" in text  # the text of the removed link stays
    warnings = [w for w in imported.warnings if "Zepsuty HTML" in w]
    assert any("[contact-form-7]" in w for w in warnings)
    assert any("javascript:" in w for w in warnings)
    # The page renders (the same template residents see).
    page.save_revision().publish()


def test_missing_file_is_a_warning_not_an_error(imported):
    page = post("Zdjęcie, którego nie ma")
    assert page.live and list(page.body) == []
    assert any("brak.png" in w and "Zdjęcie, którego nie ma" in w for w in imported.warnings)


def test_same_content_is_one_image(imported):
    assert (
        post("Ta sama fotografia").body[0].value["image"].pk
        == post("Festyn rodzinny w Testowie").image.pk
    )
    assert get_image_model().objects.count() == 3  # festyn, two gallery pictures


def test_unpublished_post_stays_a_draft(imported):
    draft = post("Szkic niepublikowany")
    assert not draft.live


def test_pages_keep_their_hierarchy(imported):
    home = HomePage.objects.get()
    about = StandardPage.objects.get(title="O nas")
    assert about.get_parent().pk == home.pk
    history = StandardPage.objects.get(title="Historia")
    assert history.get_parent().pk == about.pk
    assert StandardPage.objects.get(title="Pierwsze lata").get_parent().pk == history.pk
    assert StandardPage.objects.get(title="Kadra").get_parent().pk == about.pk
    assert history.url == "/o-nas/historia/"


def test_old_addresses_redirect(imported, client, shared_old_site):
    entries = {e.title: e for e in shared_old_site.entries}
    first = post("Festyn rodzinny w Testowie")
    response = client.get("/2016/03/wpis-specjalny-0/")
    assert response.status_code == 301 and response["Location"] == first.url
    response = client.get(f"/?p={entries['Festyn rodzinny w Testowie'].post_id}")
    assert response.status_code == 301 and response["Location"] == first.url
    history = StandardPage.objects.get(title="Historia")
    response = client.get(f"/?page_id={entries['Historia'].post_id}")
    assert response["Location"] == history.url
    assert client.get("/historia/").status_code == 301
    document = get_document_model().objects.get()
    response = client.get("/wp-content/uploads/2021/03/wniosek.pdf")
    assert response.status_code == 301 and response["Location"] == document.url
    response = client.get("/wp-content/uploads/2019/05/festyn.png")
    assert response.status_code == 301 and response["Location"] == first.image.file.url
    # Every live post answers at its new address.
    for page in NewsPage.objects.live()[:5]:
        assert client.get(page.url).status_code == 200


def test_second_run_creates_nothing(imported, shared_old_site, run_wordpress):
    before = counts()
    again = run_wordpress(shared_old_site)
    assert again.created == [] and again.errors == []
    assert len(again.skipped) == POSTS + 1 + PAGES
    assert counts() == before


def test_dry_run_writes_nothing(news_index, old_site, run_wordpress):
    before = counts()
    report = run_wordpress(old_site, dry_run=True)
    assert counts() == before
    assert len(report.created) == POSTS + 1 + PAGES
    assert any("kliknij tutaj" in w for w in report.warnings)
    assert "nothing was written" in report.summary() or "niczego nie zapisano" in report.summary()


def test_nothing_is_overwritten_unless_asked(news_index, few_posts, run_wordpress):
    run_wordpress(few_posts)
    entry = next(e for e in few_posts.entries if e.title == "Krótka wiadomość 2")
    entry.title = "Krótka wiadomość 2 (poprawiona)"
    few_posts.write()
    page = NewsPage.objects.get(title="Krótka wiadomość 2")
    page.lead = "Poprawione ręcznie."
    page.save_revision().publish()
    report = run_wordpress(few_posts)
    assert report.created == [] and report.updated == []
    assert NewsPage.objects.get(pk=page.pk).title == "Krótka wiadomość 2"
    report = run_wordpress(few_posts, update=True)
    assert len(report.updated) == 7 and report.created == []
    assert NewsPage.objects.get(pk=page.pk).title == "Krótka wiadomość 2 (poprawiona)"
    assert NewsPage.objects.count() == 5


def test_an_interrupted_run_resumes(news_index, few_posts, run_wordpress):
    def stop_after_three(done, total):
        if done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_wordpress(few_posts, progress=stop_after_three)
    assert Page.objects.type(NewsPage, StandardPage).count() == 3
    report = run_wordpress(few_posts)
    assert len(report.created) == 4 and len(report.skipped) == 3
    assert NewsPage.objects.count() == 5 and StandardPage.objects.count() == 2


@pytest.mark.parametrize("encoding", ["windows-1250", "ISO-8859-2"])
def test_single_byte_encodings_keep_polish_letters(news_index, tmp_path, run_wordpress, encoding):
    site = SiteBuilder(tmp_path)
    site.add(
        Entry(
            1,
            "Zażółć gęślą jaźń",
            content="<p>Świetlica dla dzieci — Łódź</p>".replace("—", "-"),
            slug="zazolc",
        )
    )
    path = site.write(encoding=encoding)
    assert b"\xb3" in path.read_bytes()  # "ł" in both encodings: really not UTF-8
    report = run_wordpress(path, folder=site.uploads)
    assert report.errors == []
    page = post("Zażółć gęślą jaźń")
    assert "Świetlica dla dzieci - Łódź" in raw(page)


def test_drafts_go_to_the_moderation_workflow(
    news_index, few_posts, run_wordpress, django_user_model
):
    from wagtail.models import Workflow

    editor = django_user_model.objects.create_superuser("szef", "szef@example.pl", "x")
    run_wordpress(few_posts, mode="moderate", user=editor)
    page = post("Krótka wiadomość 3")
    assert not page.live
    if Workflow.objects.filter(active=True).exists():
        assert page.current_workflow_state is not None
        assert page.current_workflow_state.requested_by == editor


def test_every_imported_page_renders(imported, client):
    pages = list(NewsPage.objects.live()) + list(StandardPage.objects.live())
    assert len(pages) == POSTS + PAGES
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    html = client.get(post("Film o naszej świetlicy").url).content.decode()
    assert "youtube" in html.lower() and "<iframe" not in html  # gated until consent
    # What the old site said of a post is shown: who wrote it and its tags, each a listing.
    festyn = post("Festyn rodzinny w Testowie")
    html = client.get(festyn.url).content.decode()
    assert "Autor: Jan Nowak" in html
    tag_link = f'href="{festyn.get_parent().url}?tag=pomoc-%C5%BCywno%C5%9Bciowa" rel="tag">'
    assert tag_link + "Pomoc żywnościowa<" in html
    listing = client.get(festyn.get_parent().url, {"tag": "pomoc-żywnościowa"})
    assert listing.status_code == 200 and "Festyn rodzinny w Testowie" in listing.content.decode()


@pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="HTML validity is checked in the SQLite stage (same templates)",
)
def test_every_imported_page_is_valid_html(imported, client, tmp_path):
    """The cleaned old HTML (tables, galleries, captions, videos, broken markup) renders as
    valid HTML, checked by the Nu Html Checker like the demo's pages."""
    jar = vnu_jar()
    pages = list(NewsPage.objects.live()) + list(StandardPage.objects.live())
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        (tmp_path / f"{page.pk}.html").write_bytes(response.content)
    errors = vnu_errors(jar, tmp_path)
    assert errors == [], "\n".join(errors[:20])
