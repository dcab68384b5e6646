from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsentConfig(AppConfig):
    """django-cookie-consent wiring: the banner, the consent state, gated embeds, the log."""

    name = "consent"
    verbose_name = _("Cookie consent")
