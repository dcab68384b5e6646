"""The admin's upload form: what to import, where to, and how."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core.models import HomePage
from pages.models import StandardPage

from .models import ImportJob
from .wxr import max_import_bytes

MODE_CHOICES = [
    ("draft", _("as drafts")),
    ("moderate", _("as drafts, submitted for moderation")),
    ("publish", _("published at once")),
]


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file is"), choices=ImportJob.KIND_CHOICES)
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "The WordPress export (Narzędzia → Eksport → Wszystkie treści), a feed file "
            "(RSS or Atom), or the register as CSV or XLSX."
        ),
    )
    parent = forms.ModelChoiceField(
        label=_("Put content pages under"),
        queryset=Page.objects.none(),
        required=False,
        help_text=_("For a WordPress export: where its pages go. Empty: under the home page."),
    )
    mode = forms.ChoiceField(label=_("Imported pages land"), choices=MODE_CHOICES, initial="draft")
    media_folder = forms.CharField(
        label=_("Folder with the old files on the server"),
        required=False,
        max_length=500,
        help_text=_(
            "The old site's wp-content/uploads (or the folder of the ordinances' files) "
            "copied to the server, e.g. /srv/stara-strona/uploads."
        ),
    )
    allow_fetch = forms.BooleanField(
        label=_("Fetch missing files from the old site"), required=False
    )
    update = forms.BooleanField(
        label=_("Update items imported before"),
        required=False,
        help_text=_("Without it, what is already on the site is left as it is."),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run"),
        required=False,
        initial=True,
        help_text=_("Shows what would be created, changed and skipped; writes nothing."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pages = Page.objects.type(HomePage, StandardPage).order_by("path")
        self.fields["parent"].queryset = pages
        self.fields["parent"].label_from_instance = lambda p: "— " * max(p.depth - 2, 0) + p.title

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = max_import_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is too large (%(size)d MB; at most %(limit)d MB can be imported).")
                % {"size": upload.size // (1024 * 1024) or 1, "limit": limit // (1024 * 1024) or 1}
            )
        return upload
