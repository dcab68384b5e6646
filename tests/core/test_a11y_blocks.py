"""Image and gallery blocks render the picture with its alt text (or alt="" when decorative),
and the gallery carries the lightbox's words, translated, for main.js."""

import re

import pytest
from django.utils import translation

from core.blocks import CaptionedImageBlock, GalleryBlock
from demo.media import PALETTES, demo_image


@pytest.fixture
def photo(db):
    return demo_image("Dzieci w świetlicy", PALETTES["blue"], "sun", "Opis z biblioteki")


def image_value(photo, *, alt="", decorative=False, caption=""):
    return {
        "image": {"image": photo.pk, "decorative": decorative, "alt_text": alt},
        "caption": caption,
    }


def test_image_block_renders_picture_with_alt_text(photo):
    block = CaptionedImageBlock()
    value = block.to_python(image_value(photo, alt="Dzieci rysują przy stole", caption="Zajęcia"))
    html = block.render(value)
    assert "<picture>" in html
    assert re.search(r'<img [^>]*alt="Dzieci rysują przy stole"', html)
    assert "<figcaption>Zajęcia</figcaption>" in html


def test_decorative_image_has_empty_alt(photo):
    block = CaptionedImageBlock()
    html = block.render(block.to_python(image_value(photo, decorative=True)))
    assert re.search(r'<img [^>]*alt=""', html)
    assert "Opis z biblioteki" not in html


def test_gallery_links_to_large_photo_and_carries_translated_lightbox_words(photo):
    block = GalleryBlock()
    value = block.to_python(
        {"title": "", "images": [image_value(photo, alt="Dzieci przy stole", caption="Zajęcia")]}
    )
    with translation.override("pl"):
        html = block.render(value)
    link = re.search(r'<a href="([^"]+)" class="gallery__link"[^>]*>', html)
    assert link and link.group(1).endswith(".jpg")
    assert 'data-alt="Dzieci przy stole"' in link.group(0)
    assert re.search(r'<img [^>]*alt="Dzieci przy stole"', html)
    assert 'data-label-dialog="Powiększone zdjęcie"' in html
    assert 'data-label-prev="Poprzednie zdjęcie"' in html
    assert 'data-label-next="Następne zdjęcie"' in html
    assert 'data-label-close="Zamknij"' in html
    assert 'data-label-counter="zdjęcie {number} z {total}"' in html
    assert "(powiększ zdjęcie 1 z 1)" in html


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Wniosek o zasiłek", "Pobierz Wniosek o zasiłek"),
        ("Pobierz wniosek o zasiłek", "Pobierz wniosek o zasiłek"),
        ("pobierz regulamin", "Pobierz regulamin"),
        ("Pobieranie opłat – cennik", "Pobierz Pobieranie opłat – cennik"),
    ],
)
def test_a_download_link_says_pobierz_once(title, text):
    from core.templatetags.core_tags import download_text

    with translation.override("pl"):
        assert download_text(title) == text
