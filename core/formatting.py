"""One implementation each of the small things several page types print.

Phone links, map links and JSON-LD: a unit page, the contact page, the crisis
lines and the site settings all call these, so a fix lands everywhere at once.
"""

import json
import re
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


# Polish phone numbers as staff type them in running text: +48 and nine digits, nine digits
# grouped 3-3-3 (800 120 002) or 2-3-2-2 (74 812 34 62), the emergency numbers and the
# 116 helplines (112, 997, 116 123). Separators: space, no-break space, hyphen.
_SEP = r"(?:[ \u00a0-]|&nbsp;)"
PHONE_PATTERN = re.compile(
    r"(?<![\w+/.,:-])(?:"
    rf"\+48{_SEP}?(?:\d{_SEP}?){{8}}\d"
    rf"|\d{{3}}{_SEP}\d{{3}}{_SEP}\d{{3}}"
    rf"|\d{{2}}{_SEP}\d{{3}}{_SEP}\d{{2}}{_SEP}\d{{2}}"
    rf"|116{_SEP}?\d{{3}}"
    r"|112|99[789]"
    r")(?![\w/-]|[.,:]\d)"
)
_TAG = re.compile(r"(<[^>]*>)")


def link_phones(html):
    """HTML with every phone number outside a link turned into a ``tel:`` link."""
    parts = _TAG.split(str(html or ""))
    in_link = 0
    for index, part in enumerate(parts):
        if index % 2:
            tag = part.lower()
            if tag.startswith("<a ") or tag == "<a>":
                in_link += 1
            elif tag.startswith("</a"):
                in_link = max(in_link - 1, 0)
        elif not in_link and part:
            parts[index] = PHONE_PATTERN.sub(_phone_link, part)
    return mark_safe("".join(parts))  # noqa: S308 - escaped HTML in, only <a> added


# Words after which a number is a reference, not a phone ("art. 112", "nr 997").
_REFERENCE_BEFORE = re.compile(r"(?:art\.|nr|§|ust\.|pkt|poz\.)(?:\s|&nbsp;)*$", re.IGNORECASE)


def _phone_link(match):
    number = match.group(0)
    if _REFERENCE_BEFORE.search(match.string[max(0, match.start() - 12) : match.start()]):
        return number
    return f'<a href="{tel_href(number.replace("&nbsp;", " "))}">{number}</a>'


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
