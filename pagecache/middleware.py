"""Full-page cache for anonymous visitors (issue 9).

Why our own middleware and not Django's ``UpdateCacheMiddleware`` /
``FetchFromCacheMiddleware``: Django's pair caches a response that sets a
cookie without ``Vary: Cookie`` and replays that cookie to every later
visitor, and a response that varies on Cookie gets one entry per cookie
header, i.e. no cache at all (DESIGN.md, "Page cache and cookies"). This one
never stores a response that sets a cookie or varies on Cookie, and keys
pages on what really changes how they render:

    scheme, host, path, the allowlisted query parameters (normalised),
    the consent variant (consent.state.cache_variant)

A request is answered from the cache only when it is a GET or HEAD with no
session cookie (only staff have sessions), no pending flash messages, no
``Authorization`` header, not under an excluded path (admin, search,
documents, consent views) and with no query parameter outside the allowlist
of listing parameters (page, year, status, category; a search text only when
empty, so search results never come from the cache). Tracking parameters such
as ``utm_*`` and ``fbclid`` are left out of the key, so a post shared on social
media is still served from the cache.

Only parameters the page type uses are keyed (issue 22): each page type declares
them with the values it accepts (``cache_query_params``, a name → regular
expression mapping on the page class; ``BasePage`` declares none). The
``before_serve_page`` hook (``pagecache.wagtail_hooks``) puts the page's
declaration on the request; the middleware remembers it per path (in the shared
cache and in the process, under the current generation). Once a path's
declaration is known, a parameter the page does not use is dropped from the key
(``/?status=flood1`` is answered from the entry of ``/``), and a used parameter
with a value the page does not accept bypasses the cache (rendered, never
stored). A view that is not a page declares nothing: it is stored only without
query parameters. A listing asked for a page number past its end renders its
last page uncached (``core.pagination`` marks the request with ``skip_page_cache``).
So the number of entries is bounded by the pages that really exist, not by what
visitors type. Links a page builds from its own address (the consent form's
``next``, pagination) use ``canonical_full_path``: never the visitor's tracking
parameters, which the next visitor's cached copy would otherwise carry.

Invalidation empties the whole page cache at once: the cache holds a
*generation* token, every entry records the generation it was rendered
under, and an entry of another generation is a miss. ``bump_generation``
(called after the commit of any publish, unpublish, move, delete or settings
/ snippet / document / image save, see ``pagecache.invalidation``)
writes a new token. Because the token lives in the shared cache (Redis in
production), every app server sees it at once. The generation is read
*before* the view runs and stored with the entry, so a page rendered from
data older than a concurrent publish can never be served as current.

An entry is kept ``PAGE_CACHE_TIMEOUT`` seconds (10 minutes), never past local
midnight (pages show today's date and opening hours) nor past the next start
or end of an alert banner (``PAGE_CACHE_TIMEOUT_LIMITS``).

``cached_until_publish`` and the ``{% cached_until_publish %}`` template tag
keep site-wide parts (menu, footer) under the same generation, so a miss
costs only the page's own queries.

A hit costs no database query and one small read from the shared cache (the
generation); the most used pages are also kept in each process
(``LocalEntries``), so the page itself is read from the shared cache only on
the first hit in a process.
"""

import datetime
import hashlib
import logging
import re
import threading
import time
import uuid
from collections import OrderedDict
from functools import lru_cache
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re
from django.utils.module_loading import import_string

from consent.state import cache_variant
from core.paths import NON_PAGE_PREFIXES

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
ENTRY_KEY_PREFIX = "page-cache:entry:"
PARAMS_KEY_PREFIX = "page-cache:params:"
# The request attribute the before_serve_page hook fills with the page's declaration.
REQUEST_PARAMS_ATTRIBUTE = "page_cache_params"

