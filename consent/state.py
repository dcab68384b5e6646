"""Cookie consent state (issue 7), read from the consent cookie only.

The visitor's choices live in django-cookie-consent's cookie, e.g.
``external_media=2025-03-01T10:00:00.123456+00:00|statistics=-1``: a group is
*accepted* when its value is a timestamp not older than the group's current
version (the creation time of its newest cookie, so adding a cookie to a group
asks again), *declined* when the value is ``-1``, and *undecided* otherwise
(no value, a stale version, or junk).

Pages render according to this state (the banner while anything is undecided,
a YouTube player or a placeholder), and nothing else about the visitor: never
the session or the user. ``cache_variant`` is the contract with the page cache
(``pagecache.middleware``): it names the state in a short string, so the cache
keeps one copy of a page per state, at most 3 ** (number of optional groups)
copies and in practice two or three, never one per visitor.

Groups come from django-cookie-consent's own cache (``all_cookie_groups``),
which the package empties whenever a group or cookie is saved or deleted, so
reading the state costs no database query on a warm cache.
"""

import hashlib
from datetime import datetime

from django.conf import settings

ACCEPTED = "accepted"
DECLINED = "declined"
UNDECIDED = "undecided"

NO_CONSENT_VARIANT = "none"
# A real consent cookie is a few dozen bytes per group; anything much longer is junk.
MAX_COOKIE_LENGTH = 4096


def consent_cookie_name():
    return getattr(settings, "COOKIE_CONSENT_NAME", "cookie_consent")


def optional_groups():
    """The optional cookie groups with their cookies (prefetched), in the admin's order."""
    from cookie_consent.cache import all_cookie_groups

    return list(all_cookie_groups().values())


def _parse(raw):
    values = {}
    for part in (raw or "")[:MAX_COOKIE_LENGTH].split("|"):
        name, sep, value = part.partition("=")
        if sep and name and "=" not in value:
            values[name.strip()] = value.strip()
    return values


def _group_state(value, group):
    if value is None:
        return UNDECIDED
    if value == getattr(settings, "COOKIE_CONSENT_DECLINE", "-1"):
        return DECLINED
    try:
        given = datetime.fromisoformat(value)
    except ValueError:
        return UNDECIDED
    version = group.get_version()
    if not version:
        return ACCEPTED
    try:
        return ACCEPTED if given >= datetime.fromisoformat(version) else UNDECIDED
    except TypeError:  # a naive timestamp cannot be compared with an aware version
        return UNDECIDED


def state_from_cookie_value(raw, groups=None):
    """{varname: ACCEPTED | DECLINED | UNDECIDED} for every optional group."""
    groups = optional_groups() if groups is None else groups
    values = _parse(raw)
    return {group.varname: _group_state(values.get(group.varname), group) for group in groups}


def consent_state(request):
    """The visitor's state per optional group, from the consent cookie (memoised per request)."""
    if request is None:
        return state_from_cookie_value("")
    state = getattr(request, "_website_consent_state", None)
    if state is None:
        raw = request.COOKIES.get(consent_cookie_name(), "")
        state = state_from_cookie_value(raw)
        request._website_consent_state = state
    return state


def is_accepted(request, varname):
    return consent_state(request).get(varname) == ACCEPTED


def needs_decision(request):
    """True while any optional group is undecided: the banner is shown."""
    return any(value == UNDECIDED for value in consent_state(request).values())


def variant_of_state(state):
    decided = sorted((name, value) for name, value in state.items() if value != UNDECIDED)
    if not decided:
        return NO_CONSENT_VARIANT
    canonical = "|".join(f"{name}:{value}" for name, value in decided)
    return "c-" + hashlib.sha256(canonical.encode()).hexdigest()[:16]


def cache_variant(request):
    """A short string naming the consent state relevant to how a page renders.

    Two requests with the same variant render the same page: everything the
    templates read about consent is a function of ``consent_state``, and the
    variant is a function of that state alone (cookie order, unknown groups,
    junk values and stale versions all normalise away).
    """
    if not request.COOKIES.get(consent_cookie_name()):
        return NO_CONSENT_VARIANT
    return variant_of_state(consent_state(request))
