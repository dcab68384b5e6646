"""A counter per client or per account in the shared cache: ``limit`` uses per ``window``.

Used by the contact form (per client address) and the password-reset form (per
client address and per e-mail address). When the cache is unavailable the limit
is not applied: a resident's valid message or a colleague's reset request is never
lost to an outage of the cache (issue 22); the outage is logged.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


class RateLimit:
    def __init__(self, scope, limit, window):
        self.scope, self.limit, self.window = scope, limit, window

    def key(self, identity):
        """The cache key for ``identity`` (an address or e-mail), never stored in clear."""
        digest = hashlib.sha256(f"{settings.SECRET_KEY}:{identity}".encode()).hexdigest()[:32]
        return f"ratelimit:{self.scope}:{digest}"

    def exceeded(self, identity):
        try:
            return (cache.get(self.key(identity)) or 0) >= self.limit
        except Exception:  # noqa: BLE001 - no cache: no limit, never an error
            logger.warning("rate limit %s: cache unavailable, not applied", self.scope)
            return False

    def hit(self, identity):
        """Counts one use by ``identity``."""
        key = self.key(identity)
        try:
            if not cache.add(key, 1, self.window):
                try:
                    cache.incr(key)
                except ValueError:  # expired between add and incr
                    cache.add(key, 1, self.window)
        except Exception:  # noqa: BLE001 - no cache: not counted, never an error
            logger.warning("rate limit %s: cache unavailable, use not counted", self.scope)