DEFAULT_TIMEOUT = 10 * 60
# Paths whose responses are never shared: staff, per-visitor or unbounded.
DEFAULT_EXCLUDED_PREFIXES = NON_PAGE_PREFIXES + ("/szukaj/",)
# Query parameters of listings (pagination and filters) that are part of the key.
DEFAULT_QUERY_PARAMS = ("page", "rok", "status", "kategoria", "program", "q")
# Free-text parameters: a filled-in one is a search (never cached); an empty one, as a
# filter form sends it, is part of the key.
EMPTY_ONLY_QUERY_PARAMS = ("q",)
# Query parameters that never change the page (campaign and click tracking): dropped.
IGNORED_QUERY_PARAMS = ("fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga")
IGNORED_QUERY_PREFIXES = ("utm_",)
MAX_QUERY_VALUE_LENGTH = 40
CACHEABLE_CONTENT_TYPES = (
    "text/html",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
)
# Functions returning the seconds until cached pages would change by themselves (an
# alert starting or ending); an entry never outlives them. Missing modules are skipped.
DEFAULT_TIMEOUT_LIMITS = ("alerts.models.seconds_until_next_change",)
# Headers recomputed per response or meaningless when replayed.
NOT_STORED_HEADERS = {"set-cookie", "date", "expires", "age", "content-length", "x-cache"}


def _setting(name, default):
    return getattr(settings, name, default)


def page_cache():
    return caches[_setting("PAGE_CACHE_ALIAS", "default")]


def new_generation():
    return uuid.uuid4().hex


def current_generation(cache=None):
    cache = cache or page_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, new_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def bump_generation():
    """Empty the whole page cache (every entry of the old generation becomes a miss).

    A fresh random token rather than ``incr``: a counter that is evicted and
    starts again could meet entries stored under the same number; a new
    random token never matches an old entry, whatever happened to the key.
    """
    page_cache().set(GENERATION_KEY, new_generation(), timeout=None)


def cache_bypass_cookies():
    return _setting(
        "PAGE_CACHE_BYPASS_COOKIES",
        (settings.SESSION_COOKIE_NAME, "messages"),
    )


def is_tracking_param(name):
    return name in IGNORED_QUERY_PARAMS or name.startswith(IGNORED_QUERY_PREFIXES)


def _declared_query(request, params):
    kept = []
    for name in request.GET:
        if is_tracking_param(name) or name not in params:
            continue  # not used by this page type: the canonical entry answers
        value = request.GET.get(name, "")
        if re.fullmatch(params[name], value) is None:
            return None  # used, but not a value the page accepts: rendered, not stored
        kept.append((name, value))
    kept.sort()
    return "&".join(f"{name}={value}" for name, value in kept)


def normalised_query(request, params=None):
    """The part of the query string that keys the page, or None when the request must bypass.

    ``params`` is the page type's declaration (see the module doc); without one, the
    allowlisted listing parameters.
    """
    if params is not None:
        return _declared_query(request, params)
    allowed = _setting("PAGE_CACHE_QUERY_PARAMS", DEFAULT_QUERY_PARAMS)
    kept = []
    for name in request.GET:
        if is_tracking_param(name):
            continue
        if name not in allowed:
            return None
        # Views read one value with .get(), i.e. the last one: that is what renders.
        value = request.GET.get(name, "")
        if len(value) > MAX_QUERY_VALUE_LENGTH:
            return None
        if value.strip() and name in EMPTY_ONLY_QUERY_PARAMS:
            return None
        kept.append((name, value))
    kept.sort()
    return "&".join(f"{name}={value}" for name, value in kept)


def bypasses(request):
    """True when the request is never answered from or stored in the cache."""
    if request.method not in ("GET", "HEAD"):
        return True
    excluded = _setting("PAGE_CACHE_EXCLUDED_PREFIXES", DEFAULT_EXCLUDED_PREFIXES)
    if request.path.startswith(tuple(excluded)):
        return True
    if any(name in request.COOKIES for name in cache_bypass_cookies()):
        return True
    return "HTTP_AUTHORIZATION" in request.META


