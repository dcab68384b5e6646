"""The demo site's loader: reads ``demo/data/*.toml`` and builds the tree with the models' API.

Each area (``demo.site``, ``demo.pages``, ``demo.news``, ``demo.ordinances``,
``demo.units``, ``demo.projects``) reads its data file and has a ``load(ctx)``; ``run``
calls them in order and then ``demo.site.finish`` links what needs pages from several areas (the
home page's task links, the statutory pages in the settings, contact last in the menu).
Every step looks a page up by its slug under its parent before making it, so
running the loader twice gives the same tree.

``ctx`` carries what later steps need: ``home``, ``site``, ``pages`` (pages by their
key in the data files), ``today`` and ``large`` (add the scale data too).
"""

import datetime
import importlib
import tomllib
from functools import cache
from pathlib import Path

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone
from wagtail.fields import RichTextField, StreamField

from core.bulk_pages import deferred_indexing

from . import blocks

DATA_DIR = Path(__file__).resolve().parent / "data"

# The areas in the order they are loaded: the menu follows the order pages are made in.
AREAS = ["site", "pages", "news", "ordinances", "units", "events", "services", "projects", "search"]

# Keys of a page's table in a data file that are not model fields.
NOT_FIELDS = {"key", "parent", "model"}


@cache
def data(area):
    """The parsed data file ``demo/data/<area>.toml``."""
    with open(DATA_DIR / f"{area}.toml", "rb") as file:
        return tomllib.load(file)


def run(ctx, report=None):
    """Load every area, then link them; ``report(name)`` is called after each area."""
    ctx.setdefault("large", False)
    for name in AREAS:
        module = importlib.import_module(f"demo.{name}")
        with transaction.atomic(), deferred_indexing():
            module.load(ctx)
        if report:
            report(name)
    with transaction.atomic(), deferred_indexing():
        importlib.import_module("demo.site").finish(ctx)
    return ctx


def today(ctx=None):
    """The day the demo is loaded (relative dates count from it)."""
    if ctx is not None and "today" in ctx:
        return ctx["today"]
    return timezone.localdate()


def resolve_date(spec, day):
    """A date from a data file: a TOML date, ``{days_ago}`` or ``{years_ago, month, day}``.

    A day of a year that has not come yet is taken from the year before, so relative
    dates are never in the future.
    """
    if isinstance(spec, datetime.date):
        return spec
    if "days_ago" in spec:
        return day - datetime.timedelta(days=spec["days_ago"])
    if "in_days" in spec:
        return day + datetime.timedelta(days=spec["in_days"])
    moment = datetime.date(day.year - spec.get("years_ago", 0), spec["month"], spec["day"])
    return moment if moment <= day else moment.replace(year=moment.year - 1)


def field_value(model, name, value, ctx):
    """A model field's value from its data: streams, rich text, dates and pages converted."""
    field = model._meta.get_field(name)
    if isinstance(field, StreamField):
        return blocks.stream(value, ctx)
    if isinstance(field, RichTextField):
        return blocks.rich(value)
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        return resolve_date(value, today(ctx))
    if isinstance(field, models.ForeignKey) and isinstance(value, str):
        return ctx["pages"][value]
    return value


def page_fields(model, spec, ctx, skip=()):
    return {
        name: field_value(model, name, value, ctx)
        for name, value in spec.items()
        if name not in NOT_FIELDS and name not in skip
    }


def child(parent, slug):
    existing = parent.get_children().filter(slug=slug).first()
    return existing.specific if existing is not None else None


def ensure_page(parent, model, slug, build):
    """The child of ``parent`` with ``slug``; made from ``build()`` (a page) if missing."""
    existing = child(parent, slug)
    if existing is not None:
        return existing
    page = build()
    page.slug = slug
    parent.add_child(instance=page)
    page.save_revision().publish()
    return model.objects.get(pk=page.pk)


def ensure_pages(specs, ctx, prepare=None, skip=()):
    """Make the pages of a data file in order; ``prepare(page, spec)`` adds inline rows.

    Each page is stored in ``ctx["pages"]`` under its ``key``; ``parent`` is the key
    of a page made before (the home page when not given).
    """
    made = []
    for spec in specs:
        model = apps.get_model(spec["model"])
        parent = ctx["pages"][spec.get("parent", "home")]

        def build(model=model, spec=spec):
            page = model(**page_fields(model, spec, ctx, skip=skip))
            if prepare:
                prepare(page, spec)
            return page

        page = ensure_page(parent, model, spec["slug"], build)
        ctx["pages"][spec.get("key", spec["slug"])] = page
        made.append(page)
    return made
