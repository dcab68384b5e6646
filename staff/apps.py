from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """Staff roles, the ordinances guard, dashboard panels, review dates, the editor's guide."""

    name = "staff"
    verbose_name = _("Staff")
