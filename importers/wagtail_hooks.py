from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import can_import, job_view, start_view, status_view


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("import/", start_view, name="importers_start"),
        path("import/<int:pk>/", job_view, name="importers_job"),
        path("import/<int:pk>/status/", status_view, name="importers_status"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


@hooks.register("register_settings_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import from the old site"), reverse("importers_start"), name="import", icon_name="upload"
    )
