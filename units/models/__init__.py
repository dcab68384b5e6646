"""Facilities ("Placówki"): an index of units and a page per unit with structured facts."""

from .pages import UnitIndexPage, UnitPage
from .rows import UnitDocument, UnitException, UnitOpeningHours, UnitPhoto

__all__ = [
    "UnitDocument",
    "UnitException",
    "UnitIndexPage",
    "UnitOpeningHours",
    "UnitPage",
    "UnitPhoto",
]
