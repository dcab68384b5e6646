"""Template context every page shares."""

from django.utils.functional import SimpleLazyObject


def site_settings(request):
    """The site's settings as ``site_settings``, read only when a template uses them.

    Site-wide parts kept with ``{% cached_until_publish %}`` then cost no query
    on a page that does not show the settings anywhere else.
    """
    from .models import SiteSettings

    return {"site_settings": SimpleLazyObject(lambda: SiteSettings.for_request(request))}
