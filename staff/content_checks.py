"""Content guardrails for staff: Wagtail's accessibility checker, configured for our content.

The checker runs axe-core in the page editor's "Checks" panel, inside the live preview: the
preview needs Wagtail's userbar for that, so base.html renders it for previews only (never on
public, cached pages). Opening a preview in a new tab shows the same checks in the userbar.

Besides Wagtail's own rules we check that images have alt text (or are marked decorative,
which Wagtail's ImageBlock enforces when saving), that headings are not empty and do not
skip levels (the page title is the only h1, so content headings start at h2), and we flag
link texts that say nothing out of context ("kliknij tutaj", "więcej", ...).
"""

import json

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem

# Link texts that make no sense read out of context (a screen reader's list of links).
# Compared with the link's whole text, lower-cased, punctuation and arrows trimmed.
VAGUE_LINK_TEXTS = [
    "kliknij",
    "kliknij tu",
    "kliknij tutaj",
    "kliknij w link",
    "tu",
    "tutaj",
    "więcej",
    "więcej informacji",
    "czytaj więcej",
    "czytaj dalej",
    "dalej",
    "zobacz",
    "zobacz więcej",
    "szczegóły",
    "link",
    "ten link",
    "strona",
    "click here",
    "here",
    "more",
    "read more",
]

LINK_TEXT_RULE = "link-text-quality"
LINK_TEXT_CHECK = "check-link-text-quality"


class OpsContentChecker(ContentCheckerItem):
    """Wagtail's content checker with our rules and Polish messages."""

    class Media:
        # Loaded by the userbar right after axe: the link-text check's function (the admin's
        # CSP forbids eval, so it cannot travel as text in the JSON configuration).
        js = ["js/admin-a11y-checks.js"]

    axe_run_only = [
        # Images: alt text present and not a file name.
        "image-alt",
        "alt-text-quality",
        "input-image-alt",
        "role-img-alt",
        # Headings: not empty, no skipped levels (content starts at h2 under the h1 title).
        "empty-heading",
        "heading-order",
        "p-as-heading",
        # Links and buttons: a name, and a meaningful one.
        "link-name",
        LINK_TEXT_RULE,
        "button-name",
        "input-button-name",
        # Tables and embeds.
        "empty-table-header",
        "th-has-data-cells",
        "frame-title",
        # Page text readable.
        "color-contrast",
        "empty-meta-description",
    ]

    axe_custom_rules = [
        *ContentCheckerItem.axe_custom_rules,
        {
            "id": LINK_TEXT_RULE,
            "impact": "serious",
            "selector": "a[href]",
            "tags": ["best-practice"],
            "any": [LINK_TEXT_CHECK],
            "enabled": True,
            "metadata": {
                "description": "Link text must make sense out of context",
                "help": "Use link text that says where the link leads",
            },
        },
    ]

    axe_custom_checks = [
        *ContentCheckerItem.axe_custom_checks,
        # Its evaluate function is in static/js/admin-a11y-checks.js (see Media above).
        {"id": LINK_TEXT_CHECK, "options": {"phrases": VAGUE_LINK_TEXTS}},
    ]

    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "image-alt": {
            "error_name": _("Image without alternative text"),
            "help_text": _(
                "Describe what the image shows in the alt text, or mark the image as "
                "decorative if it adds nothing to the text."
            ),
        },
        "alt-text-quality": {
            "error_name": _("Alternative text looks like a file name"),
            "help_text": _(
                "Describe what the image shows, e.g. “Children drawing in the day-care room”, "
                "not “IMG_1234.jpg”."
            ),
        },
        "input-image-alt": {
            "error_name": _("Image button without alternative text"),
            "help_text": _("Say what the button does in its alternative text."),
        },
        "role-img-alt": {
            "error_name": _("Graphic without alternative text"),
            "help_text": _("Give the graphic a text alternative."),
        },
        "empty-heading": {
            "error_name": _("Empty heading"),
            "help_text": _("Give the heading text or remove it; do not use headings for spacing."),
        },
        "heading-order": {
            "error_name": _("Heading levels skipped"),
            "help_text": _(
                "The page title is the only level 1 heading: start the content with level 2 "
                "(H2) and do not skip levels (H2, then H3)."
            ),
        },
        "p-as-heading": {
            "error_name": _("Bold paragraph used as a heading"),
            "help_text": _("Use a real heading (H2, H3) instead of bold text."),
        },
        "link-name": {
            "error_name": _("Link without text"),
            "help_text": _("Every link needs text that says where it leads."),
        },
        LINK_TEXT_RULE: {
            "error_name": _("Link text says nothing out of context"),
            "help_text": _(
                "Texts like “click here”, “here”, “more” or “read more” do not say where the "
                "link leads. Use words that describe the target, e.g. “Application form for "
                "the day-care room (PDF)”."
            ),
        },
        "button-name": {
            "error_name": _("Button without text"),
            "help_text": _("Every button needs text that says what it does."),
        },
        "input-button-name": {
            "error_name": _("Button without text"),
            "help_text": _("Every button needs text that says what it does."),
        },
        "empty-table-header": {
            "error_name": _("Empty table header"),
            "help_text": _("Give every header cell text, or turn off the header row or column."),
        },
        "th-has-data-cells": {
            "error_name": _("Table header without data"),
            "help_text": _("Every header cell should describe some data cells."),
        },
        "frame-title": {
            "error_name": _("Embedded content without a title"),
            "help_text": _("Give embedded content (e.g. a video) a title."),
        },
        "color-contrast": {
            "error_name": _("Text with too little contrast"),
            "help_text": _("Text must stand out clearly from its background."),
        },
        "empty-meta-description": {
            "error_name": _("Search description is empty"),
            "help_text": _(
                "Write one or two sentences for search engines in the “Promote” tab, "
                "or leave the field blank."
            ),
        },
    }


def use_ops_checker(items):
    """Replace Wagtail's checker item with ours, keeping whether it runs in the editor."""
    for position, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, OpsContentChecker):
            items[position] = OpsContentChecker(in_editor=getattr(item, "in_editor", False))


@hooks.register("construct_wagtail_userbar")
def replace_content_checker(request, items, page):
    use_ops_checker(items)


def axe_spec_json(request=None):
    """The checker's axe configuration as JSON (used by tests and for debugging)."""
    return json.dumps(OpsContentChecker().get_axe_configuration(request), default=str)
