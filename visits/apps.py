from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    """The visit counter: middleware, per-day rows, the admin chart."""

    name = "visits"
    verbose_name = _("Visit counter")
    default_auto_field = "django.db.models.BigAutoField"
