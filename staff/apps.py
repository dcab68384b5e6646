from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """Staff roles, the ordinances guard, dashboard panels, review dates, the editor's guide."""

    name = "staff"
    verbose_name = _("Staff")

    def ready(self):
        from .permission_names import name_permissions_in_polish

        # After Django's own handler has created the permissions (it is connected first).
        post_migrate.connect(name_permissions_in_polish, dispatch_uid="staff-permission-names")
