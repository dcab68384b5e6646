"""Site search helpers: accent folding and safe queries.

Residents often type without Polish letters ("swietlica", "zarzadzenie").
SQLite's FTS5 folds some accents but not "ł"; PostgreSQL folds none without
the unaccent extension. So every searchable page also indexes a folded copy
of its text, and every query is folded before it reaches the backend: the
same query finds the same pages on both databases.
"""

import functools
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


# Polish word forms (issue 16) ------------------------------------------------------------
#
# Morfeusz 2 (the morphological analyser of the Polish Academy of Sciences, from PyPI)
# gives every lemma a word form may have: "świetlicę" -> "świetlica", "karty" -> "karta"
# and "kart". Pages are indexed with the folded lemmas of their words, queries are turned
# into the same lemmas, so any form finds any other. Chosen over simplemma and pystempel
# by scripts/compare_lemmatizers.py: it joined all 71 pairs of demo word forms (simplemma
# 62, pystempel 60), merged none of the 15 pairs that must stay apart (pystempel merged
# "dom"/"domowy") and loads in a tenth of a second (the others: 7-11 s per process).

# Common Polish words that say nothing about what a resident looks for; never indexed,
# dropped from queries (folded, so typed with or without Polish letters alike).
_STOP_WORDS_TEXT = """
    a aby ach albo ale ani az bardzo bez bo by byc byl byla byli bylo beda bedzie ci cie
    co czy czyli dla do dzis gdy gdyz gdzie go ich ile im innych i ja jak jaka jaki
    jakie jakis jako je jego jej jemu jest jestem jestes jesli jezeli juz ka kazdy kiedy
    kto ktora ktore ktory ktorzy ku lub ma mam mi miedzy mnie moj moze mozna my na nad
    nam nas nasz nasze nawet nia nic nich nie niech niz no o od oraz on ona one oni ono
    pan pani po pod podczas przed przez przy sa sie sobie swoj ta tak taki takze tam te
    tego tej ten teraz tez to tobie toba trzeba tu tutaj twoj ty tylko u w we wiec
    wszystko wtedy z za ze zeby chce chcialbym chcialabym prosze szukam
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
_TOKEN = re.compile(r"[^\W_]+(?:[/-][^\W_]+)*", re.UNICODE)
_MAX_WORD = 40


@functools.cache
def _analyser():
    import morfeusz2

    return morfeusz2.Morfeusz(expand_tags=False, generate=False)


@functools.lru_cache(maxsize=100_000)
def lemmas(word):
    """The lemmas of one lower-case word, diacritics kept: ("świetlica",); the word if unknown.

    Cached per word: the demo and its tests index the same few thousand words again and again.
    """
    if not word or len(word) > _MAX_WORD or any(ch.isdigit() for ch in word):
        return (word,)
    found = []
    for _start, _end, (_form, lemma, *_rest) in _analyser().analyse(word):
        lemma = lemma.split(":", 1)[0].lower()
        if lemma and lemma not in found:
            found.append(lemma)
    return tuple(found) or (word,)


@functools.lru_cache(maxsize=100_000)
def word_keys(word):
    """Index keys of one lower-case word: its folded lemmas ("swietlica",), no stop words."""
    folded = fold(word)
    if folded in STOP_WORDS:
        return ()
    keys = []
    for lemma in lemmas(word):
        key = fold(lemma)
        if key and key not in STOP_WORDS and key not in keys:
            keys.append(key)
    return tuple(keys) or (folded,)


def words(text):
    """Lower-case words of ``text``; numbers like "12/2020" split into "12" and "2020"."""
    found = []
    for token in _TOKEN.findall((text or "").lower()):
        found.extend(part for part in re.split(r"[/-]", token) if part)
    return found


def lemma_keys(text):
    """Index keys of every word of ``text``, in order (a word with two lemmas gives both)."""
    keys = []
    for word in words(text):
        keys.extend(word_keys(word))
    return keys


def lemma_index_text(*parts):
    """The lemmatized, folded text the search backend indexes for a page."""
    return " ".join(lemma_keys(" ".join(str(part) for part in parts if part)))
