"""Spreadsheet exports that cannot run formulas, and the contact-form messages' listing.

A resident's message may start with "=", "+", "-" or "@" (by accident or by intent): opened
in a spreadsheet, such a CSV cell runs as a formula (CSV injection, OWASP). Wagtail makes
XLSX cells plain text already; for CSV we prefix such a cell with an apostrophe, which the
spreadsheet shows as text. The listing also says how long messages are kept.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.views import SubmissionsListView

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The text of a CSV cell that a spreadsheet shows as text, never runs."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def retention_days(form_page):
    """How many days this form's messages are kept (site settings, else the default)."""
    from core.models import SiteSettings

    days = None
    site = form_page.get_site()
    if site is not None:
        days = SiteSettings.for_site(site).form_retention_days
    return days or getattr(settings, "FORM_SUBMISSION_RETENTION_DAYS", 365)


class SafeSubmissionsListView(SubmissionsListView):
    """Wagtail's messages listing with formula-safe CSV and the retention period shown."""

    template_name = "security/admin/submissions_index.html"
    retention_note = _(
        "Messages are kept for %(days)s days, then deleted automatically (GDPR). "
        "Export only what you need and delete the file when the case is closed."
    )

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise(value) if export_format == self.FORMAT_CSV else value

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["retention_note"] = self.retention_note % {"days": retention_days(self.form_page)}
        return context
