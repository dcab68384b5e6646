"""Facilities (``data/units.toml``), with their buildings from ``data/site.toml``."""

import datetime

from units.models import (
    UnitDocument,
    UnitException,
    UnitIndexPage,
    UnitOpeningHours,
    UnitPage,
    UnitPhoto,
)

from . import blocks
from .loader import data, ensure_page, page_fields, resolve_date, today

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
ACCESS = ["entrance", "lift", "toilet", "parking"]
ADDRESS = ["street_address", "postal_code", "city"]
# Keys of a unit's table that are not UnitPage fields.
SPECIAL = {
    "building",
    "photo",
    "admission",
    "holidays",
    "hours",
    "exceptions",
    "documents",
    "gallery",
}


def load(ctx):
    spec = data("units")
    index = ensure_page(ctx["home"], UnitIndexPage, spec["index"]["slug"], lambda: index_page(spec))
    buildings = {building["key"]: building for building in data("site")["building"]}
    day = today(ctx)
    ctx["units"] = {}
    for unit in spec["unit"]:
        building = buildings[unit["building"]]
        page = ensure_page(
            index, UnitPage, unit["slug"], lambda unit=unit, b=building: unit_page(unit, b, day)
        )
        ctx["units"][unit["slug"]] = ctx["pages"][unit["slug"]] = page
    ctx["units_index"] = ctx["pages"]["units"] = index
    return ctx


def index_page(spec):
    fields = {name: value for name, value in spec["index"].items() if name != "slug"}
    return UnitIndexPage(show_in_menus=True, **fields)


def unit_page(spec, building, day):
    fields = page_fields(UnitPage, spec, {"today": day}, skip=SPECIAL)
    for name in ACCESS:
        fields.setdefault(f"access_{name}", building.get(name, ""))
    for name in ADDRESS:
        if name in building:
            fields.setdefault(name, building[name])
    unit = UnitPage(**fields)
    if "admission" in spec:
        unit.admission = (
            "<ol>" + "".join(f"<li>{step}</li>" for step in spec["admission"]) + "</ol>"
        )
    if "photo" in spec:
        unit.photo = blocks.picture(spec["photo"])
    unit.hours = [
        UnitOpeningHours(
            weekday=weekday,
            opens=time(row["opens"]),
            closes=time(row["closes"]),
            note=row.get("note", ""),
            sort_order=order,
        )
        for order, (weekday, row) in enumerate(
            (weekday, row) for row in spec["hours"] for weekday in weekdays(row["day"])
        )
    ]
    closures = holidays(day) if spec.get("holidays") else []
    unit.exceptions = [
        UnitException(
            date=resolve_date(row, day) if "in_days" in row else row["date"],
            date_to=row.get("date_to"),
            closed=row.get("closed", True),
            opens=time(row["opens"]) if row.get("opens") else None,
            closes=time(row["closes"]) if row.get("closes") else None,
            note=row.get("note", ""),
            sort_order=order,
        )
        for order, row in enumerate(closures + spec.get("exceptions", []))
    ]
    unit.documents = [
        UnitDocument(document=blocks.document(item), title=item["link"], sort_order=order)
        for order, item in enumerate(spec.get("documents", []))
    ]
    unit.gallery_photos = [
        UnitPhoto(image=blocks.picture(item), caption=item.get("caption", ""), sort_order=order)
        for order, item in enumerate(spec.get("gallery", []))
    ]
    return unit


def weekdays(days):
    """``"tue"`` -> [1]; ``"mon-fri"`` -> [0, 1, 2, 3, 4]."""
    first, _, last = days.partition("-")
    return list(range(DAYS.index(first), DAYS.index(last or first) + 1))


def time(value):
    return datetime.time.fromisoformat(value)


def next_date(day, month, day_of_month):
    """The next ``day_of_month``.``month`` from ``day`` on (this year's or next year's)."""
    candidate = datetime.date(day.year, month, day_of_month)
    return candidate if candidate >= day else datetime.date(day.year + 1, month, day_of_month)


def holidays(day):
    """Christmas and New Year closures, as every unit of the centre has them."""
    eve = next_date(day, 12, 24)
    return [
        {
            "date": eve,
            "date_to": eve + datetime.timedelta(days=2),
            "note": "Święta Bożego Narodzenia",
        },
        {"date": next_date(day, 1, 1), "note": "Nowy Rok"},
    ]
