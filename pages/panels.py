"""Admin panels of the pages app."""

from wagtail.admin.panels import Panel


class OrdinanceFilesCheckPanel(Panel):
    """Shows, on the ordinance edit view, what the PDF check found in each attached file."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "pages/admin/ordinance_files_check.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["checks"] = file_checks(self.instance) if self.instance.pk else []
            return context


def file_checks(page):
    """(attachment, pdf_info) pairs of the saved attachments of ``page``."""
    from .models import DocumentPdfInfo

    attachments = [a for a in page.attachments.all() if a.document_id]
    infos = DocumentPdfInfo.objects.in_bulk([a.document_id for a in attachments])
    return [(a, infos.get(a.document_id)) for a in attachments]


def scan_warnings(page):
    """Titles of the attached PDFs that have no text layer (scans screen readers cannot read)."""
    return [a.document.title for a, info in file_checks(page) if info is not None and info.is_scan]
