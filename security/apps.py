from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """CSP and Permissions-Policy, two-factor sign-in, upload rules."""

    name = "security"
    verbose_name = _("Security")

    def ready(self):
        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.fields import RichTextField

        from .richtext import validate_rich_text

        # Every rich-text field of every admin form refuses malformed references.
        register_form_field_override(RichTextField, override={"validators": [validate_rich_text]})
