"""Admin hooks of the pages app: the statement review reminder and the PDF scan warning."""

from django.contrib import messages
from django.utils import timezone
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .models import AccessibilityStatementPage, OrdinancePage
from .models.statutory import review_deadline
from .panels import scan_warnings


class AccessibilityReviewPanel(Component):
    """Dashboard warning: the statement must be reviewed and updated by 31 March each year."""

    order = 50
    template_name = "pages/admin/accessibility_review_panel.html"

    def __init__(self, statement, today=None):
        self.statement = statement
        self.today = today or timezone.localdate()

    def get_context_data(self, parent_context=None):
        deadline = review_deadline(self.today)
        return {
            "statement": self.statement,
            "deadline": deadline,
            "last_review": self.statement.last_review if self.statement else None,
            "overdue": self.today > deadline,
        }


def statement_needing_review(today=None):
    """(needs_review, statement): the statement is missing or not reviewed this year."""
    statement = AccessibilityStatementPage.objects.order_by("pk").first()
    if statement is None:
        return True, None
    return statement.needs_review(today), statement


@hooks.register("construct_homepage_panels")
def add_accessibility_review_panel(request, panels):
    needs_review, statement = statement_needing_review()
    if needs_review:
        panels.append(AccessibilityReviewPanel(statement))


def _warn_about_scans(request, page):
    page = page.specific
    if not isinstance(page, OrdinancePage):
        return
    titles = scan_warnings(page)
    if titles:
        messages.warning(
            request,
            ngettext(
                "The file %(files)s has no text layer (it looks like a scan): screen readers "
                "cannot read it. Please attach a PDF with text or run text recognition (OCR).",
                "The files %(files)s have no text layer (they look like scans): screen readers "
                "cannot read them. Please attach PDFs with text or run text recognition (OCR).",
                len(titles),
            )
            % {"files": ", ".join(f"„{title}”" for title in titles)},
        )


@hooks.register("after_create_page")
def warn_scans_after_create(request, page):
    _warn_about_scans(request, page)


@hooks.register("after_edit_page")
def warn_scans_after_edit(request, page):
    _warn_about_scans(request, page)
