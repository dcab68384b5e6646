"""Models of the pages app, one module per kind of page."""

from .contact import ContactFormField, ContactPage
from .content import MissionPage, StandardPage, TasksPage
from .ordinances import DocumentPdfInfo, OrdinanceAttachment, OrdinanceIndexPage, OrdinancePage
from .statutory import AccessibilityStatementPage, EasyReadPage, PrivacyPolicyPage, SignLanguagePage

__all__ = [
    "AccessibilityStatementPage",
    "ContactFormField",
    "ContactPage",
    "DocumentPdfInfo",
    "EasyReadPage",
    "MissionPage",
    "OrdinanceAttachment",
    "OrdinanceIndexPage",
    "OrdinancePage",
    "PrivacyPolicyPage",
    "SignLanguagePage",
    "StandardPage",
    "TasksPage",
]
