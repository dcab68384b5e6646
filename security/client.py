"""The client's address, the one way every part of the site finds it (issue 22).

Used by the login lockout (``AXES_CLIENT_IP_CALLABLE``), the visit counter and the
rate limits of the public forms, so that one trusted-proxy setting decides for all.

``TRUSTED_PROXY_COUNT`` is how many proxies in front of the site append to
``X-Forwarded-For`` (0: none, use ``REMOTE_ADDR``; 1: one nginx or Caddy). Each
proxy appends the address it received the request from, so the client's real
address is the ``TRUSTED_PROXY_COUNT``-th entry from the right; everything to its
left was written by the client and is never used. An entry that is not an IP
address (a broken or forged header) falls back to ``REMOTE_ADDR``.
"""

import ipaddress

from django.conf import settings


def _valid(address):
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request):
    """The address of the client that sent ``request`` (a string, possibly empty)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if not forwarded:
        return remote
    # Fewer entries than proxies: the request skipped a proxy; its left-most entry is
    # still one a trusted proxy wrote.
    candidate = forwarded[-count] if len(forwarded) >= count else forwarded[0]
    return _valid(candidate) or remote
