"""Visit counter (issue 6): exact, private, cheap.

A *visit* is a visitor's first view of a public page on a day (Europe/Warsaw);
every counted view is also a *page view*. How it works:

- The middleware sits before the page cache, SessionMiddleware and
  AuthenticationMiddleware, so a page answered from the cache is counted too.
  It decides after the response is known: GET/HEAD (a HEAD counts the visit,
  never a page view), status 200, text/html,
  not an excluded path (admin and previews, static, media, documents, cookie
  consent, health check, the counter's JSON), no session cookie (only staff
  have sessions on this site; ``request.user`` does not exist yet here) and
  not a robot (``visits.bots``). A counting error is logged, never raised.
- A visitor is ``sha256(salt + client address + user agent)``. The salt is
  random per day, kept in the database (one row per day, so every process
  and server uses the same one) and in the cache; rows of past days are
  deleted, so yesterday's hashes can no longer be linked to anyone. The
  address is the trusted client address of ``security.client`` (REMOTE_ADDR,
  or the X-Forwarded-For entry the proxies in front appended).
- Counting happens outside the request (``visits.spool``): a counted request
  appends one line (day, visitor hash, path) to its process's spool file, one
  ``write()``, no database and no cache. Folds add the lines to the tables every
  few seconds, in one transaction per file: a visit is a visitor hash not yet
  in ``VisitorSeen`` for that day (unique on day + hash, decided in the
  database, so a Redis outage or restart changes nothing), a page view is a
  line with a path. Counts are rows per day (``DailyVisits``) and per day and
  path (``PageViews``), incremented with ``UPDATE ... SET n = n + k``; the
  first fold of a day creates the row, guarded by its unique constraint (a
  concurrent creator's IntegrityError turns into the update). No
  read-modify-write in Python: folds in any number of processes or servers add
  up exactly, and a killed worker or fold loses nothing (see ``visits.spool``).
- Display: ``get_counts()`` caches ``{"month", "total"}`` for 45 seconds;
  the footer renders them, and because the footer is part of cached pages,
  ``static/js/visit-counter.js`` refreshes them from ``/licznik.json``
  (answered here, before any page cache, with no cookies and a max-age of
  what is left of the 45 seconds). Without JavaScript the footer shows the
  numbers from when the cached page was rendered. With the fold's few seconds,
  what is shown lags a view by under a minute.
"""

import datetime
import hashlib
import logging
import secrets
import time
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import Q, Sum
from django.http import HttpResponseNotAllowed, JsonResponse
from django.utils import timezone

from core.paths import NON_PAGE_PREFIXES
from security.client import client_address

from .spool import encode_line, folder, spool

logger = logging.getLogger(__name__)

WARSAW = ZoneInfo("Europe/Warsaw")
COUNTER_JSON_PATH = "/licznik.json"
EXCLUDED_PREFIXES = NON_PAGE_PREFIXES + (COUNTER_JSON_PATH,)
COUNTED_METHODS = ("GET", "HEAD")
COUNTS_CACHE_KEY = "visits:counts"
COUNTS_MAX_AGE = 45
PATH_MAX_LENGTH = 255
USER_AGENT_MAX_LENGTH = 512

# The current day's salt, remembered per process so that a counted request
# needs no lookup. It mirrors the database row (the source of truth) and is
# replaced on the first request of the next day.
_salt_memo = {"day": None, "salt": None}


# -- time ----------------------------------------------------------------------


def today():
    return timezone.localtime(timezone.now(), WARSAW).date()


def seconds_until_tomorrow():
    now = timezone.localtime(timezone.now(), WARSAW)
    tomorrow = datetime.datetime.combine(
        now.date() + datetime.timedelta(days=1), datetime.time.min, tzinfo=WARSAW
    )
    return max(1, int((tomorrow - now).total_seconds()) + 1)


# -- visitor identity -----------------------------------------------------------


def user_agent(request):
    return request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_MAX_LENGTH]


def visitor_hash(salt, address, agent):
    return hashlib.sha256(f"{salt}\n{address}\n{agent}".encode()).hexdigest()


def daily_salt(day):
    if _salt_memo["day"] == day:
        return _salt_memo["salt"]
    key = f"visits:salt:{day.isoformat()}"
    salt = None
    try:
        salt = cache.get(key)
    except Exception:  # noqa: BLE001 - the database has it
        logger.warning("visit counter: cache unavailable for the salt", exc_info=True)
    if salt is None:
        salt = _salt_from_database(day)
        try:
            cache.set(key, salt, timeout=seconds_until_tomorrow())
        except Exception:  # noqa: BLE001
            logger.warning("visit counter: cache unavailable for the salt", exc_info=True)
    _salt_memo.update(day=day, salt=salt)
    return salt


def _salt_from_database(day):
    from .models import VisitSalt

    salt = VisitSalt.objects.filter(day=day).values_list("salt", flat=True).first()
    if salt:
        return salt
    try:
        with transaction.atomic():
            VisitSalt.objects.create(day=day, salt=secrets.token_hex(32))
    except IntegrityError:
        pass  # another request created today's salt first; use that one
    forget_past_days(day)
    return VisitSalt.objects.values_list("salt", flat=True).get(day=day)


def forget_past_days(day):
    """Delete the salts of days before ``day`` and the seen visitors of days before yesterday.

    Yesterday's visitors stay one more day: its last lines may still be folded after
    midnight. Without the salt, nobody can link those hashes to an address.
    """
    from .models import VisitorSeen, VisitSalt

    VisitSalt.objects.filter(day__lt=day).delete()
    VisitorSeen.objects.filter(day__lt=day - datetime.timedelta(days=1)).delete()


