"""Helpers of the admin language crawl: the site it crawls, the views, the English it looks for.

The list of English UI text is built from Wagtail's own source catalogues (``locale/en``,
every msgid Wagtail 8 can show): each msgid is cut at its placeholders and tags, and the
pieces of two words or more are looked for in the visible text of every admin screen. A
piece our Polish catalogue translates to the same words (a name) is left out.
"""

import datetime
import html
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib
import wagtail
from django.apps import apps
from django.db import models
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

WAGTAIL_DIR = Path(wagtail.__file__).parent

# Broken Polish and English seen by staff (issue 21), besides Wagtail's whole catalogue.
ISSUE_PHRASES = [
    "Wyślij do Zatwierdzenie przez moderatora",
    "Wybierz kategoria",
    "Dodaj Zmiana",
    "Dodaj Plik",
    "Dodaj Dokument",
    "Dodaj Zdjęcie",
    "zaktualizowane",
    "Ten wiadomość",
    "ten strona",
    "pikesli",
    "upusć",
    "wyszukiawania",
    "Stronie czekające",
    "w właściwościach",
    "seconds ago",
    "minutes ago",
    "hours ago",
    "checkboxach",
    "dropdown",
    "domain.com",
    "There are no",
    "Why not add one",
    "created in",
    "utworzonych w",
    "wszytkich",
    "znajdziejsz",
    "Wyszukiwania fraza",
    "skrawki",
    "Czy jesteś pewny",
]
# Whole words that are English wherever they stand alone in a Polish screen.
ISSUE_WORDS = ["Saved", "True", "False", "Admin", "None"]
PATTERNS = [re.compile(r"\b\d+\s*-\s*\d+ of \d+")]

# Markup attributes whose text staff read or hear.
TEXT_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "aria-description")
SKIPPED_TAGS = {"script", "style", "template", "textarea", "code", "pre"}
PLACEHOLDER = re.compile(r"%\([^)]*\)[sdif]|%[sdif]|\{[^}]*\}|<[^>]*>|&\w+;")


VOID_TAGS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
    "use",
    "path",
}


class VisibleText(HTMLParser):
    """Text a person sees or hears: element text and the attributes read aloud.

    Scripts, templates and elements marked ``hidden`` (filled in by the admin's JavaScript
    before they show) are left out; hidden tab panels (the editor's other tabs) are not.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = 0
        self.open = []  # (tag, whether it started a skipped part)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs, void=True)

    def handle_starttag(self, tag, attrs, void=False):
        attributes = dict(attrs)
        # A hidden tab panel is a click away; other hidden parts wait for the JavaScript.
        hidden = "hidden" in attributes and attributes.get("role") != "tabpanel"
        skipped = tag in SKIPPED_TAGS or hidden
        if not void and tag not in VOID_TAGS:
            self.open.append((tag, skipped))
            self.skipping += skipped
        if self.skipping:
            return
        for name, value in attrs:
            if name in TEXT_ATTRIBUTES and value:
                self.parts.append(value)
        if tag == "input":
            attrs = dict(attrs)
            if attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if not any(open_tag == tag for open_tag, _ in self.open):
            return
        while self.open:
            open_tag, skipped = self.open.pop()
            self.skipping -= skipped
            if open_tag == tag:
                break

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.parts.append(data)


def visible_text(markup):
    parser = VisibleText()
    parser.feed(markup)
    return "\n".join(" ".join(part.split()) for part in parser.parts)


def _pieces(msgid):
    for piece in PLACEHOLDER.split(html.unescape(msgid)):
        piece = piece.strip(" .,:;!?()'\"–-…/")
        words = re.findall(r"[A-Za-z']+", piece)
        if len(words) >= 2 and len(piece) >= 8 and re.fullmatch(r"[\x20-\x7e…’–]+", piece):
            yield piece


@cache
def english_phrases():
    """English pieces of every msgid of Wagtail's source catalogues (django and djangojs)."""
    from django.utils import translation

    phrases = set()
    with translation.override("pl"):
        for path in WAGTAIL_DIR.rglob("locale/en/LC_MESSAGES/*.po"):
            for entry in polib.pofile(str(path)):
                if entry.obsolete:
                    continue
                for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                    for piece in _pieces(msgid):
                        phrases.add(piece)
    # A piece that the Polish catalogue itself uses (a name like "Open Graph") is not English.
    polish = polish_catalogue_text()
    return sorted(phrase for phrase in phrases if phrase not in polish)


