from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import Criterion, WorkerArea


class CriterionViewSet(SnippetViewSet):
    model = Criterion
    icon = "calculator"
    menu_label = _("Criteria and amounts")
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["name", "key", "unit"]


class WorkerAreaViewSet(SnippetViewSet):
    model = WorkerArea
    icon = "group"
    menu_label = _("Social workers' areas")
    add_to_admin_menu = True
    menu_order = 261
    list_display = ["name", "worker_name", "phone"]
    search_fields = ["name", "worker_name"]


register_snippet(CriterionViewSet)
register_snippet(WorkerAreaViewSet)


@hooks.register("register_admin_urls")
def feedback_urls():
    return [
        path("opinie/", admin_views.report, name="services_feedback"),
        path("opinie/<int:page_id>/", admin_views.page_report, name="services_feedback_page"),
        path(
            "opinie/wpis/<int:pk>/zalatwione/",
            admin_views.mark_handled,
            name="services_feedback_handled",
        ),
    ]


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def feedback_menu_item():
    return FeedbackMenuItem(
        _("Page feedback"), reverse("services_feedback"), icon_name="help", order=262
    )
