"""Site search helpers: accent folding and safe queries.

Residents often type without Polish letters ("swietlica", "zarzadzenie").
SQLite's FTS5 folds some accents but not "ł"; PostgreSQL folds none without
the unaccent extension. So every searchable page also indexes a folded copy
of its text, and every query is folded before it reaches the backend: the
same query finds the same pages on both databases.
"""

import re
import unicodedata

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 12

_EXTRA_FOLDS = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "ø": "o", "ß": "ss"})
_WORD = re.compile(r"[0-9a-z]+(?:[/-][0-9a-z]+)*")


def fold(text):
    """Lower-case ``text`` and strip diacritics: "Świetlica Łódź" -> "swietlica lodz"."""
    text = (text or "").translate(_EXTRA_FOLDS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def clean_query(raw):
    """Turn any user input into a safe, folded query of plain words.

    Quotes, operators and punctuation never reach the backend (an unbalanced
    quote makes SQLite's FTS5 raise, Wagtail bug #13227). Ordinance numbers
    such as "12/2020" are split into their digits, which is how they are
    indexed too. Returns "" when nothing searchable is left.
    """
    words = _WORD.findall(fold(str(raw)[:MAX_QUERY_LENGTH]))
    terms = []
    for word in words:
        for part in re.split(r"[/-]", word):
            if part and part not in terms:
                terms.append(part)
    return " ".join(terms[:MAX_QUERY_WORDS])


def folded_index_text(*parts):
    """Folded text for the search index, with number separators turned into spaces."""
    text = " ".join(str(part) for part in parts if part)
    return re.sub(r"[/-]", " ", fold(text))


# Apps register functions that find the one page a query names exactly (an ordinance
# by its number): the site search shows those first, whatever the ranking says.
EXACT_MATCH_FINDERS = []


def register_exact_match(finder):
    """``finder(raw_query) -> [page, ...]``: pages the query names exactly."""
    EXACT_MATCH_FINDERS.append(finder)
    return finder


def exact_matches(raw_query):
    found = []
    for finder in EXACT_MATCH_FINDERS:
        found.extend(page for page in finder(raw_query) if page not in found)
    return found
