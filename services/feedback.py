"""The feedback endpoint: a POST from the foot of a page, answered with a small page.

Cache-safe: the form on the (cached) page is the same for everyone and carries no
token; the answer is a POST, never cached, and never changes the page itself.
No CSRF token (it would set a cookie on every cached page); what a forged post
could do is add one anonymous answer, which the rate limit bounds. Bots (by their
user agent, or a filled honeypot) get the thank-you page and nothing is stored.
"""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page

from core.restrictions import public
from security.client import client_address
from security.ratelimit import RateLimit
from visits.bots import is_bot

from .models.feedback import MAX_COMMENT, Feedback

HONEYPOT = "strona_www"
# Per client (a hash of the address, kept in the cache for the window only).
RATE_LIMIT = RateLimit("feedback", limit=10, window=10 * 60)


class FeedbackForm(forms.Form):
    page = forms.IntegerField(min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput)
    helpful = forms.TypedChoiceField(
        label=_("Was this page helpful?"),
        choices=[("tak", _("Yes")), ("nie", _("No"))],
        coerce=lambda value: value == "tak",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    comment = forms.CharField(
        label=_("What can we improve? (optional)"),
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_COMMENT}),
        error_messages={
            "max_length": _("The comment can be at most %(limit_value)d characters long.")
        },
    )


def _page(form):
    page_id = form.cleaned_data.get("page") if hasattr(form, "cleaned_data") else None
    if not page_id:
        return None
    return public(Page.objects.live().filter(pk=page_id)).first()


@csrf_exempt
@never_cache
@require_POST
def feedback(request):
    form = FeedbackForm(request.POST)
    valid = form.is_valid()
    page = _page(form)
    context = {"form": form, "feedback_page": page, "max_comment": MAX_COMMENT}
    if page is None:
        return render(
            request, "services/feedback_result.html", {**context, "no_page": True}, status=400
        )
    if is_bot(request.META.get("HTTP_USER_AGENT", "")) or request.POST.get(HONEYPOT):
        return render(request, "services/feedback_result.html", {**context, "thanks": True})
    if not valid:
        return render(request, "services/feedback_result.html", context, status=400)
    if RATE_LIMIT.exceeded(client_address(request)):
        return render(
            request, "services/feedback_result.html", {**context, "rate_limited": True}, status=429
        )
    RATE_LIMIT.hit(client_address(request))
    Feedback.objects.create(
        page=page,
        helpful=form.cleaned_data["helpful"],
        comment=form.cleaned_data["comment"].strip(),
    )
    return render(request, "services/feedback_result.html", {**context, "thanks": True})
