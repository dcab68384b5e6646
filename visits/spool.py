"""Counted requests append a line to a spool file; a fold adds the lines to the tables.

A counted request costs one ``write()`` to a file this process holds open: no
database and no cache inside the request (issue 20). The numbers reach the
tables within seconds and stay exact:

- **Writing.** Each process appends ``day, visitor hash, path`` lines to its own
  file in ``VISITS_SPOOL_DIR`` (local to the server, mode 0600). The file is
  created under a temporary name, locked with a shared ``flock`` and only then
  renamed to ``*.spool``, so no folder can take it before the lock holds. Every
  ``VISITS_SPOOL_SECONDS`` the process closes it (releasing the lock) and starts
  another; a file name is never opened twice.
- **Folding.** A fold takes each ``*.spool`` file with an exclusive, non-blocking
  ``flock``: it succeeds only once the writer closed the file, or died (the
  kernel drops the locks of a SIGKILLed process, whose lines are already in the
  file: ``write()`` leaves no buffer behind). In one transaction it records the
  file's name (``FoldedSpool``, unique), adds the visits and views and inserts
  the visitors into ``VisitorSeen`` (unique on day + hash); then it deletes the
  file. A fold killed before the commit leaves the file for the next one; one
  killed after the commit leaves a file whose name is already recorded, so it is
  deleted unread. Two folds, in any processes or servers, never count a file
  twice: the lock and the unique name each prevent it.
- **Visits.** A visit is a visitor hash not yet in ``VisitorSeen`` for that day,
  decided at the fold, in the database: no cache is involved, so a Redis
  restart or outage neither loses nor repeats a visit.
- **Who folds.** Every counting process folds in a background thread every
  ``VISITS_FOLD_SECONDS`` (the dev server and gunicorn alike), and
  ``manage.py flush_visits`` does the same from cron or a systemd timer (files
  of stopped servers). Shown counts lag at most a spool period, a fold period
  and the 45-second display cache: under a minute.
"""

import datetime
import fcntl
import itertools
import logging
import os
import socket
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

SUFFIX = ".spool"
PARTIAL_SUFFIX = ".partial"
VISITOR_BATCH = 500
FOLDED_NAMES_KEPT_DAYS = 7
# The characters that would break a line, and the escape character itself.
ESCAPES = {"%": "%25", "\t": "%09", "\n": "%0A", "\r": "%0D"}


def spool_dir():
    return Path(settings.VISITS_SPOOL_DIR)


def spool_seconds():
    return float(getattr(settings, "VISITS_SPOOL_SECONDS", 5))


def fold_seconds():
    return float(getattr(settings, "VISITS_FOLD_SECONDS", 5))


def encode_line(day, visitor, path):
    """``day<TAB>hash<TAB>path``; ``path`` is empty for a visit without a page view (HEAD)."""
    for character, escaped in ESCAPES.items():
        path = path.replace(character, escaped)
    return f"{day.isoformat()}\t{visitor}\t{path}\n".encode("utf-8", "backslashreplace")


def decode_line(raw):
    """``(day, visitor, path or None)``, or None for a line that cannot be read."""
    parts = raw.decode("utf-8", "replace").split("\t")
    if len(parts) != 3 or len(parts[1]) != 64:
        return None
    try:
        day = datetime.date.fromisoformat(parts[0])
    except ValueError:
        return None
    return day, parts[1], unquote(parts[2]) if parts[2] else None


class Spool:
    """This process's open spool file; thread-safe, reopened after a fork."""

    def __init__(self):
        self.lock = threading.Lock()
        self.fd = None
        self.pid = None
        self.opened = 0.0
        self.sequence = itertools.count()

    def append(self, line):
        with self.lock:
            now = time.monotonic()
            if self.fd is None or self.pid != os.getpid() or now - self.opened >= spool_seconds():
                self._open(now)
            os.write(self.fd, line)

    def rotate_if_stale(self):
        """Close the file once its period is over, even when no request came to do it."""
        with self.lock:
            stale = time.monotonic() - self.opened >= spool_seconds()
            if self.fd is not None and self.pid == os.getpid() and stale:
                self._close()

    def close(self):
        with self.lock:
            if self.pid == os.getpid():
                self._close()
            self.fd = None

    def _open(self, now):
        if self.pid == os.getpid():
            self._close()
        # After a fork the parent's descriptor (and its lock) belongs to the parent.
        self.fd = None
        directory = spool_dir()
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        host = socket.gethostname().replace("-", "_") or "host"
        name = f"{host}-{os.getpid()}-{time.time_ns()}-{next(self.sequence)}"
        partial = directory / (name + PARTIAL_SUFFIX)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o600)
        fcntl.flock(fd, fcntl.LOCK_SH)
        os.rename(partial, directory / (name + SUFFIX))
        self.fd, self.pid, self.opened = fd, os.getpid(), now

    def _close(self):
        if self.fd is not None:
            os.close(self.fd)  # releases the shared lock: the file can be folded
            self.fd = None


