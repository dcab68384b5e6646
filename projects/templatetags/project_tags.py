from django import template

from ..formatting import format_number, format_pln

register = template.Library()


@register.filter
def pln(value):
    """1234567.89 -> "1 234 567,89 zł" (no-break spaces)."""
    return format_pln(value)


@register.filter
def polish_number(value):
    """40.00 -> "40", 12.50 -> "12,5", 1500 -> "1 500"."""
    return format_number(value)
