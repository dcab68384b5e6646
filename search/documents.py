"""The site search's page records, written when a page is indexed (see search.backend)."""

from django.utils.html import strip_tags
from wagtail.models import Page

from core.search import fold, lemma_keys, lemmas, word_keys, words

from .models import SearchDocument, SearchTerm

EXCERPT_CHARS = 6000
MAX_TERM = 40
SECTION_DEPTH = 3  # root (1), home (2), the home page's children: the sections


def section_path(page):
    return page.path[: Page.steplen * min(page.depth, SECTION_DEPTH)]


def unique(keys):
    return " ".join(dict.fromkeys(keys))


def word_alternatives(text):
    """Keys word by word, a word's alternatives joined by "|": "klub seniora|senior"."""
    return " ".join("|".join(keys) for word in words(text) if (keys := word_keys(word)))


def plain(text):
    return " ".join(strip_tags(str(text)).split())


def record(page, data):
    texts = [plain(text) for text in data["texts"] if text]
    headings = [plain(text) for text in data["headings"] if text]
    return SearchDocument(
        page_id=page.pk,
        section_path=section_path(page),
        weight=data["weight"],
        date=data["date"],
        title_keys=word_alternatives(data["title"]),
        heading_keys=word_alternatives(" ".join(headings)),
        body_keys=unique(lemma_keys(" ".join(texts))),
        excerpt_text=" ".join(texts)[:EXCERPT_CHARS],
    )


def add_vocabulary(found, data):
    """The page's words and their lemmas, folded, with the form to show in a suggestion."""
    for text in [data["title"], *data["headings"], *data["texts"]]:
        for word in words(plain(text or "")):
            if len(word) < 3 or len(word) > MAX_TERM or any(ch.isdigit() for ch in word):
                continue
            found.setdefault(fold(word), (word, " ".join(word_keys(word))))
            for lemma in lemmas(word):
                if 3 <= len(lemma) <= MAX_TERM:
                    found.setdefault(fold(lemma), (lemma, fold(lemma)))


def store(items):
    """Records for the pages among ``items`` (other indexed models are left alone)."""
    pages = [item for item in items if hasattr(item, "search_document") and item.pk]
    if not pages:
        return
    records, terms = [], {}
    for page in pages:
        data = page.search_document()
        records.append(record(page, data))
        if page.live:
            # Suggestions come from published pages only: a draft's words stay unseen.
            add_vocabulary(terms, data)
    SearchDocument.objects.filter(pk__in=[page.pk for page in pages]).delete()
    SearchDocument.objects.bulk_create(records, batch_size=500)
    SearchTerm.objects.bulk_create(
        [
            SearchTerm(word=word, display=display, keys=keys[:200], length=len(word))
            for word, (display, keys) in terms.items()
        ],
        ignore_conflicts=True,
        batch_size=500,
    )


def forget(item):
    if isinstance(item, Page):
        SearchDocument.objects.filter(pk=item.pk).delete()