@cache
def polish_catalogue_text():
    from django.utils.translation import trans_real

    catalogue = trans_real.translation("pl")._catalog
    return "\n".join(str(value) for _, value in catalogue.items())


def english_found(text):
    """The English phrases and issue phrases in a screen's visible text."""
    found = [phrase for phrase in english_phrases() if _contains(text, phrase)]
    found += [phrase for phrase in ISSUE_PHRASES if phrase in text]
    found += [word for word in ISSUE_WORDS if re.search(rf"(?<![\w-]){word}(?![\w-])", text)]
    found += [match.group(0) for pattern in PATTERNS for match in pattern.finditer(text)]
    return found


def _contains(text, phrase):
    start = text.find(phrase)
    while start != -1:
        before = text[start - 1] if start else " "
        end = start + len(phrase)
        after = text[end] if end < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        start = text.find(phrase, start + 1)
    return False


# --- The site the crawl opens: one page of every type ---------------------------------


def our_page_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page)
        and model is not Page
        and model.__module__.split(".")[0]
        in {config.name for config in apps.get_app_configs() if "site-packages" not in config.path}
    ]


# Values that must have a shape (a checked format).
KNOWN_VALUES = {"number": "1/2026"}


def _dummy(field, n):
    if isinstance(field, models.SlugField):
        return f"s{n}"
    if isinstance(field, models.EmailField):
        return "ops@example.pl"
    if isinstance(field, models.URLField):
        return "https://example.pl/"
    if isinstance(field, (models.CharField, models.TextField)):
        return KNOWN_VALUES.get(field.name, "Tekst")
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return timezone.localdate()
    if isinstance(field, models.TimeField):
        return datetime.time(9)
    if isinstance(field, (models.IntegerField, models.DecimalField, models.FloatField)):
        return 1
    if isinstance(field, models.BooleanField):
        return False
    return None


def _instance(model, n):
    values = {"title": f"{model._meta.verbose_name} {n}", "slug": f"strona-{n}"}
    page_fields = {field.name for field in Page._meta.get_fields()}
    for field in model._meta.concrete_fields:
        if field.name in page_fields or field.name in values or field.primary_key:
            continue
        if field.has_default() or field.blank:
            continue
        if field.is_relation:
            if field.many_to_one and not issubclass(field.related_model, Page):
                values[field.name] = _related(field.related_model, n)
            continue
        value = _dummy(field, n)
        if value is not None:
            values[field.name] = value
    return model(**values)


def _related(model, n):
    """A row a page must point at (e.g. a funding programme), with made-up values."""
    from tests.factories import make_image, make_pdf_document

    if model is get_document_model():
        return make_pdf_document()
    if model is get_image_model():
        return make_image()
    values = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.null or field.has_default() or field.is_relation:
            continue
        value = _dummy(field, n)
        if value is not None:
            values[field.name] = value
    return model.objects.create(**values)


def build_page_of_every_type(home, user):
    """One page of every page type of ours, published by ``user``, each where it may live."""
    pages = {type(home): home}
    todo = [model for model in our_page_models() if model is not type(home)]
    progress = True
    while todo and progress:
        progress = False
        for model in list(todo):
            parent = next(
                (
                    page
                    for page_type, page in pages.items()
                    if model in page_type.allowed_subpage_models() and model.can_create_at(page)
                ),
                None,
            )
            if parent is None:
                continue
            page = _instance(model, len(pages))
            page.owner = user
            parent.add_child(instance=page)
            page.save_revision(user=user).publish(user=user)
            pages[model] = page
            todo.remove(model)
            progress = True
    return {model._meta.label: page.pk for model, page in pages.items()}
