"""A line or two of a page's text around the words searched for, those words marked."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.search import word_keys

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
LENGTH = 240
BEFORE = 60
MAX_HITS = 60


def excerpt(text, keys, length=LENGTH):
    """HTML: an escaped excerpt of ``text`` with the words whose keys are in ``keys`` marked."""
    text = text or ""
    if not text:
        return ""
    hits = []
    for match in _WORD.finditer(text):
        if set(word_keys(match.group().lower())) & keys:
            hits.append(match)
            if len(hits) >= MAX_HITS:
                break
    start = best_start(hits, length) if hits else 0
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space > 0 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    parts, position = [], start
    for match in hits:
        if match.start() < start or match.end() > end:
            continue
        parts.append(escape(text[position : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    parts.append(escape(text[position:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts).strip() + suffix)  # noqa: S308 - escaped above


def best_start(hits, length):
    """Where the window holding the most distinct marked words begins."""
    best, best_count = hits[0].start(), 0
    for first in hits:
        window_start = max(0, first.start() - BEFORE)
        inside = {hit.group().lower() for hit in hits if window_start <= hit.start()}
        inside &= {hit.group().lower() for hit in hits if hit.end() <= window_start + length}
        if len(inside) > best_count:
            best, best_count = window_start, len(inside)
    return best
