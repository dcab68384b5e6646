"""The self-check page "Sprawdź, czy możesz dostać pomoc"."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from core.models import BasePage
from core.restrictions import public

from .criteria import criteria_table
from .services import SECTION_PARENTS, ServicePage

FORM_PARAMS = ("osoby", "dochod", "sytuacja")


class EligibilityCheckPage(BasePage):
    # A resident's figures are never keyed nor stored: only the empty form is cached
    # (an empty pattern accepts only the empty value; any other value bypasses the cache).
    cache_query_params = dict.fromkeys(FORM_PARAMS, "")
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Above the form: what the check does and that the centre decides."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = SECTION_PARENTS
    subpage_types = []
    max_count = 1
    template = "services/eligibility_check_page.html"

    class Meta:
        verbose_name = _("eligibility self-check")
        verbose_name_plural = _("eligibility self-checks")

    def search_texts(self):
        return super().search_texts() + [self.intro]

    @staticmethod
    def submitted(request):
        return any(name in request.GET for name in FORM_PARAMS)

    def get_context(self, request, *args, **kwargs):
        from ..eligibility import SelfCheckForm, assess

        context = super().get_context(request, *args, **kwargs)
        table = criteria_table(request)
        context["table"] = table
        if not self.submitted(request):
            context["form"] = SelfCheckForm()
            return context
        form = SelfCheckForm(request.GET)
        context["form"] = form
        if form.is_valid():
            data = form.cleaned_data
            results, per_person = assess(data["osoby"], data["dochod"], data["sytuacja"], table)
            rules = [rule for rule, _reason in results]
            pages = {
                page.eligibility_rule: page
                for page in public(ServicePage.objects.live().filter(eligibility_rule__in=rules))
                .only("title", "url_path", "path", "eligibility_rule", "summary")
                .order_by("path")
            }
            context["results"] = [
                {"rule": rule, "reason": reason, "page": pages.get(rule)}
                for rule, reason in results
            ]
            context["checked"] = True
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if self.submitted(request):
            # Figures typed by a resident stay in this one response.
            response["Cache-Control"] = "no-store, private"
            response["Referrer-Policy"] = "no-referrer"
            form = getattr(response, "context_data", {}) or {}
            if "form" in form and form["form"].errors:
                response.status_code = 400
        return response
