from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    verbose_name = _("News")
    name = "news"
    default_auto_field = "django.db.models.BigAutoField"
