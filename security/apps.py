from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """CSP and Permissions-Policy, two-factor sign-in, upload rules."""

    name = "security"
    verbose_name = _("Security")
