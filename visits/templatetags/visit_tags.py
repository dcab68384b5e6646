"""The footer's visit counter numbers (issue 6)."""

import logging

from django import template

from visits.counter import get_counts

logger = logging.getLogger(__name__)
register = template.Library()


@register.simple_tag
def visit_counts():
    """``{"month": N, "total": N}``, or None when they cannot be read (the page still renders)."""
    try:
        return get_counts()
    except Exception:  # noqa: BLE001 - a footer figure must never break a page
        logger.exception("visit counter: could not read the counts for the footer")
        return None
