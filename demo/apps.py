from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo site of an imaginary centre: data files and one loader."""

    name = "demo"
    verbose_name = _("Demo site")