def reset_salt_memo():
    """Forget the per-process copy of the salt (tests, after changing the database)."""
    _salt_memo.update(day=None, salt=None)


# -- counting --------------------------------------------------------------------


def is_countable_request(request):
    """What can be decided before the response: method, path, staff, robots."""
    from .bots import is_bot

    if request.method not in COUNTED_METHODS:
        return False
    if request.path_info.startswith(EXCLUDED_PREFIXES):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False  # only staff have sessions; public pages never create one
    return not is_bot(user_agent(request))


def is_countable_response(response):
    return response.status_code == 200 and response.get("Content-Type", "").startswith("text/html")


@lru_cache(maxsize=8)
def _update_sql(model, key_fields, amount_fields):
    """``UPDATE t SET f = f + %s, ... WHERE k = %s AND ...``, built once per shape.

    Plain SQL that SQLite and PostgreSQL both run: the ORM's F() update compiles the same
    statement, but compiling it costs more than running it, on every counted request.
    """

    def column(name):
        return connection.ops.quote_name(model._meta.get_field(name).column)

    changes = ", ".join(f"{column(f)} = {column(f)} + %s" for f in amount_fields)
    where = " AND ".join(f"{column(k)} = %s" for k in key_fields)
    table = connection.ops.quote_name(model._meta.db_table)
    # Identifiers come from the model's metadata; every value is a query parameter.
    return f"UPDATE {table} SET {changes} WHERE {where}"  # noqa: S608


def _db_value(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def _update_rows(model, keys, amounts):
    """Add ``amounts`` to the row with ``keys`` in one statement; the number of rows changed."""
    sql = _update_sql(model, tuple(keys), tuple(amounts))
    params = [*amounts.values(), *(_db_value(value) for value in keys.values())]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _increment(model, keys, amounts):
    """``UPDATE model SET f = f + n WHERE keys``; create the row on first use."""
    for _attempt in range(3):
        if _update_rows(model, keys, amounts):
            return
        try:
            with transaction.atomic():
                model.objects.create(**keys, **amounts)
            return
        except IntegrityError:
            continue  # created concurrently: the next UPDATE finds the row
    raise RuntimeError(f"could not increment {model.__name__} {keys}")


def record_view(day, path, visitor, page_view=True):
    """Spools one view of ``path`` (or, without ``page_view``, only the visitor's visit).

    The fold counts it: a visit when the visitor is new that day, a page view for a GET.
    """
    spool.append(encode_line(day, visitor, path[:PATH_MAX_LENGTH] if page_view else ""))


def count_request(request):
    """A GET is a visit and a page view; a HEAD (link checkers, previews) only a visit."""
    day = today()
    visitor = visitor_hash(daily_salt(day), client_address(request), user_agent(request))
    return record_view(day, request.path_info, visitor, page_view=request.method == "GET")


class VisitCounterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == COUNTER_JSON_PATH:
            return counter_json(request)
        try:
            countable = is_countable_request(request)
        except Exception:  # noqa: BLE001 - counting must never break a page
            logger.exception("visit counter: could not inspect the request")
            countable = False
        response = self.get_response(request)
        if countable and is_countable_response(response):
            try:
                count_request(request)
                folder.ensure_running()
            except Exception:  # noqa: BLE001
                logger.exception("visit counter: could not count a view")
        return response


# -- display ---------------------------------------------------------------------


def compute_counts(day=None):
    """This month's visits and the total (all days plus the starting total), from the DB."""

    from .models import DailyVisits

    day = day or today()
    sums = DailyVisits.objects.aggregate(
        total=Sum("visits"), month=Sum("visits", filter=Q(day__gte=day.replace(day=1)))
    )
    starting = starting_total()
    return {"month": sums["month"] or 0, "total": (sums["total"] or 0) + starting}


def starting_total():
    """The total carried over from the old site (site settings), 0 when none was set."""
    from core.models import SiteSettings

    starting = (
        SiteSettings.objects.filter(site__is_default_site=True)
        .values_list("visits_starting_total", flat=True)
        .first()
    )
    return starting or 0


def get_counts():
    """``{"month", "total", "at"}``: the counts at most 60 seconds old (``at`` = when)."""
    try:
        counts = cache.get(COUNTS_CACHE_KEY)
    except Exception:  # noqa: BLE001
        logger.warning("visit counter: cache unavailable for the counts", exc_info=True)
        return {**compute_counts(), "at": time.time()}
    if counts is None:
        counts = {**compute_counts(), "at": time.time()}
        try:
            cache.set(COUNTS_CACHE_KEY, counts, timeout=COUNTS_MAX_AGE)
        except Exception:  # noqa: BLE001
            logger.warning("visit counter: cache unavailable for the counts", exc_info=True)
    return counts


def counter_json(request):
    """``/licznik.json``: the footer numbers for visit-counter.js. Not counted, no cookies."""
    if request.method not in COUNTED_METHODS:
        return HttpResponseNotAllowed(COUNTED_METHODS)
    try:
        counts = get_counts()
    except Exception:  # noqa: BLE001
        logger.exception("visit counter: could not read the counts")
        response = JsonResponse({"error": "unavailable"}, status=503)
        response["Cache-Control"] = "no-store"
        return response
    response = JsonResponse({"month": counts["month"], "total": counts["total"]})
    age = max(0, int(time.time() - counts["at"]))
    response["Cache-Control"] = f"public, max-age={max(0, COUNTS_MAX_AGE - age)}"
    return response
