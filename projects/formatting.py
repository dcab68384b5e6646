"""Amounts and numbers the Polish way: "1 234 567,89 zł" (a no-break space between thousands)."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

NBSP = "\u00a0"
CENT = Decimal("0.01")


def group_thousands(digits):
    """ "1234567" -> "1 234 567", with no-break spaces so an amount never wraps."""
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return NBSP.join(groups) or "0"


def _decimal(value):
    if value is None or value == "":
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def format_number(value, places=None):
    """A number with Polish separators; ``places=None`` drops a zero fraction ("40", "12,5")."""
    number = _decimal(value)
    if number is None:
        return ""
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    else:
        number = number.normalize()
    text = f"{abs(number):f}"
    whole, _, fraction = text.partition(".")
    sign = "-" if number < 0 else ""
    return sign + group_thousands(whole) + ("," + fraction if fraction else "")


def format_pln(value):
    """ "1 234 567,89 zł" (always two decimal places), "" for no amount."""
    text = format_number(value, places=2)
    return f"{text}{NBSP}zł" if text else ""
