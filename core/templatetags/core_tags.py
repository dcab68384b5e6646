from urllib.parse import urlencode

from django import template
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.models import Page, Site

from core import formatting
from core.pagination import page_window
from core.restrictions import public
from pagecache.middleware import cached_until_publish, canonical_query_pairs

register = template.Library()


@register.simple_tag(takes_context=True)
def site_root(context):
    """The current site's home page (cached on the request)."""
    request = context.get("request")
    if request is None:
        return None
    if not hasattr(request, "_site_root"):
        site = Site.find_for_request(request)
        request._site_root = site.root_page.specific if site else None
    return request._site_root


def _menu_entries(root, request):
    """Home's children shown in menus, each with its own menu children (two queries)."""
    top = list(public(root.get_children().live().in_menu()))
    children = {}
    if top:
        paths = [p.path for p in top]
        below = public(
            Page.objects.live()
            .in_menu()
            .filter(depth=top[0].depth + 1, path__startswith=root.path)
            .order_by("path")
        )
        for child in below:
            for parent_path in paths:
                if child.path.startswith(parent_path):
                    children.setdefault(parent_path, []).append(
                        {"pk": child.pk, "title": child.title, "url": child.get_url(request)}
                    )
                    break
    return [
        {
            "pk": item.pk,
            "path": item.path,
            "title": item.title,
            "url": item.get_url(request),
            "children": children.get(item.path, []),
        }
        for item in top
    ]


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The main menu: its entries are kept until the next publish, so a page costs no query."""
    request = context.get("request")
    root = site_root(context)
    current = context.get("page")
    items = []
    if root is not None:
        entries = cached_until_publish(
            f"main-menu:{root.pk}", lambda: _menu_entries(root, request), request
        )
        current_path = current.path if isinstance(current, Page) else ""
        for entry in entries:
            items.append(
                {
                    **entry,
                    "active": bool(current_path) and current_path.startswith(entry["path"]),
                    "current": current_path == entry["path"],
                }
            )
    return {"items": items, "request": request, "root": root}


@register.simple_tag
def today():
    return timezone.localdate()


@register.inclusion_tag("includes/pagination.html", takes_context=True)
def pagination(context, page_obj, anchor=""):
    """Numbered pagination that keeps the other query parameters (works without JS)."""
    request = context["request"]
    # Only the page's own parameters: tracking ones would be cached for the next visitor.
    base = urlencode(canonical_query_pairs(request, drop=("page",)))
    return {
        "page_obj": page_obj,
        "window": page_window(page_obj) if page_obj else [],
        "base_query": f"{base}&" if base else "",
        "anchor": anchor,
    }


@register.filter
def link_phones(html):
    """Rich text with phone numbers as tel: links: ``{{ value|richtext|link_phones }}``."""
    return formatting.link_phones(html)


@register.filter
def download_text(title):
    """'Pobierz <title>', unless staff already began the title with 'Pobierz' (once, not twice)."""
    title = str(title or "").strip()
    verb = gettext("Download")
    if title.casefold().startswith(verb.casefold() + " ") or title.casefold() == verb.casefold():
        return verb + title[len(verb) :]
    return f"{verb} {title}".strip()


@register.filter
def file_size(num_bytes):
    """Human file size in Polish style: '120 KB', '1,4 MB'."""
    try:
        size = int(num_bytes)
    except (TypeError, ValueError):
        return ""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
