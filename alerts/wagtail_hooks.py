"""Admin for alert banners: the snippet and the dashboard panel of current and coming alerts."""

from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Alert


class AlertViewSet(SnippetViewSet):
    model = Alert
    icon = "warning"
    menu_label = gettext_lazy("Alerts")
    menu_name = "alerts"
    menu_order = 250
    add_to_admin_menu = True
    list_display = [
        "message",
        "level",
        "starts_at",
        "ends_at",
        BooleanColumn("enabled", label=Alert._meta.get_field("enabled").verbose_name),
    ]
    list_filter = ["level", "enabled"]
    search_fields = ["message"]


register_snippet(AlertViewSet)


class AlertsPanel(Component):
    name = "active_alerts"
    template_name = "alerts/admin/panel_alerts.html"
    order = 60

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        now = timezone.now()
        context["active"] = list(Alert.objects.active_at(now)[:5])
        context["upcoming"] = list(
            Alert.objects.filter(enabled=True, starts_at__gt=now).order_by("starts_at")[:5]
        )
        # Controls only for those who may use them (editors see the alerts, nothing to click).
        user = parent_context["request"].user
        label = Alert._meta.app_label
        context["can_add"] = user.has_perm(f"{label}.add_alert")
        context["can_change"] = user.has_perm(f"{label}.change_alert")
        return context


@hooks.register("construct_homepage_panels")
def add_alerts_panel(request, panels):
    panels.append(AlertsPanel())
