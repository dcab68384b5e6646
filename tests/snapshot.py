"""Test data built once per test process and copied into each test that asks for it.

Building a site (the whole demo, or a site of every page type) renders images,
generates documents and indexes every page: seconds per test. ``build_once(key, build)``
runs ``build`` in the first test that asks, on an empty database, and records the rows
of every table it changed; later tests delete those tables' rows and insert the
recorded ones inside their own transaction (rolled back after the test, like anything
else a test writes). ``build`` returns what the fixture needs to find its objects again
(primary keys): the same value is returned on every call. Media files the build wrote
stay in the process's media folder, which the recorded rows name. SQLite's full-text
table is filled by its own triggers from ``wagtailsearch_indexentry`` and is not copied.
"""

import datetime
from decimal import Decimal

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

# Filled by triggers from wagtailsearch_indexentry (SQLite FTS5 and its shadow tables).
_DERIVED_PREFIXES = ("wagtailsearch_indexentry_fts", "sqlite_")

_recorded = {}  # key -> (rows per changed table, build's value)


def _tables():
    return [
        name
        for name in connection.introspection.table_names()
        if not name.startswith(_DERIVED_PREFIXES)
    ]


def _stored(value):
    """A value as SQLite stores it (Django's SQLite connection parses them on the way out)."""
    if isinstance(value, datetime.datetime):
        return value.isoformat(" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _rows(table):
    quoted = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - table names from introspection
        columns = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    if connection.vendor == "sqlite":
        rows = [tuple(_stored(value) for value in row) for row in rows]
    return columns, rows


def _record(build):
    tables = _tables()
    before = {table: _rows(table) for table in tables}
    value = build()
    changed = {table: rows for table in tables if (rows := _rows(table)) != before[table]}
    return changed, value


def _copy(recorded):
    quote = connection.ops.quote_name
    placeholder = "%s"
    with transaction.atomic(), connection.cursor() as cursor:
        for table in recorded:
            cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608
        for table, (columns, rows) in recorded.items():
            if not rows:
                continue
            names = ", ".join(quote(column) for column in columns)
            values = ", ".join([placeholder] * len(columns))
            cursor.executemany(
                f"INSERT INTO {quote(table)} ({names}) VALUES ({values})",  # noqa: S608
                rows,
            )
        models = [model for model in apps.get_models() if model._meta.db_table in recorded]
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
    ContentType.objects.clear_cache()


def build_once(key, build):
    """``build()`` on first use in this process; a copy of what it wrote after that."""
    if key in _recorded:
        rows, value = _recorded[key]
        _copy(rows)
        return value
    _recorded[key] = _record(build)
    return _recorded[key][1]


def load_demo():
    """The whole demo site (``manage.py load_demo``)."""
    build_once("demo", lambda: call_command("load_demo", verbosity=0))
