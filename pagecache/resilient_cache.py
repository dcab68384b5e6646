"""Django's Redis cache, made to survive Redis being away (issue 10).

Django's built-in ``RedisCache`` raises on every call when Redis is down, and
Wagtail itself reads the cache on each request (site root paths), so an outage of
the cache would take the whole site down. This backend keeps Django's client and:

- turns a failed read into a miss and a failed write or delete into a no-op, so
  pages are served uncached (slower) instead of failing;
- ``add()`` is how callers build atomic "first time?" checks; with ``strict_add``
  (the default) a failed ``add`` still raises, so the caller can fall back to the
  database (the visit counter does, and stays exact). Without ``strict_add`` it
  answers False ("not added"), which suits a cache that can always rebuild;
- after a failure it does not try Redis again for ``RETRY_AFTER`` seconds (per
  process), so an outage costs one failed connection, not one per cache call;
- short socket timeouts (set in production settings) keep an unreachable Redis
  from hanging requests.

Production settings use it for every Redis cache alias.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)


class CacheUnavailable(ConnectionError):
    """Raised by a strict ``add`` while Redis is down."""


def _errors():
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError
    except ImportError:  # pragma: no cover - redis is a requirement
        return (OSError,)
    return (RedisConnectionError, RedisTimeoutError, OSError)


# When each Redis server may be tried again, shared by the threads of a process
# (Django makes one cache object per thread).
_DOWN_UNTIL = {}


class ResilientRedisCache(RedisCache):
    RETRY_AFTER = 5.0

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        self.strict_add = bool(options.pop("strict_add", True))
        self.retry_after = float(options.pop("retry_after", self.RETRY_AFTER))
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._server_key = repr(self._servers)
        self._errors = _errors()

    # --- bookkeeping -----------------------------------------------------------------
    @property
    def available(self):
        return time.monotonic() >= _DOWN_UNTIL.get(self._server_key, 0.0)

    def _failed(self, operation, error):
        if self.available:
            logger.warning(
                "cache unavailable (%s failed: %s); serving without it", operation, error
            )
        _DOWN_UNTIL[self._server_key] = time.monotonic() + self.retry_after

    def _call(self, operation, fallback, *args, **kwargs):
        if not self.available:
            return fallback
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except self._errors as error:
            self._failed(operation, error)
            return fallback

    # --- reads: a miss ------------------------------------------------------------------
    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    # --- writes: nothing happens ---------------------------------------------------------
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def clear(self):
        return self._call("clear", False)

    def incr(self, key, delta=1, version=None):
        if not self.available:
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        try:
            return super().incr(key, delta, version)
        except self._errors as error:
            self._failed("incr", error)
            raise ValueError(f"Key '{key}' not found (cache unavailable)") from error

    def get_or_set(self, key, default, timeout=DEFAULT_TIMEOUT, version=None):
        """Like Django's, but never raises: libraries use it as a plain memo."""
        value = self.get(key, version=version)
        if value is None:
            value = default() if callable(default) else default
            if value is not None:
                self._call("add", None, key, value, timeout, version)
                return self.get(key, value, version=version)
        return value

    # --- add: raise (strict) or "not added" ----------------------------------------------
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if not self.available:
            if self.strict_add:
                raise CacheUnavailable("cache unavailable")
            return False
        try:
            return super().add(key, value, timeout, version)
        except self._errors as error:
            self._failed("add", error)
            if self.strict_add:
                raise CacheUnavailable(str(error)) from error
            return False
