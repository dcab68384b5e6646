"""The admin's warning when a project's programme has no complete logo strip yet."""

from django.urls import NoReverseMatch, reverse
from wagtail.admin.panels import Panel


def strip_warning(project):
    """``{"programme", "missing", "edit_url"}`` when the strip cannot be shown, else None."""
    programme = project.programme if project and project.programme_id else None
    if programme is None:
        return None
    missing = programme.missing_signs()
    if not missing:
        return None
    try:
        edit_url = reverse("wagtailsnippets_projects_programme:edit", args=[programme.pk])
    except NoReverseMatch:
        edit_url = ""
    return {"programme": programme, "missing": missing, "edit_url": edit_url}


class StripStatusPanel(Panel):
    """Shown under the programme chooser: what is missing from the programme's strip."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "projects/admin/strip_status_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["warning"] = strip_warning(self.instance)
            return context
