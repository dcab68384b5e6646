"""Old addresses keep working: a Wagtail redirect from each old path to the new object.

Wagtail's redirects match the path and the query string (``Redirect.normalise_path``
sorts the query and drops the trailing slash), but only on a 404. ``/?p=123`` is the
home page, never a 404, so ``WordPressQueryRedirectMiddleware`` looks those up first.
"""

from urllib.parse import urlparse

from django.http import HttpResponsePermanentRedirect
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

# WordPress's own query addresses of a post, page or file: /?p=123, /?page_id=7 …
WORDPRESS_QUERY_KEYS = ("p", "page_id", "attachment_id")


def old_paths(url, *query_ids):
    """Normalised old paths of an item: its permalink path and ``/?p=ID`` style ones."""
    paths = []
    path = urlparse(url or "").path
    query = urlparse(url or "").query
    if path and (path not in ("", "/") or query):
        paths.append(Redirect.normalise_path(path + (f"?{query}" if query else "")))
    for key, value in query_ids:
        if value:
            paths.append(Redirect.normalise_path(f"/?{key}={value}"))
    return list(dict.fromkeys(p for p in paths if p and p != "/"))


def add_redirect(old_path, target, report, site=None):
    """A permanent redirect from ``old_path`` to a page or a file; returns it or None."""
    if isinstance(target, Page):
        new_url = target.url or ""
        values = {"redirect_page": target, "redirect_link": ""}
    else:
        new_url = target.file.url if hasattr(target, "get_rendition") else target.url
        values = {"redirect_page": None, "redirect_link": new_url}
    old_path = Redirect.normalise_path(old_path)
    if not old_path or old_path == "/" or Redirect.normalise_path(new_url) == old_path:
        return None
    existing = Redirect.objects.filter(old_path=old_path, site=site).first()
    if existing is not None:
        if existing.link != (target.url if isinstance(target, Page) else new_url):
            report.add(
                "warnings",
                _("The old address %(path)s already leads elsewhere; left as it was.")
                % {"path": old_path},
            )
        return existing
    return Redirect.objects.create(old_path=old_path, site=site, is_permanent=True, **values)


class WordPressQueryRedirectMiddleware:
    """``/?p=123`` (a live home page answers it) → the imported post's redirect."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/" and request.method in ("GET", "HEAD"):
            query = request.GET
            if any(query.get(key, "").isdigit() for key in WORDPRESS_QUERY_KEYS):
                path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
                redirect = get_redirect(request, path)
                if redirect is not None and redirect.link:
                    return HttpResponsePermanentRedirect(redirect.link)
        return self.get_response(request)
