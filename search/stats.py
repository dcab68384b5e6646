"""What residents search for, for staff: one row per normalised query and day, counts only.

No address, no user agent, no per-visitor row; robots are not recorded. Long digit
runs (a phone or PESEL number typed by mistake) are dropped before anything is stored.
Rows older than RETENTION_DAYS are deleted by ``manage.py purge_search_queries``.
"""

import re

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from visits.bots import is_bot

from .models import SearchQueryDay

RETENTION_DAYS = 30
_LONG_NUMBER = re.compile(r"\d{7,}")


def normalise(parsed):
    text = " ".join(word.text for word in parsed)
    return " ".join(_LONG_NUMBER.sub(" ", text).split())[:200]


def should_record(request):
    return not is_bot(request.META.get("HTTP_USER_AGENT", ""))


def record(query, zero_results, day=None):
    """Count one search of ``query`` today: a single atomic update or insert."""
    if not query:
        return
    day = day or timezone.localdate()
    rows = SearchQueryDay.objects.filter(day=day, query=query)
    if rows.update(count=F("count") + 1, zero_results=zero_results):
        return
    try:
        with transaction.atomic():
            SearchQueryDay.objects.create(day=day, query=query, count=1, zero_results=zero_results)
    except IntegrityError:
        rows.update(count=F("count") + 1, zero_results=zero_results)
