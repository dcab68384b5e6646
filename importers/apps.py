from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportersConfig(AppConfig):
    verbose_name = _("Imports from the old site")
    name = "importers"
    default_auto_field = "django.db.models.BigAutoField"
