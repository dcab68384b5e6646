from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    verbose_name = _("News")
    name = "news"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.home import register_home_section
        from projects.linked import register_linked_source

        from .home import home_section
        from .projects import linked_posts

        register_home_section(home_section, order=10)
        register_linked_source(linked_posts, order=10)
