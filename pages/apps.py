from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    verbose_name = _("Content pages")
    name = "pages"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.home import register_home_section
        from core.search import register_exact_match
        from staff.roles import register_director_only

        from . import pdf
        from .home import home_section
        from .models.ordinances import OrdinanceIndexPage, OrdinancePage, ordinances_numbered

        pdf.connect()
        register_exact_match(ordinances_numbered)
        register_home_section(home_section, order=30)
        register_director_only(OrdinanceIndexPage, OrdinancePage)
