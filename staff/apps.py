from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class StaffConfig(AppConfig):
    """Staff roles, the ordinances guard, dashboard panels, review dates, the editor's guide."""

    name = "staff"
    verbose_name = _("Staff")
    default = True  # the app's config: StaffUsersConfig below is Wagtail's users app

    def ready(self):
        from .permission_names import name_permissions_in_polish

        # After Django's own handler has created the permissions (it is connected first).
        post_migrate.connect(name_permissions_in_polish, dispatch_uid="staff-permission-names")


class StaffUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app (in INSTALLED_APPS instead of "wagtail.users"), whose user forms
    show what each group may do beside its name (Wagtail's documented way to change them)."""

    user_viewset = "staff.forms.StaffUserViewSet"
