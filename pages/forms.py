"""Forms of the pages app: the ordinance admin form and the public contact form."""

import re

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm

from core.forms import BasePageForm
from core.search import fold


class OrdinanceAdminForm(BasePageForm):
    """Checks that the number is free in the register; fills the title and slug when empty."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "title" in self.fields:
            self.fields["title"].required = False
            self.fields["title"].help_text = _(
                "Leave empty to use 'Zarządzenie nr …' with the subject."
            )
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean_number(self):
        return re.sub(r"\s+", "", self.cleaned_data.get("number") or "").upper()

    def clean(self):
        data = self.cleaned_data
        number = data.get("number")
        if number:
            self._check_number_is_free(number)
            if not data.get("title") and data.get("subject"):
                data["title"] = str(
                    _("Ordinance no. %(number)s %(subject)s")
                    % {"number": number, "subject": data["subject"]}
                )[:255]
            if not data.get("slug"):
                data["slug"] = slugify(fold(f"zarzadzenie {number}").replace("/", "-"))
        if not data.get("title"):
            self.add_error("title", _("Please give the ordinance a title or a subject."))
        repealed_by = data.get("repealed_by")
        if repealed_by is not None:
            if self.instance.pk and repealed_by.pk == self.instance.pk:
                self.add_error("repealed_by", _("An ordinance cannot repeal itself."))
            data["status"] = "repealed"
        return super().clean()

    def _check_number_is_free(self, number):
        model = type(self.instance)
        parent = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
        if parent is None:
            return
        clash = (
            model.objects.child_of(parent)
            .filter(number__iexact=number)
            .exclude(pk=self.instance.pk)
            .first()
        )
        if clash is not None:
            self.add_error(
                "number",
                _(
                    "The register already has an ordinance no. %(number)s: “%(title)s”. "
                    "Check the number; each number may be used once."
                )
                % {"number": number, "title": clash.title},
            )


# Names of the fields the contact form always has, whatever staff build in the admin.
CONSENT_FIELD = "zgoda"
HONEYPOT_FIELD = "strona_www"
# The longest text a field of the contact form takes (a few pages of a letter).
MAX_MESSAGE_LENGTH = 5000


# What the browser may fill in (WCAG 1.3.5), by the field's name as staff label it in the
# admin ("Imię i nazwisko" -> imie_i_nazwisko); first match wins. A phone field also gets
# type="tel", so phones show the number pad.
AUTOCOMPLETE_BY_NAME = (
    ("telefon", "tel"),
    ("phone", "tel"),
    ("e_mail", "email"),
    ("email", "email"),
    ("nazwisko", "name"),
    ("imie", "name"),
    ("name", "name"),
)


def autocomplete_for(name, field):
    if isinstance(field, forms.EmailField):
        return "email"
    for part, purpose in AUTOCOMPLETE_BY_NAME:
        if part in name:
            return purpose
    return None


class ContactFormBase(BaseForm):
    """Adds the required consent and a honeypot (hidden from people, filled by bots)."""

    consent_label = _(
        "I agree to the processing of my personal data to answer my message, "
        "as described in the information clause above."
    )

    def __init__(self, *args, consent_label="", **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField) and field.max_length is None:
                self._cap_length(field)
            purpose = autocomplete_for(name, field)
            if purpose and isinstance(field.widget, (forms.TextInput, forms.EmailInput)):
                field.widget.attrs["autocomplete"] = purpose
                if purpose == "tel":
                    field.widget.input_type = "tel"
        self.fields[CONSENT_FIELD] = forms.BooleanField(
            label=consent_label or self.consent_label,
            required=True,
            error_messages={
                "required": _("Please tick the consent box; without it we cannot answer.")
            },
        )
        # Shown in the error summary instead of the long consent sentence.
        self.fields[CONSENT_FIELD].summary_label = _("Consent to data processing")
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    @staticmethod
    def _cap_length(field):
        field.max_length = MAX_MESSAGE_LENGTH
        field.validators.append(
            MaxLengthValidator(
                MAX_MESSAGE_LENGTH,
                message=_(
                    "The message may have at most %(limit_value)d characters (it has "
                    "%(show_value)d). Please shorten it or send the rest in a second message."
                ),
            )
        )
        field.widget.attrs["maxlength"] = str(MAX_MESSAGE_LENGTH)

    @property
    def is_bot(self):
        return bool(self.is_bound and (self.data.get(HONEYPOT_FIELD) or "").strip())

    def visible_fields(self):
        return [f for f in super().visible_fields() if f.name != HONEYPOT_FIELD]

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]
