"""Admin: the funding programmes (with their logo strips) as snippets staff manage."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Programme


class StripColumn(Column):
    """ "complete" or what is missing, so staff see at a glance which strip is not ready."""

    def get_value(self, instance):
        if not instance.has_eu_strip:
            return _("no EU strip (national funds)")
        missing = instance.missing_signs()
        if not missing:
            return _("complete")
        return _("missing: %(signs)s") % {"signs": ", ".join(str(sign) for sign in missing)}


class ProgrammeViewSet(SnippetViewSet):
    model = Programme
    icon = "folder-open-inverse"
    menu_label = _("Funding programmes")
    add_to_admin_menu = False
    list_display = ["name", "period", StripColumn("strip", label=_("Logo strip"))]
    list_filter = ["period"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return Programme.objects.select_related(*Programme.strip_related())


register_snippet(ProgrammeViewSet)
