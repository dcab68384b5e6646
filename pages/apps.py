from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    verbose_name = _("Content pages")
    name = "pages"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from website.search import register_exact_match

        from . import pdf
        from .models.ordinances import ordinances_numbered

        pdf.connect()
        register_exact_match(ordinances_numbered)
