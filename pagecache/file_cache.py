"""A cache shared by all worker processes of one server, for installs without Redis.

Django's local-memory cache lives inside one process: with gunicorn's several
workers, a page-cache invalidation done by one worker would not reach the
others, and the visit counter's "seen today" would be per worker. Django's
file-based cache is shared by every process of the server; this subclass
makes ``add`` atomic across processes too (the file is created with a hard
link, which fails when another process created it first), as the visit
counter relies on ``add`` being the single winner. Several app servers need
Redis (``REDIS_URL``) instead.
"""

import os
import tempfile

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache


class SharedFileCache(FileBasedCache):
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        fname = self._key_to_file(key, version)
        if self.has_key(key, version):  # also removes an expired file
            return False
        self._createdir()
        self._cull()
        fd, tmp_path = tempfile.mkstemp(dir=self._dir)
        try:
            with open(fd, "wb") as f:
                self._write_content(f, timeout, value)
            try:
                os.link(tmp_path, fname)
            except FileExistsError:
                return False
            return True
        finally:
            os.remove(tmp_path)
