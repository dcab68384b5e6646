"""Phone numbers staff type in rich text become tel: links (issue 23)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from core.formatting import link_phones


@pytest.mark.parametrize(
    ("text", "href"),
    [
        ("Dzwoń pod 112.", "tel:112"),
        ("Niebieska Linia: 800 120 002", "tel:+48800120002"),
        ("Telefon zaufania 116 123 (całodobowo)", "tel:116123"),
        ("Sekretariat: 74 812 34 62, wew. 5", "tel:+48748123462"),
        ("Komórka +48 600 123 456", "tel:+48600123456"),
        ("Policja 997", "tel:997"),
        ("Dyżur: 74&nbsp;812&nbsp;34&nbsp;62", "tel:+48748123462"),
    ],
)
def test_numbers_become_tel_links(text, href):
    assert f'<a href="{href}">' in link_phones(f"<p>{text}</p>")


@pytest.mark.parametrize(
    "text",
    [
        "Zarządzenie nr 112/2024",
        "Kwota 1120 zł",
        "Data 2024-11-12",
        "Konto 12 1020 3040 5060 7080 9000 1234",
        "Godziny 8:00–16:00",
        "Art. 112.",
        "Zarządzenie nr 997 z dnia",
    ],
)
def test_other_numbers_stay_text(text):
    assert "tel:" not in link_phones(f"<p>{text}</p>")


def test_numbers_already_linked_are_left_alone():
    html = '<p><a href="tel:+48748123462">74 812 34 62</a> lub <a href="/x">116 123</a></p>'
    assert link_phones(html) == html


def test_attributes_are_not_touched():
    html = '<p><img alt="112" src="/112.png"> tekst</p>'
    assert link_phones(html) == html


def test_every_rich_text_in_templates_links_phone_numbers():
    """Staff type numbers into any rich-text field; each is rendered through link_phones."""
    templates = Path(settings.BASE_DIR) / "templates"
    unlinked = [
        f"{path.relative_to(templates)}: {match.group(0)}"
        for path in templates.rglob("*.html")
        for match in re.finditer(r"\|richtext(?!\|link_phones)[^}]*}}", path.read_text())
    ]
    assert unlinked == []
