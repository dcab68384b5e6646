"""Documents handed to nginx after the app's checks (``SENDFILE_BACKEND``).

Wagtail's document view (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``) checks the
collection's privacy, then asks this backend for the response: an empty one with
``X-Accel-Redirect`` naming the file under nginx's ``internal`` location
(``SENDFILE_URL``, ``/_protected_media/`` in deploy/nginx). nginx then sends the file
itself, with Range requests (videos seek) and without a Python worker streaming it.
Wagtail's wrapper adds Content-Type and Content-Disposition; the view adds its
``X-Content-Type-Options`` and CSP.
"""

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import Http404, HttpResponse


def sendfile(request, filename, **kwargs):
    root = Path(settings.SENDFILE_ROOT).resolve()
    try:
        relative = Path(filename).resolve().relative_to(root)
    except ValueError as error:  # outside the media folder: never hand it out
        raise Http404("not a media file") from error
    response = HttpResponse()
    response["X-Accel-Redirect"] = quote(
        f"{settings.SENDFILE_URL.rstrip('/')}/{relative.as_posix()}"
    )
    return response
