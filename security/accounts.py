"""Wagtail's sign-out and password-reset views, made safe to expose (issue 22).

- Sign-out happens on POST only. Django's ``LogoutView`` answers GET with 405, but
  Wagtail's subclass deletes the session cookie on any method, which left a valid
  session on the server with a browser that no longer had it.
- Password-reset e-mails are limited per client address and per e-mail address.
  The refusal is the same whether or not an account has that address, so the form
  tells nobody which addresses exist.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import account

from .client import client_address
from .ratelimit import RateLimit

PASSWORD_RESET_PER_ADDRESS = RateLimit("password-reset-client", limit=5, window=60 * 60)
PASSWORD_RESET_PER_ACCOUNT = RateLimit("password-reset-account", limit=3, window=60 * 60)


class LogoutView(account.LogoutView):
    def dispatch(self, request, *args, **kwargs):
        if request.method != "POST":
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)


class PasswordResetView(account.PasswordResetView):
    too_many = _("Too many password reset requests. Please try again in an hour.")

    def form_valid(self, form):
        address = client_address(self.request)
        account_key = (form.cleaned_data.get("email") or "").strip().lower()
        if PASSWORD_RESET_PER_ADDRESS.exceeded(address) or PASSWORD_RESET_PER_ACCOUNT.exceeded(
            account_key
        ):
            form.add_error(None, self.too_many)
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        PASSWORD_RESET_PER_ADDRESS.hit(address)
        PASSWORD_RESET_PER_ACCOUNT.hit(account_key)
        return super().form_valid(form)