def entry_key(request, params=None):
    """The cache key of the page this request would get, or None when it must bypass.

    ``params``: the page type's declared parameters, when known (see the module doc).
    """
    if bypasses(request):
        return None
    path = request.path
    query = normalised_query(request, params)
    if query is None:
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    parts = "\n".join([request.scheme, host, path, query, cache_variant(request)])
    return ENTRY_KEY_PREFIX + hashlib.sha256(parts.encode("utf-8", "surrogateescape")).hexdigest()


def canonical_query_pairs(request, drop=()):
    """(name, value) of the query parameters that may appear in links the page builds.

    Tracking parameters never; on a page, only the parameters its type declares.
    """
    params = getattr(request, REQUEST_PARAMS_ATTRIBUTE, None)
    return [
        (name, request.GET.get(name, ""))
        for name in request.GET
        if not is_tracking_param(name) and name not in drop and (params is None or name in params)
    ]


def canonical_full_path(request):
    """``request.get_full_path()`` without what must not be reflected into a cached page."""
    query = urlencode(canonical_query_pairs(request))
    return f"{request.path}?{query}" if query else request.path


def _params_key(generation, request):
    try:
        host = request.get_host()
    except DisallowedHost:
        host = ""
    digest = hashlib.sha256(f"{generation}\n{host}\n{request.path}".encode()).hexdigest()
    return PARAMS_KEY_PREFIX + digest


class LocalMemo:
    """A bounded, thread-safe per-process memo: the least recently used entry goes first.

    Keys carry the page cache's generation, so nothing outlives the next emptying: the
    declared parameters per path here, a picture's markup (``core.templatetags.pictures``).
    """

    def __init__(self, size=1000):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            value = self.entries.get(key)
            if value is not None:
                self.entries.move_to_end(key)
            return value

    def put(self, key, value):
        with self.lock:
            self.entries[key] = value
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)


local_params = LocalMemo()


def known_params(cache, generation, request):
    """The declared parameters of the page at this path, when a render has told us."""
    key = _params_key(generation, request)
    params = local_params.get(key)
    if params is None:
        params = cache.get(key)
        if params is not None:
            local_params.put(key, params)
    return params


def remember_params(cache, generation, request, params, timeout):
    key = _params_key(generation, request)
    cache.set(key, params, timeout)
    local_params.put(key, params)


def is_storable(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if getattr(request, "skip_page_cache", False):
        return False
    if getattr(request, "is_preview", False):
        return False
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type not in CACHEABLE_CONTENT_TYPES:
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v}
    if "cookie" in vary or "*" in vary or "authorization" in vary:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-cache", "no-store"))


def seconds_until_midnight(now=None):
    """Pages show today's date and opening hours: none is kept past local midnight."""
    now = timezone.localtime(now)
    midnight = datetime.datetime.combine(
        now.date() + datetime.timedelta(days=1), datetime.time(), tzinfo=now.tzinfo
    )
    return max(1, int((midnight - now).total_seconds()))


@lru_cache(maxsize=16)
def _limit_function(path):
    try:
        return import_string(path)
    except ImportError:
        return None


def timeout_until_midnight():
    """The configured timeout, cut at local midnight (what every stored thing starts from)."""
    return min(_setting("PAGE_CACHE_TIMEOUT", DEFAULT_TIMEOUT), seconds_until_midnight())


def entry_timeout():
    """Seconds to keep a page: the configured timeout, capped by midnight and the limits.

    None when a limit cannot be computed (the page is then not stored).
    """
    timeout = timeout_until_midnight()
    for path in _setting("PAGE_CACHE_TIMEOUT_LIMITS", DEFAULT_TIMEOUT_LIMITS):
        function = _limit_function(path)
        if function is None:
            continue
        try:
            timeout = min(timeout, int(function()))
        except Exception:
            logger.exception("page cache: timeout limit %s failed; page not stored", path)
            return None
    return max(1, timeout)


