"""One implementation each of the small things several page types print.

Phone links, map links and JSON-LD: a unit page, the contact page, the crisis
lines and the site settings all call these, so a fix lands everywhere at once.
"""

import json
from urllib.parse import urlencode

from django.utils.safestring import mark_safe

# Characters that could end a <script> element or a single-quoted attribute early.
JSON_SCRIPT_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    ord("'"): "\\u0027",
}


def tel_href(number):
    """``tel:`` link of a Polish number: "12 345 67 89" -> "tel:+48123456789".

    Short numbers (112, 116 123, 987) are dialled as they are, without +48;
    a number with no digits gives "" (no link).
    """
    digits = "".join(ch for ch in number or "" if ch.isdigit() or ch == "+")
    if not digits.strip("+"):
        return ""
    if not digits.startswith("+") and len(digits) > 6:
        digits = "+48" + digits
    return f"tel:{digits}"


def map_url(address="", latitude=None, longitude=None):
    """An OpenStreetMap link: the exact point when known, else a search for the address."""
    if latitude is not None and longitude is not None:
        return (
            f"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}"
            f"#map=18/{latitude}/{longitude}"
        )
    if not address:
        return ""
    return "https://www.openstreetmap.org/search?" + urlencode({"query": address})


def json_script_text(data):
    """JSON for inside ``<script>`` (JSON-LD, data for our scripts), safe in HTML."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(JSON_SCRIPT_ESCAPES))  # noqa: S308 - escaped above