spool = Spool()


@dataclass
class FoldResult:
    files: int = 0
    lines: int = 0
    visits: int = 0
    page_views: int = 0
    skipped_lines: int = 0

    def add(self, other):
        for field in fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))


def fold(own=False):
    """Fold every spool file no process writes to any more. ``own``: this process's too."""
    if own:
        spool.close()
    result = FoldResult()
    directory = spool_dir()
    if not directory.is_dir():
        return result
    for path in sorted(directory.glob("*" + SUFFIX)):
        try:
            result.add(fold_file(path))
        except Exception:  # noqa: BLE001 - one bad file must not stop the others
            logger.exception("visit counter: could not fold %s", path.name)
    return result


def fold_file(path):
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return FoldResult()  # folded by another process just now
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return FoldResult()  # still written to, or being folded elsewhere
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read()
        result = _fold_data(path.name, data)
        path.unlink(missing_ok=True)
        return result
    finally:
        os.close(fd)


def _fold_data(name, data):
    from .models import FoldedSpool

    days = defaultdict(lambda: {"visitors": set(), "views": Counter()})
    result = FoldResult(files=1)
    for raw in data.splitlines():
        parsed = decode_line(raw)
        if parsed is None:
            result.skipped_lines += 1
            continue
        day, visitor, path = parsed
        result.lines += 1
        days[day]["visitors"].add(visitor)
        if path is not None:
            days[day]["views"][path] += 1
    for _attempt in range(5):
        try:
            with transaction.atomic():
                FoldedSpool.objects.create(name=name)
                visits = sum(_apply_day(day, counts) for day, counts in sorted(days.items()))
            break
        except IntegrityError:
            if FoldedSpool.objects.filter(name=name).exists():
                logger.info("visit counter: %s was folded already", name)
                return FoldResult()
            # Another fold inserted one of these visitors at the same time: try again.
    else:
        raise RuntimeError(f"could not fold {name}")
    result.visits = visits
    result.page_views = sum(sum(counts["views"].values()) for counts in days.values())
    if result.skipped_lines:
        logger.warning("visit counter: %s unreadable lines in %s", result.skipped_lines, name)
    return result


def _apply_day(day, counts):
    """Adds one day's lines to the tables; returns the number of new visits."""
    from .counter import PATH_MAX_LENGTH, _increment
    from .models import DailyVisits, PageViews, VisitorSeen

    new_visitors = 0
    visitors = sorted(counts["visitors"])
    for start in range(0, len(visitors), VISITOR_BATCH):
        batch = visitors[start : start + VISITOR_BATCH]
        known = set(
            VisitorSeen.objects.filter(day=day, visitor_hash__in=batch).values_list(
                "visitor_hash", flat=True
            )
        )
        fresh = [VisitorSeen(day=day, visitor_hash=h) for h in batch if h not in known]
        VisitorSeen.objects.bulk_create(fresh)
        new_visitors += len(fresh)
    page_views = sum(counts["views"].values())
    if new_visitors or page_views:
        _increment(DailyVisits, {"day": day}, {"visits": new_visitors, "page_views": page_views})
    views = Counter()
    for path, number in counts["views"].items():
        views[path[:PATH_MAX_LENGTH]] += number
    for path, number in sorted(views.items()):
        _increment(PageViews, {"day": day, "path": path}, {"views": number})
    return new_visitors


def forget_old_folds():
    from .models import FoldedSpool

    limit = timezone.now() - datetime.timedelta(days=FOLDED_NAMES_KEPT_DAYS)
    FoldedSpool.objects.filter(folded_at__lt=limit).delete()


class Folder:
    """The background thread of a counting process: rotate, fold, sleep."""

    def __init__(self):
        self.lock = threading.Lock()
        self.thread = None
        self.pid = None

    def ensure_running(self):
        if self.pid == os.getpid() or not getattr(settings, "VISITS_FOLD_IN_BACKGROUND", True):
            return
        with self.lock:
            if self.pid == os.getpid():
                return
            self.pid = os.getpid()
            self.thread = threading.Thread(target=self.run, name="visits-fold", daemon=True)
            self.thread.start()

    def run(self):
        rounds = 0
        while True:
            time.sleep(fold_seconds())
            try:
                spool.rotate_if_stale()
                fold()
                rounds += 1
                if rounds % 1000 == 1:
                    forget_old_folds()
            except Exception:  # noqa: BLE001 - the thread must keep folding
                logger.exception("visit counter: fold failed")
            finally:
                connection.close()


folder = Folder()
