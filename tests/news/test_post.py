"""A news post: what residents see, sharing metadata, structured data, body blocks."""

import json
import re
from datetime import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from news.models import NewsPage
from tests.factories import make_category, make_image, make_index, make_post


@pytest.fixture
def news_index(home):
    return make_index(home)


@pytest.fixture
def post(news_index, site_settings):
    image = make_image(
        "Nordic walking", alt="Seniorzy z kijkami na leśnej ścieżce", size=(1600, 900)
    )
    category = make_category("Seniorzy")
    return make_post(
        news_index,
        "Ruszył nordic walking dla seniorów",
        slug="nordic-walking",
        date=timezone.make_aware(datetime(2025, 9, 3, 10, 30)),
        lead="Co wtorek spacerujemy z kijkami po parku zdrojowym. Zapraszamy!",
        image=image,
        image_caption="Pierwszy trening w parku. Fot. MGOPS",
        category=category,
    )


def head_of(response):
    return response.content.decode().split("</head>")[0]


def test_post_page_shows_title_date_lead_image_and_back_link(client, post):
    response = client.get("/aktualnosci/nordic-walking/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Ruszył nordic walking dla seniorów</h1>" in html
    assert '<time datetime="2025-09-03T10:30:00+02:00">3 września 2025</time>' in html
    assert "Co wtorek spacerujemy z kijkami" in html
    assert 'alt="Seniorzy z kijkami na leśnej ścieżce"' in html
    assert "<figcaption>Pierwszy trening w parku. Fot. MGOPS</figcaption>" in html
    assert '<a href="/aktualnosci/?kategoria=seniorzy">Seniorzy</a>' in html
    assert "Wróć do wszystkich aktualności" in html
    assert html.count("<h1") == 1


def test_canonical_description_and_opengraph(client, post):
    head = head_of(client.get("/aktualnosci/nordic-walking/"))
    assert '<link rel="canonical" href="http://testserver/aktualnosci/nordic-walking/">' in head
    assert (
        '<meta name="description" content="Co wtorek spacerujemy z kijkami po parku '
        'zdrojowym. Zapraszamy!">' in head
    )
    og = dict(re.findall(r'<meta property="(og:[a-z:_]+)" content="([^"]*)">', head))
    assert og["og:type"] == "article"
    assert og["og:title"] == "Ruszył nordic walking dla seniorów"
    assert og["og:description"].startswith("Co wtorek spacerujemy")
    assert og["og:url"] == "http://testserver/aktualnosci/nordic-walking/"
    assert og["og:locale"] == "pl_PL"
    assert og["og:site_name"] == "Ośrodek Pomocy Społecznej w Testowie"
    assert re.fullmatch(
        r"http://testserver/media/images/[^\"]+\.fill-1200x630[^\"]*\.jpg", og["og:image"]
    )
    assert (og["og:image:width"], og["og:image:height"]) == ("1200", "630")
    assert og["og:image:alt"] == "Seniorzy z kijkami na leśnej ścieżce"
    # The og:image is a real file of a rendition.
    rendition = post.image.renditions.get(filter_spec="fill-1200x630|format-jpeg")
    assert og["og:image"] == "http://testserver" + rendition.url
    assert rendition.file.storage.exists(rendition.file.name)


def test_json_ld_news_article(client, post):
    head = head_of(client.get("/aktualnosci/nordic-walking/"))
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Ruszył nordic walking dla seniorów"
    assert data["datePublished"] == "2025-09-03T08:30:00+00:00"
    assert data["mainEntityOfPage"] == "http://testserver/aktualnosci/nordic-walking/"
    assert data["image"][0].startswith("http://testserver/media/images/")
    assert data["publisher"]["name"] == "Ośrodek Pomocy Społecznej w Testowie"
    assert data["articleSection"] == "Seniorzy"


def test_json_ld_cannot_break_out_of_script(client, news_index):
    make_post(news_index, "Zła </script><script>alert(1)</script>", slug="zla")
    html = client.get("/aktualnosci/zla/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block
    assert json.loads(block)["headline"].startswith("Zła </script>")


def test_post_without_image_has_no_og_image(client, news_index):
    make_post(news_index, "Bez zdjęcia", slug="bez-zdjecia")
    head = head_of(client.get("/aktualnosci/bez-zdjecia/"))
    assert 'property="og:title"' in head
    assert "og:image" not in head


def _pdf():
    Document = get_document_model()
    document = Document(title="Regulamin projektu")
    document.file.save("regulamin.pdf", ContentFile(b"%PDF-1.4\n" + b"x" * 122_000), save=False)
    document.save()
    return document


def test_body_blocks_render(client, news_index):
    photos = [make_image(f"Zdjęcie {n}", alt=f"Opis zdjęcia {n}") for n in range(3)]
    logo = make_image("Logo UE", alt="")
    document = _pdf()
    body = [
        {"type": "heading", "value": {"text": "Jak to było", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Dziękujemy wolontariuszom.</p>"},
        {
            "type": "gallery",
            "value": {
                "title": "Zdjęcia z akcji",
                "images": [
                    {
                        "image": {
                            "image": p.pk,
                            "alt_text": f"Opis zdjęcia {n}",
                            "decorative": False,
                        },
                        "caption": f"Podpis {n}",
                    }
                    for n, p in enumerate(photos)
                ],
            },
        },
        {
            "type": "documents",
            "value": {
                "heading": "Do pobrania",
                "documents": [{"document": document.pk, "title": ""}],
            },
        },
        {
            "type": "youtube",
            "value": {
                "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                "title": "Film z pikniku",
            },
        },
        {
            "type": "cofinanced",
            "value": {
                "heading": "Projekt współfinansowany ze środków Unii Europejskiej",
                "logos": [
                    {"image": logo.pk, "name": "Dofinansowane przez Unię Europejską", "url": ""}
                ],
                "description": "<p>Wartość projektu: 120 000 zł.</p>",
            },
        },
    ]
    make_post(news_index, "Z blokami", slug="z-blokami", body=json.dumps(body))
    html = client.get("/aktualnosci/z-blokami/").content.decode()
    assert "Jak to było" in html and "Dziękujemy wolontariuszom." in html
    assert html.count("data-gallery-item") == 3
    assert 'alt="Opis zdjęcia 1"' in html
    assert re.search(r"\(PDF, 119 KB\)", html)
    assert "https://www.youtube.com/watch?v=aqz-KE-bpKQ" in html
    assert "<iframe" not in html  # nothing from YouTube before consent
    assert "Projekt współfinansowany ze środków Unii Europejskiej" in html
    assert re.search(r'<img [^>]*alt="Dofinansowane przez Unię Europejską"', html)
    assert "Wartość projektu: 120 000 zł." in html


def test_post_found_by_title_lead_and_body(client, news_index):
    body = json.dumps([{"type": "paragraph", "value": "<p>Zbiórka kasztanów dla zwierząt</p>"}])
    make_post(news_index, "Wielka zbiórka", lead="Zapraszamy przedszkolaki.", body=body)
    for query in ["wielka", "przedszkolaki", "kasztanow"]:
        html = client.get("/szukaj/", {"q": query}).content.decode()
        assert "Wielka zbiórka" in html, query


def test_sitemap_lists_posts_with_absolute_urls(client, post):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/aktualnosci/nordic-walking/</loc>" in xml
    assert "<loc>http://testserver/aktualnosci/</loc>" in xml


def test_search_texts_cover_lead_caption_and_body(news_index):
    body = json.dumps([{"type": "paragraph", "value": "<p>Treść w środku</p>"}])
    post = make_post(news_index, "Tytuł", lead="Wstęp", image_caption="Podpis", body=body)
    post = NewsPage.objects.get(pk=post.pk)
    text = post.search_folded_text()
    for word in ["tytul", "wstep", "podpis", "tresc w srodku"]:
        assert word in text
