from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    """The full-page cache, its invalidation and the cache back-ends."""

    name = "pagecache"
    verbose_name = _("Page cache")

    def ready(self):
        from . import invalidation

        invalidation.connect()
