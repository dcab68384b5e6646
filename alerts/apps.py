from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = _("Alerts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import Alert, forget_next_change

        post_save.connect(
            forget_next_change, sender=Alert, dispatch_uid="alerts-forget-next-change"
        )
        post_delete.connect(
            forget_next_change, sender=Alert, dispatch_uid="alerts-forget-next-change-d"
        )
