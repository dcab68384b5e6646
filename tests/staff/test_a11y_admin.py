"""Content guardrails for staff: the accessibility checker in the page editor, alt text rules.

The checker's rules themselves run in a real browser in tests/browser/test_a11y_checker.py.
"""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from wagtail.admin.userbar import AccessibilityItem, AdminItem
from wagtail.blocks.struct_block import StructBlockValidationError

from core.blocks import CaptionedImageBlock
from demo.media import PALETTES, demo_image
from staff.content_checks import (
    LINK_TEXT_RULE,
    VAGUE_LINK_TEXTS,
    OpsContentChecker,
    replace_content_checker,
)


def test_hook_replaces_wagtails_checker_and_keeps_other_items():
    admin_item = AdminItem()
    items = [admin_item, AccessibilityItem(in_editor=True)]
    replace_content_checker(None, items, None)
    assert items[0] is admin_item
    assert type(items[1]) is OpsContentChecker
    assert items[1].in_editor is True


def test_checker_runs_our_rules():
    config = OpsContentChecker().get_axe_configuration(None)
    run_only = config["options"]["runOnly"]
    for rule in ["image-alt", "alt-text-quality", "empty-heading", "heading-order", LINK_TEXT_RULE]:
        assert rule in run_only
    rule = next(r for r in config["spec"]["rules"] if r["id"] == LINK_TEXT_RULE)
    assert rule["selector"] == "a[href]"
    check = next(c for c in config["spec"]["checks"] if c["id"] == rule["any"][0])
    # No function as text (the admin's CSP forbids eval): it ships as a static file.
    assert "evaluate" not in check
    assert "js/admin-a11y-checks.js" in str(OpsContentChecker().media)
    for phrase in ["kliknij tutaj", "tutaj", "więcej", "czytaj więcej", "link"]:
        assert phrase in check["options"]["phrases"]
    # Wagtail's own custom rules stay.
    assert {"alt-text-quality", "empty-meta-description"} <= {
        r["id"] for r in config["spec"]["rules"]
    }


def test_phrases_are_normalised_like_the_check_compares_them():
    for phrase in VAGUE_LINK_TEXTS:
        assert phrase == phrase.strip().lower()
        assert "  " not in phrase


def test_messages_are_polish():
    with translation.override("pl"):
        messages = {
            key: {k: str(v) for k, v in value.items()}
            for key, value in OpsContentChecker().get_axe_messages(None).items()
        }
    assert messages[LINK_TEXT_RULE]["error_name"] == "Tekst linku nic nie mówi bez kontekstu"
    assert "„kliknij tutaj”" in messages[LINK_TEXT_RULE]["help_text"]
    assert messages["heading-order"]["error_name"] == "Pominięty poziom nagłówka"
    assert "H2" in messages["heading-order"]["help_text"]
    assert messages["image-alt"]["error_name"] == "Obraz bez tekstu alternatywnego"
    assert "dekoracyjny" in messages["image-alt"]["help_text"]


@pytest.mark.django_db
def test_page_editor_checks_panel_uses_our_configuration(client, home):
    user = get_user_model().objects.create_superuser("redaktor", "r@example.pl", "haslo-123456")
    client.force_login(user)
    response = client.get(f"/admin/pages/{home.pk}/edit/", HTTP_ACCEPT_LANGUAGE="pl")
    assert response.status_code == 200
    html = response.content.decode()
    match = re.search(
        r'<script id="checker-axe-configuration" type="application/json">(.*?)</script>',
        html,
        re.S,
    )
    assert match, "the Checks panel carries the axe configuration"
    config = json.loads(match.group(1))
    assert LINK_TEXT_RULE in config["options"]["runOnly"]
    assert LINK_TEXT_RULE in {rule["id"] for rule in config["spec"]["rules"]}
    assert config["messages"][LINK_TEXT_RULE]["error_name"] == (
        "Tekst linku nic nie mówi bez kontekstu"
    )


@pytest.mark.django_db
def test_previews_carry_the_userbar_with_our_checker_and_public_pages_do_not(client, home):
    user = get_user_model().objects.create_superuser("redaktorka", "k@example.pl", "haslo-654321")
    client.force_login(user)
    # "View draft" renders the page as a preview (request.is_preview), like the editor's panel.
    response = client.get(f"/admin/pages/{home.pk}/view_draft/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<wagtail-userbar>" in html
    assert "/static/js/admin-a11y-checks.js" in html
    assert LINK_TEXT_RULE in html
    client.logout()
    public = client.get("/").content.decode()
    assert "wagtail-userbar" not in public
    assert "admin-a11y-checks.js" not in public


@pytest.mark.django_db
def test_image_needs_alt_text_or_decorative_choice():
    image = demo_image("Zdjęcie testowe", PALETTES["blue"], "sun", "")
    block = CaptionedImageBlock()
    no_alt = block.to_python({"image": {"image": image.pk, "decorative": False, "alt_text": ""}})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(no_alt)
    assert "alt_text" in error.value.block_errors["image"].block_errors
    decorative = block.to_python({"image": {"image": image.pk, "decorative": True, "alt_text": ""}})
    assert block.clean(decorative)["image"].decorative is True
    described = block.to_python(
        {"image": {"image": image.pk, "decorative": False, "alt_text": "Dzieci przy stole"}}
    )
    assert block.clean(described)["image"].contextual_alt_text == "Dzieci przy stole"
