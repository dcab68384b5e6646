"""Reading a WordPress export (WXR): safely, with a Polish message for every bad file.

The file is refused before parsing when it is larger than the limit; it is parsed
with defusedxml, so entity expansion ("billion laughs") and external entities are
refused too. The encoding is the one the XML declaration names (UTF-8, ISO-8859-2,
Windows-1250…): the parser decodes it, so Polish letters arrive intact.
"""

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import parse as safe_parse
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .runner import ImportFailed

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
WP_PREFIX = "http://wordpress.org/export/"


def max_import_bytes():
    return getattr(settings, "IMPORTERS_MAX_FILE_BYTES", 100 * 1024 * 1024)


def check_size(path):
    size = os.path.getsize(path)
    limit = max_import_bytes()
    if size > limit:
        raise ImportFailed(
            _("The file is too large (%(size)d MB; at most %(limit)d MB can be imported).")
            % {"size": size // (1024 * 1024) or 1, "limit": limit // (1024 * 1024) or 1}
        )
    if size == 0:
        raise ImportFailed(_("The file is empty."))


def parse_xml(path):
    """The root element of the XML file at ``path``, or ImportFailed with a Polish message."""
    check_size(path)
    try:
        return safe_parse(path, forbid_dtd=False).getroot()
    except DefusedXmlException:
        raise ImportFailed(
            _(
                "The file declares XML entities or external references (a possible "
                "'XML bomb') and was refused. Export it again from the old site."
            )
        ) from None
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        raise ImportFailed(
            _(
                "The file is not valid XML (line %(line)d, column %(column)d): it may be "
                "cut off or not an export file at all."
            )
            % {"line": line, "column": column}
        ) from None
    except (LookupError, ValueError) as exc:
        raise ImportFailed(_("The file cannot be read: %(error)s") % {"error": exc}) from None


def local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def namespace(tag):
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def child_text(element, name, ns_prefix=None):
    """Text of the first child called ``name`` (in a namespace starting with ``ns_prefix``)."""
    for child in element:
        if local(child.tag) == name and (
            ns_prefix is None or namespace(child.tag).startswith(ns_prefix)
        ):
            return (child.text or "").strip() if name != "encoded" else (child.text or "")
    return ""


def wp(element, name):
    return child_text(element, name, WP_PREFIX)


@dataclass
class Term:
    domain: str  # "category" or "post_tag"
    slug: str
    name: str


@dataclass
class Item:
    post_id: str
    post_type: str
    title: str
    link: str
    guid: str
    status: str
    date: datetime | None
    author: str
    content: str
    excerpt: str
    slug: str
    parent_id: str
    menu_order: int
    attachment_url: str = ""
    terms: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)

    @property
    def source_id(self):
        return f"{self.post_type}:{self.post_id}"


@dataclass
class Export:
    title: str
    base_url: str
    items: list
    authors: dict

    def of_type(self, post_type):
        return [i for i in self.items if i.post_type == post_type]

    def attachments(self):
        return {i.post_id: i for i in self.of_type("attachment")}


def parse_date(gmt, local_date, pub_date):
    """The post's moment: GMT column, else the local one, else the RSS pubDate."""
    for value, aware in ((gmt, UTC), (local_date, None)):
        if value and not value.startswith("0000"):
            try:
                moment = datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
            except ValueError:
                continue
            if aware is not None:
                return moment.replace(tzinfo=aware)
            return timezone.make_aware(moment)
    if pub_date:
        try:
            return parsedate_to_datetime(pub_date)
        except (TypeError, ValueError):
            return None
    return None


def read_export(path):
    """The export's items, or ImportFailed when the file is not a WordPress export."""
    root = parse_xml(path)
    channel = root.find("channel") if local(root.tag) == "rss" else None
    has_wp = channel is not None and any(namespace(c.tag).startswith(WP_PREFIX) for c in channel)
    if channel is None or not has_wp:
        raise ImportFailed(
            _(
                "This is not a WordPress export file (WXR). In WordPress choose "
                "Narzędzia → Eksport → Wszystkie treści and upload the file it gives."
            )
        )
    authors = {}
    for element in channel:
        if local(element.tag) == "author" and namespace(element.tag).startswith(WP_PREFIX):
            login = wp(element, "author_login")
            authors[login] = wp(element, "author_display_name") or login
    items = [read_item(element, authors) for element in channel.findall("item")]
    return Export(
        title=child_text(channel, "title"),
        base_url=(wp(channel, "base_site_url") or child_text(channel, "link")).rstrip("/"),
        items=items,
        authors=authors,
    )


def read_item(element, authors):
    terms = [
        Term(c.get("domain", ""), c.get("nicename", ""), (c.text or "").strip())
        for c in element.findall("category")
    ]
    meta = {}
    for child in element:
        if local(child.tag) == "postmeta":
            meta[wp(child, "meta_key")] = wp(child, "meta_value")
    login = child_text(element, "creator", DC_NS)
    try:
        menu_order = int(wp(element, "menu_order") or 0)
    except ValueError:
        menu_order = 0
    return Item(
        post_id=wp(element, "post_id"),
        post_type=wp(element, "post_type") or "post",
        title=child_text(element, "title"),
        link=child_text(element, "link"),
        guid=child_text(element, "guid"),
        status=wp(element, "status"),
        date=parse_date(
            wp(element, "post_date_gmt"), wp(element, "post_date"), child_text(element, "pubDate")
        ),
        author=authors.get(login, login),
        content=child_text(element, "encoded", CONTENT_NS),
        excerpt=next(
            (
                (c.text or "").strip()
                for c in element
                if local(c.tag) == "encoded" and "excerpt" in namespace(c.tag)
            ),
            "",
        ),
        slug=wp(element, "post_name"),
        parent_id=wp(element, "post_parent"),
        menu_order=menu_order,
        attachment_url=wp(element, "attachment_url"),
        terms=terms,
        meta=meta,
    )
