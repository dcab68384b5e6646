"""Finding a social worker's area from what a resident types: accents and word forms forgiven.

"Lipowej 5", "ul. lipowa 5", "LIPOWA" and "Lipowa, 5" all name ul. Lipowa 5; "w Wólce"
finds the village Wólka. Words are folded (no accents, lower case) and cut to a stem by
dropping Polish endings; two stems match when they are equal, or when they differ only
in their last letter (Wólka / Wólce, Góra / Górze), which ranks below an exact match.
"""

import re

from core.search import fold

# Words residents add that are not part of a name.
STOP_WORDS = {
    "ul",
    "ulica",
    "ulicy",
    "al",
    "aleja",
    "alei",
    "os",
    "osiedle",
    "osiedlu",
    "pl",
    "plac",
    "placu",
    "wies",
    "wsi",
    "gmina",
    "gminy",
    "nr",
    "numer",
    "m",
    "w",
    "we",
    "na",
    "przy",
    "mieszkam",
    "lok",
    "lokal",
}
# Endings dropped to reach a stem, longest first ("Lipowej" -> "lipow", "Dębinie" -> "debin").
ENDINGS = ["ego", "ich", "ach", "ami", "iej", "ej", "ie", "em", "om", "ym"] + list("aeiouy")
MIN_STEM = 3
_TOKEN = re.compile(r"[0-9]+[a-z]?|[a-z]+")


def stem(word):
    if word.isdigit():
        return word
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def words_of(text):
    return [stem(token) for token in _TOKEN.findall(fold(text)) if token not in STOP_WORDS]


def name_tokens(raw):
    """The folded words of a query as typed (no stems, no numbers, no stop words)."""
    return {
        token
        for token in _TOKEN.findall(fold(str(raw)))
        if token not in STOP_WORDS and not token[0].isdigit()
    }


def parse_query(raw):
    """(stems of the name words, house number or None) of a resident's query.

    The house number is the last number typed after at least one name word, so
    "3 Maja 12" is ul. 3 Maja number 12 and "3 Maja" is the street alone.
    """
    tokens = [token for token in _TOKEN.findall(fold(str(raw))) if token not in STOP_WORDS]
    number = None
    if len(tokens) > 1 and re.fullmatch(r"[0-9]+[a-z]?", tokens[-1]):
        digits = re.match(r"[0-9]+", tokens.pop()).group()
        number = int(digits) if len(digits) <= 6 else None
    words = [stem(token) for token in tokens if not re.fullmatch(r"[0-9]+[a-z]", token)]
    return words, number


def _match(query_stem, name_stems):
    """2 for an exact stem, 1 for a stem that differs in its last letter only, else 0."""
    best = 0
    for name in name_stems:
        if name == query_stem:
            return 2
        shorter = min(len(name), len(query_stem))
        if (
            shorter >= MIN_STEM + 1
            and name[: shorter - 1] == query_stem[: shorter - 1]
            and abs(len(name) - len(query_stem)) <= 1
        ):
            best = 1
    return best


def _row_score(row, words):
    """The row's score for the query words, 0 when it does not match.

    A row for one street matches only when a word names that street (so "Lipowa"
    never matches every street of Lipowo); a row for a whole village matches on the
    village's name.
    """
    street = words_of(row.street)
    names = words_of(row.locality) + street
    scores = [_match(word, names) for word in words]
    if not all(scores):
        return 0
    if street and not any(_match(word, street) for word in words):
        return 0
    return sum(scores)


def find_areas(rows, words, number, tokens=()):
    """(matching rows grouped by area [{"area", "rows"}], best matches only; need_street).

    ``need_street`` is True when the query is just the name of a town whose areas go by
    street (its words as typed are the town's, ``tokens``): the town's areas are then
    returned, for the resident to find the street in.
    """
    tokens = set(tokens)
    town_rows = [
        row
        for row in rows
        if tokens and row.street and tokens <= set(_TOKEN.findall(fold(row.locality)))
    ]
    if town_rows and number is None:
        scored = [(1, row) for row in town_rows]
        need_street = True
    else:
        scored = [(_row_score(row, words), row) for row in rows if row.covers(number)]
        scored = [(score, row) for score, row in scored if score]
        need_street = False
    if not scored:
        scored = [
            (1, row)
            for row in rows
            if row.street and all(_match(word, words_of(row.locality)) for word in words)
        ]
        need_street = bool(scored)
    if not scored:
        return [], False
    best = max(score for score, _row in scored)
    groups = {}
    for score, row in scored:
        if score == best:
            groups.setdefault(row.area_id, {"area": row.area, "rows": []})["rows"].append(row)
    return list(groups.values()), need_street
