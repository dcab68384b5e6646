from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Base page, home page, site settings, navigation, search, sitemap, robots, health.

    The label stays ``website`` (the app's name before it moved to ``core/``) so
    that existing installs keep their tables, migration history, content types
    and permissions unchanged.
    """

    name = "core"
    label = "website"
    verbose_name = _("Website")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core import checks as django_checks

        from . import checks, restrictions

        restrictions.connect()
        django_checks.register(checks.media_storage_reachable, "storage")
