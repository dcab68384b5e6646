from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    verbose_name = _("Projects")
    name = "projects"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.home import register_home_section

        from .home import home_section

        register_home_section(home_section, order=30)
