"""Consent views (issue 7): django-cookie-consent's views, hardened for cached pages.

Cached public pages are shared by every visitor, so they cannot carry a
per-visitor CSRF token. The consent forms on them therefore post without one,
and these views replace Django's CSRF check with a strict same-origin check:
the browser's ``Origin`` header (or, when a browser sends none, the host of the
``Referer``) must be this site. Browsers set both headers themselves and a page
on another site cannot forge them, so a third-party page cannot give or
withdraw consent on a visitor's behalf; the fetch requests of
``static/js/consent.js`` add a custom header that makes any cross-site attempt
a CORS preflight that this site never answers.

``next`` is checked by Django's ``RedirectURLMixin`` (same host only), so the
views cannot be used as an open redirect.
"""

from urllib.parse import urlsplit

from cookie_consent.conf import settings as consent_settings
from cookie_consent.forms import ProcessCookiesForm
from cookie_consent.processor import CookiesProcessor
from cookie_consent.util import get_cookie_dict_from_request, set_cookie_dict_to_response
from cookie_consent.views import (
    CookieGroupAcceptView,
    CookieGroupDeclineView,
    CookieGroupListView,
    is_ajax_like,
)
from django.conf import settings
from django.contrib.auth.views import RedirectURLMixin
from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from .state import (
    ACCEPTED,
    DECLINED,
    UNDECIDED,
    consent_cookie_name,
    consent_state,
    optional_groups,
    state_from_cookie_value,
)


def _origin_of(url):
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def is_same_origin(request):
    """True when the browser says the POST comes from a page of this site."""
    allowed = {f"{request.scheme}://{request.get_host()}".lower()}
    allowed.update(origin.lower() for origin in getattr(settings, "CSRF_TRUSTED_ORIGINS", []))
    origin = request.headers.get("Origin")
    if origin is not None:
        # "null" (sandboxed frames, some privacy modes) proves nothing: refused.
        return origin.lower() in allowed
    referer = request.headers.get("Referer")
    if referer:
        return _origin_of(referer) in allowed
    return False


def _forbidden(request):
    return TemplateResponse(request, "cookie_consent/forbidden.html", status=403)


def _bad_request(request):
    return TemplateResponse(request, "cookie_consent/bad_request.html", status=400)


def state_payload(state):
    return {
        "accepted": sorted(name for name, value in state.items() if value == ACCEPTED),
        "declined": sorted(name for name, value in state.items() if value == DECLINED),
        "undecided": sorted(name for name, value in state.items() if value == UNDECIDED),
    }


def _state_after(request, response):
    """The consent state the visitor has once the browser stores this response's cookie."""
    morsel = response.cookies.get(consent_cookie_name())
    if morsel is None:
        return consent_state(request)
    return state_from_cookie_value(morsel.value)


class SameOriginPostMixin:
    """POST only, from this site only; invalid input is a 400, never a page of errors."""

    http_method_names = ["post"]

    @method_decorator(csrf_exempt)
    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" and not is_same_origin(request):
            return _forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def finish(self, request, response):
        if is_ajax_like(request):
            json = JsonResponse(state_payload(_state_after(request, response)))
            for morsel in response.cookies.values():
                json.cookies[morsel.key] = morsel
            return json
        return response


class ConsentAcceptView(SameOriginPostMixin, CookieGroupAcceptView):
    def post(self, request, *args, **kwargs):
        if not ProcessCookiesForm(data=request.POST).is_valid():
            return _bad_request(request)
        return self.finish(request, super().post(request, *args, **kwargs))


class ConsentDeclineView(SameOriginPostMixin, CookieGroupDeclineView):
    def post(self, request, *args, **kwargs):
        if not ProcessCookiesForm(data=request.POST).is_valid():
            return _bad_request(request)
        return self.finish(request, super().post(request, *args, **kwargs))


class ChoiceProcessor(CookiesProcessor):
    """Accepts some groups and declines the rest in one response (one cookie write)."""

    def save_choice(self, accepted, declined):
        cookie_dic = get_cookie_dict_from_request(self.request)
        for group in accepted:
            cookie_dic[group.varname] = group.get_version()
        self._delete_cookies(declined)
        for group in declined:
            cookie_dic[group.varname] = consent_settings.COOKIE_CONSENT_DECLINE
        if accepted:
            self._log_action(accepted, "accept")
        if declined:
            self._log_action(declined, "decline")
        set_cookie_dict_to_response(self.response, cookie_dic)


class ConsentSaveView(SameOriginPostMixin, RedirectURLMixin, View):
    """The per-group choice: groups ticked in ``cookie_groups`` are accepted, the rest declined."""

    def get_default_redirect_url(self):
        return consent_settings.COOKIE_CONSENT_SUCCESS_URL

    def post(self, request, *args, **kwargs):
        form = ProcessCookiesForm(data=request.POST)
        if not form.is_valid():
            return _bad_request(request)
        chosen = {group.varname for group in form.get_cookie_groups()}
        groups = optional_groups()
        accepted = [group for group in groups if group.varname in chosen]
        declined = [group for group in groups if group.varname not in chosen]
        if is_ajax_like(request):
            response = HttpResponse()
        else:
            response = HttpResponseRedirect(self.get_success_url())
        ChoiceProcessor(request, response).save_choice(accepted, declined)
        return self.finish(request, response)


class CookieSettingsView(CookieGroupListView):
    """/cookies/: every group with its cookies and the visitor's current choice."""

    def get_queryset(self):
        from cookie_consent.models import Cookie

        return (
            super()
            .get_queryset()
            .prefetch_related(Prefetch("cookie_set", queryset=Cookie.objects.order_by("name")))
        )