def serialise(generation, response, timeout):
    headers = [
        (name, value) for name, value in response.items() if name.lower() not in NOT_STORED_HEADERS
    ]
    expires = time.time() + timeout
    return (generation, response.status_code, headers, response.content, expires)


def is_current(entry, generation):
    """Of this generation and not past its own expiry.

    The expiry travels in the entry: a backend's own expiry (Redis TTLs) runs on
    its clock, and a page kept from before midnight must not be served after it.
    """
    return entry[0] == generation and entry[4] > time.time()


def deserialise(entry):
    _generation, status, headers, content, _expires = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["Content-Length"] = str(len(content))
    return response


class LocalEntries:
    """The most used pages also kept in this process, checked against the shared generation.

    A hit then reads only the small generation token from the shared cache, not
    the whole page. An entry is used only while its generation is the current
    one and before its own expiry, so it is exactly as fresh as the shared copy.
    """

    def __init__(self, size):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, generation):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if not is_current(entry, generation):
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        if self.size <= 0:
            return
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)


local_entries = LocalEntries(getattr(settings, "PAGE_CACHE_LOCAL_ENTRIES", 200))


def cached_until_publish(name, build, request=None, timeout=None):
    """``build()``, kept in the shared cache until the next emptying of the page cache.

    Not past local midnight either (unless ``timeout`` says otherwise), as the pages
    that use it. For site-wide parts every page renders (menu, footer, settings): a
    page-cache miss then costs only the page's own queries. ``name`` must name everything the
    value depends on besides the published content (``request`` adds the host).
    """
    cache = page_cache()
    host = ""
    if request is not None:
        try:
            host = request.get_host()
        except DisallowedHost:
            host = ""
    generation = current_generation(cache)
    digest = hashlib.sha256(f"{generation}\n{host}\n{name}".encode()).hexdigest()
    key = f"page-cache:part:{digest}"
    found = cache.get(key)
    # (value, expires); a one-item tuple is from before the expiry travelled with it.
    if found is not None and len(found) == 2 and found[1] > time.time():
        return found[0]
    value = build()
    timeout = timeout or timeout_until_midnight()
    cache.set(key, (value, time.time() + timeout), timeout)
    return value


class PageCacheMiddleware:
    """Serves anonymous GETs of public pages from the shared cache (see the module doc)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if bypasses(request):
            return self.get_response(request)

        cache = page_cache()
        generation = cache.get(GENERATION_KEY) or current_generation(cache)
        if generation is None:
            # The shared cache is unavailable (pagecache.resilient_cache answers misses):
            # no emptying could reach this process, so nothing is served or kept.
            return self.get_response(request)
        params = known_params(cache, generation, request)
        key = entry_key(request, params)
        if key is not None:
            entry = local_entries.get(key, generation)
            if entry is None:
                entry = cache.get(key)
                if entry is not None and is_current(entry, generation):
                    local_entries.put(key, entry)
            if entry is not None and is_current(entry, generation):
                response = deserialise(entry)
                response["X-Cache"] = "HIT"
                return response

        response = self.get_response(request)
        declared = getattr(request, REQUEST_PARAMS_ATTRIBUTE, None)
        if declared is None:
            # Not a page: it declares no parameters, so it is kept only without any.
            store_key = entry_key(request, {})
            if store_key != entry_key(request):
                store_key = None
        else:
            store_key = entry_key(request, declared)
        if store_key is not None and is_storable(request, response):
            timeout = entry_timeout()
            if timeout:
                if declared is not None:
                    remember_params(cache, generation, request, declared, timeout)
                entry = serialise(generation, response, timeout)
                cache.set(store_key, entry, timeout)
                local_entries.put(store_key, entry)
        if key is not None or store_key is not None:
            response["X-Cache"] = "MISS"
        return response
