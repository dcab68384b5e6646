"""The contact page: the centre's details from site settings and a contact form."""

from django.db import models
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField

from core.blocks import RICH_TEXT_FEATURES
from core.formatting import map_url
from core.models import BasePage, SiteSettings
from security.client import client_address
from security.ratelimit import RateLimit

from ..forms import CONSENT_FIELD, HONEYPOT_FIELD, ContactFormBase

CONTACT_RATE_LIMIT = RateLimit("contact", limit=5, window=10 * 60)


class ContactFormField(AbstractFormField):
    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")


class ContactFormBuilder(FormBuilder):
    def get_form_class(self):
        return type("ContactForm", (ContactFormBase,), self.formfields)


class ContactPage(AbstractEmailForm, BasePage):
    # Wagtail's own fields, declared again only to give staff a hint in Polish.
    from_address = models.EmailField(
        _("from address"),
        max_length=255,
        blank=True,
        help_text=_("The sender of the notification e-mails, e.g. strona@ops.example.pl."),
    )
    subject = models.CharField(
        pgettext_lazy("e-mail", "subject"),
        max_length=255,
        blank=True,
        help_text=_("Subject of the notification e-mail, e.g. 'Wiadomość ze strony'."),
    )
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("E.g. when it is best to call and who answers."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("For the map link, e.g. 50.123456. Empty: the map searches the address."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("For the map link, e.g. 19.123456. Empty: the map searches the address."),
    )
    form_heading = models.CharField(
        _("form heading"), max_length=200, default="Napisz do nas", help_text=_("Above the form.")
    )
    privacy_notice = RichTextField(
        _("privacy notice (RODO)"),
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "The short information clause shown above the form: controller, data protection "
            "officer, purpose, legal basis, retention, rights; link to the full clause."
        ),
    )
    consent_label = models.CharField(
        _("consent checkbox text"),
        max_length=300,
        blank=True,
        help_text=_("Empty: a standard wording is used."),
    )
    thank_you_text = RichTextField(
        _("thank-you text"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Shown after a message is sent, e.g. when to expect an answer."),
    )

    def get_submissions_list_view_class(self):
        # Messages listed with the retention period, exported without spreadsheet formulas
        # (imported here: Wagtail's views import models, which are loading now).
        from security.exports import SafeSubmissionsListView

        return SafeSubmissionsListView

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
            heading=_("Map link"),
        ),
        FieldPanel("form_heading"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("privacy_notice"),
        FieldPanel("consent_label"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mail with each message"),
        ),
    ]

    form_builder = ContactFormBuilder
    parent_page_types = ["website.HomePage"]
    subpage_types = []
    max_count = 1
    template = "pages/contact_page.html"
    landing_page_template = "pages/contact_page_landing.html"

    class Meta:
        verbose_name = _("contact page")
        verbose_name_plural = _("contact pages")

    def search_texts(self):
        return super().search_texts() + [self.intro]

    def map_url(self, site_settings):
        address = site_settings.full_address if site_settings else ""
        return map_url(address, self.latitude, self.longitude)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["map_url"] = self.map_url(SiteSettings.for_request(request))
        return context

    def get_form_parameters(self):
        return {"consent_label": self.consent_label}

    def get_data_fields(self):
        return super().get_data_fields() + [(CONSENT_FIELD, _("Consent to data processing"))]

    def process_form_submission(self, form):
        form.cleaned_data.pop(HONEYPOT_FIELD, None)
        return super().process_form_submission(form)

    def render_email(self, form):
        # Yes/no fields (the consent) read "Tak" / "Nie" in the e-mail, not True / False.
        data = form.cleaned_data
        answers = {name: value for name, value in data.items() if isinstance(value, bool)}
        data.update(
            {name: gettext("Yes") if value else gettext("No") for name, value in answers.items()}
        )
        try:
            body = super().render_email(form)
        finally:
            data.update(answers)
        return f"{body}\n\n{_('Sent from the page')}: {self.full_url}"

    def serve(self, request, *args, **kwargs):
        """The form page carries a CSRF token: never cached, anywhere."""
        if request.method == "POST":
            response = self.serve_post(request, *args, **kwargs)
        else:
            response = super().serve(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def serve_post(self, request, *args, **kwargs):
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        client = client_address(request)
        if CONTACT_RATE_LIMIT.exceeded(client):
            return self.render_form(request, form, status=429, rate_limited=True)
        if form.is_bot:
            # Pretend success: a bot learns nothing; nothing is stored or sent.
            CONTACT_RATE_LIMIT.hit(client)
            return self.render_landing_page(request, None, *args, **kwargs)
        if form.is_valid():
            CONTACT_RATE_LIMIT.hit(client)
            submission = self.process_form_submission(form)
            return self.render_landing_page(request, submission, *args, **kwargs)
        return self.render_form(request, form)

    def render_form(self, request, form, status=200, rate_limited=False):
        context = self.get_context(request)
        context["form"] = form
        context["rate_limited"] = rate_limited
        return TemplateResponse(request, self.get_template(request), context, status=status)
