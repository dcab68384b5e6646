from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    """ "Jak załatwić sprawę": services, shared criteria, forms, worker areas, feedback."""

    verbose_name = _("Services")
    name = "services"
    default_auto_field = "django.db.models.BigAutoField"
