"""Two-factor authentication for staff (issue 10), built on django-otp's TOTP devices.

Why not wagtail-2fa: its last release targets older Wagtail admin templates, ships
no Polish and turns verification on only when it is required for everyone. This is
the small part we need on top of django-otp (well kept, does the cryptography,
replay protection and throttling):

- /admin/2fa/          set up an authenticator app (secret, otpauth link, QR code),
                       or switch two-factor authentication off with a current code;
- /admin/2fa/verify/   enter the code after the password;
- security.middleware.AdminTwoFactorMiddleware sends people there.

An administrator who loses access to their phone is helped by another
administrator in /django-admin/otp_totp/totpdevice/ (delete the device).
"""

import io
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import FormView
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

DEVICE_NAME = "authenticator"


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Six-digit code from the app"),
        max_length=8,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        help_text=gettext_lazy("Open the authenticator app on your phone and type the code."),
    )

    def __init__(self, *args, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        if not token.isdigit() or self.device is None or not self.device.verify_token(token):
            raise forms.ValidationError(
                _("This code is not correct or has expired. Wait for a new code and try again.")
            )
        return token


def safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if isinstance(target, str) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user):
    """The person's unconfirmed device, created on first visit to the set-up page."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


class TwoFactorSetupView(WagtailAdminTemplateMixin, FormView):
    template_name = "security/two_factor_setup.html"
    form_class = TokenForm
    page_title = gettext_lazy("Two-factor authentication")
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        self.device = confirmed_device(request.user)
        self.enabled = self.device is not None
        if self.enabled and not request.user.is_verified():
            return redirect(reverse("two_factor_verify") + "?" + urlencode({"next": request.path}))
        if not self.enabled:
            self.device = pending_device(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "device": self.device}

    def get_context_data(self, **kwargs):
        from .middleware import two_factor_required_for_all

        context = super().get_context_data(**kwargs)
        secret = ""
        if not self.enabled:
            from base64 import b32encode

            secret = b32encode(self.device.bin_key).decode()
            secret = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
        context.update(
            {
                "enabled": self.enabled,
                "required": two_factor_required_for_all(self.request),
                "secret": secret,
                "config_url": "" if self.enabled else self.device.config_url,
                "next": safe_next(self.request, ""),
            }
        )
        return context

    def form_valid(self, form):
        if self.enabled:
            TOTPDevice.objects.filter(user=self.request.user).delete()
            messages.success(self.request, _("Two-factor authentication is now off."))
            return HttpResponseRedirect(reverse("two_factor_setup"))
        self.device.confirmed = True
        self.device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=self.request.user, confirmed=False).delete()
        otp_login(self.request, self.device)
        messages.success(
            self.request,
            _(
                "Two-factor authentication is on. "
                "From now on you will enter a code after your password."
            ),
        )
        return HttpResponseRedirect(safe_next(self.request, reverse("wagtailadmin_home")))


class TwoFactorVerifyView(WagtailAdminTemplateMixin, FormView):
    template_name = "security/two_factor_verify.html"
    form_class = TokenForm
    page_title = gettext_lazy("Enter your code")
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect("wagtailadmin_login")
        self.device = confirmed_device(request.user)
        if self.device is None or request.user.is_verified():
            return HttpResponseRedirect(safe_next(request, reverse("wagtailadmin_home")))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "device": self.device}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "next": safe_next(self.request, "")}

    def form_valid(self, form):
        otp_login(self.request, self.device)
        return HttpResponseRedirect(safe_next(self.request, reverse("wagtailadmin_home")))


def qr_code(request):
    """The otpauth link of the person's pending device as an SVG QR code."""
    if user_has_device(request.user, confirmed=True):
        return HttpResponse(status=404)
    import segno

    buffer = io.BytesIO()
    segno.make(pending_device(request.user).config_url, error="m").save(
        buffer, kind="svg", scale=5, border=2, title=_("QR code for the authenticator app")
    )
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


urlpatterns = [
    path(
        "",
        never_cache(require_admin_access(TwoFactorSetupView.as_view())),
        name="two_factor_setup",
    ),
    path(
        "verify/",
        never_cache(require_admin_access(TwoFactorVerifyView.as_view())),
        name="two_factor_verify",
    ),
    path("qr.svg", never_cache(require_admin_access(qr_code)), name="two_factor_qr"),
]
