"""From what a resident types to ranked pages (issue 16).

1. ``parse``: the words, without stop words, each with its lemma keys (core.search);
   a word Morfeusz does not know (typed without Polish letters, "zasilku") takes the
   keys the site's vocabulary gives its folded form; a word the site never uses gets
   the closest word it does use ("swietlca" -> "świetlica"), shown as a suggestion.
2. ``slots``: synonyms staff edit ("DPS" = "dom pomocy społecznej") turn a word or
   phrase into a slot that any of its phrases fills.
3. ``candidates``: one query to Wagtail's index for any of the keys (OR), best first.
4. ``rank``: one query for the candidates' records; a slot filled in the title counts
   4, in a heading 2, in the body 1; pages that fill more slots come first (partial
   matches still show), titles that say little else win ties, index pages weigh less.
"""

import re
from dataclasses import dataclass, field

from core.restrictions import public
from core.search import MAX_QUERY_LENGTH, MAX_QUERY_WORDS, fold, word_keys, words

from .models import SearchDocument, SearchSynonym, SearchTerm

CANDIDATES = 100
MAX_CORRECTIONS = 3  # words of one query looked up for a spelling suggestion (a query each)
MAX_KEYS = 48
TITLE, HEADING, BODY = 4.0, 2.0, 1.0
SYNONYM = 0.8
_KEY = re.compile(r"[0-9a-z]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass
class Word:
    text: str  # lower case, as typed
    keys: frozenset
    suggestion: str = ""  # the site's word this one was corrected to


@dataclass
class Slot:
    words: list  # the query's words it stands for
    options: list = field(default_factory=list)  # phrases: lists of key sets, any one fills


def parse(raw):
    """The query's words that can be searched for, with their keys; stop words dropped."""
    text = _CONTROL.sub(" ", str(raw or ""))[:MAX_QUERY_LENGTH]
    parsed = []
    for text_word in words(text):
        keys = frozenset(key for key in word_keys(text_word) if _KEY.fullmatch(key))
        if keys:
            parsed.append(Word(text_word, keys))
    return parsed[:MAX_QUERY_WORDS]


def with_vocabulary(parsed):
    """Keys from the site's own words; the closest site word for a word it never uses."""
    folded = {fold(word.text) for word in parsed}
    wanted = folded | {key for word in parsed for key in word.keys}
    known = {term.word: term for term in SearchTerm.objects.filter(word__in=wanted)}
    corrections = 0
    for word in parsed:
        own = fold(word.text)
        if own in known:
            word.keys = word.keys | frozenset(known[own].keys.split())
            continue
        if word.keys & set(known) or own.isdigit() or corrections >= MAX_CORRECTIONS:
            continue
        corrections += 1
        correction = closest(own)
        if correction is not None:
            word.suggestion = correction.display
            word.keys = word.keys | frozenset(correction.keys.split())
    return parsed


def closest(word, limit=None):
    """The site's word nearest to ``word`` by edit distance (a typo of one or two letters)."""
    if len(word) < 4:
        return None
    limit = limit or (1 if len(word) <= 5 else 2)
    candidates = SearchTerm.objects.filter(
        length__gte=len(word) - limit, length__lte=len(word) + limit, word__startswith=word[0]
    ).only("word", "display", "keys")[:5000]
    best = None
    for term in candidates:
        distance = edit_distance(word, term.word, limit)
        if distance <= limit and (best is None or (distance, term.word) < best[0]):
            best = ((distance, term.word), term)
    return best[1] if best else None


def edit_distance(a, b, limit):
    """Optimal string alignment distance (a swap of two letters counts one), capped."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def synonym_groups():
    """Staff's synonym groups as phrases of key sets (one query)."""
    groups = []
    for synonym in SearchSynonym.objects.all():
        phrases = []
        for phrase in synonym.phrases():
            keys = [frozenset(word.keys) for word in parse(phrase)]
            if keys:
                phrases.append(keys)
        if len(phrases) > 1:
            groups.append(phrases)
    return groups


def slots(parsed, groups):
    """One slot per word, or per phrase that has synonyms (the longest phrase wins)."""
    found, i = [], 0
    while i < len(parsed):
        best = None
        for group in groups:
            for phrase in group:
                end = i + len(phrase)
                fits = end <= len(parsed) and all(
                    keys & parsed[i + k].keys for k, keys in enumerate(phrase)
                )
                if fits and (best is None or len(phrase) > len(best[0])):
                    best = (phrase, group)
        if best:
            phrase, group = best
            span = parsed[i : i + len(phrase)]
            own = [word.keys for word in span]
            found.append(Slot(span, [own] + [p for p in group if p is not phrase]))
            i += len(phrase)
        else:
            found.append(Slot([parsed[i]], [[parsed[i].keys]]))
            i += 1
    return found


def all_keys(query_slots):
    keys = []
    for slot in query_slots:
        for option in slot.options:
            for key_set in option:
                keys.extend(sorted(key_set))
    return list(dict.fromkeys(keys))[:MAX_KEYS]


def candidates(queryset, query_slots):
    """Pages matching any key, best first by the backend's own ranking (one query)."""
    keys = all_keys(query_slots)
    if not keys:
        return []
    results = public(queryset).search(" ".join(keys), operator="or")
    return list(results[:CANDIDATES])


class Record:
    """A page's search record as sets, for scoring."""

    def __init__(self, document):
        self.document = document
        self.title_words = [set(word.split("|")) for word in document.title_keys.split()]
        self.title = set().union(*self.title_words) if self.title_words else set()
        self.headings = set(document.heading_keys.replace("|", " ").split())
        self.body = set(document.body_keys.split())

    def word_score(self, keys):
        if keys & self.title:
            return TITLE
        if keys & self.headings:
            return HEADING
        if keys & self.body:
            return BODY
        return 0.0

    def slot_score(self, slot):
        """The best-filled phrase of the slot; a synonym counts a little less than the word."""
        best = 0.0
        for number, option in enumerate(slot.options):
            scores = [self.word_score(keys) for keys in option]
            if scores and all(scores):
                best = max(best, min(scores) * (1.0 if number == 0 else SYNONYM))
        return best

    def title_precision(self, keys):
        """The share of the title's words the query names: "Klub Seniora" beats a longer one."""
        if not self.title_words:
            return 0.0
        return sum(1 for word in self.title_words if word & keys) / len(self.title_words)


def fills_every_slot(document, query_slots):
    if document is None:
        return False
    record = Record(document)
    return all(record.slot_score(slot) for slot in query_slots)


def typed_keys(query_slots):
    return {key for slot in query_slots for keys in slot.options[0] for key in keys}


def rank(pages, query_slots):
    """``pages`` (backend order) sorted by how well they answer, with their records.

    Equal scores: the newer dated page first (this year's ordinance on days off before
    last year's), then the page more about the words (the share of its vocabulary they
    are), then the backend's order. The backends weigh occurrences differently (FTS5's
    bm25 against PostgreSQL's ts_rank), so the backend's order comes last: the same
    query ranks the same on both.
    """
    documents = SearchDocument.objects.in_bulk([page.pk for page in pages])
    typed = typed_keys(query_slots)
    scored = []
    for position, page in enumerate(pages):
        document = documents.get(page.pk)
        score = 0.0
        if document is not None:
            record = Record(document)
            slot_scores = [record.slot_score(slot) for slot in query_slots]
            coverage = sum(1 for value in slot_scores if value) / len(query_slots)
            score = sum(slot_scores) / len(query_slots) * coverage**2
            if record.title & typed:
                score += 1.5 * record.title_precision(typed)
            score *= document.weight
        day = document.date.toordinal() if document is not None and document.date else 0
        focus = 0.0
        if document is not None and score:
            focus = round(len(record.body & typed) / max(1, len(record.body)), 4)
        scored.append((round(score, 2), day, focus, -position, page, document))
    scored.sort(key=lambda item: item[:4], reverse=True)
    return [(page, document) for *_key, page, document in scored]
