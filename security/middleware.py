"""Security middleware (issue 10): CSP per area, Permissions-Policy, admin two-factor gate.

The public site and the admin get different Content Security Policies: public pages
are cached and shared, so their policy allows scripts from files on our own origin
only; the Wagtail admin needs inline scripts and styles in places and gets a
policy of its own, still limited to our origin. Documents served by Wagtail keep the
stricter ``default-src 'none'`` that Wagtail's serve view sets itself.
"""

from urllib.parse import urlencode

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from core.paths import ADMIN_PREFIXES


def is_admin_path(path):
    return path.startswith(ADMIN_PREFIXES)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with a separate policy for the admin areas."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN_DIRECTIVES
        return parts


def build_permissions_policy(policy):
    """{"camera": [], "fullscreen": ["self", "https://x"]} -> 'camera=(), fullscreen=(self "https://x")'."""
    items = []
    for feature, allowed in policy.items():
        sources = " ".join(value if value in {"self", "*"} else f'"{value}"' for value in allowed)
        items.append(f"{feature}=({sources})")
    return ", ".join(items)


class PermissionsPolicyMiddleware:
    """Adds a Permissions-Policy header that switches off features the site never uses."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = build_permissions_policy(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response


# Admin URL names a signed-in but not yet verified person may still open.
TWO_FACTOR_OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "wagtailadmin_password_reset",
    "two_factor_verify",
    # Django's own admin (/django-admin/)
    "login",
    "logout",
}
# Open as well while the person has no confirmed device, so they can set one up.
TWO_FACTOR_SETUP_URL_NAMES = {"two_factor_setup", "two_factor_qr"}


def two_factor_required_for_all(request):
    """True when settings or the site settings require two-factor authentication of all staff."""
    if getattr(settings, "TWO_FACTOR_REQUIRED", False):
        return True
    try:
        from wagtail.models import Site

        from core.models import SiteSettings

        site = Site.find_for_request(request)
        if site is None:
            return False
        return bool(getattr(SiteSettings.for_site(site), "require_two_factor", False))
    except Exception:  # noqa: BLE001 - a settings lookup must never lock everyone out
        return False


class AdminTwoFactorMiddleware:
    """Requires a verified one-time code for the admin areas.

    - A person with a confirmed authenticator must enter a code after the password.
    - When two-factor authentication is required for all, a person without an
      authenticator is sent to set one up before anything else.
    Public pages are never touched (they do not look at request.user).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_admin_path(request.path_info):
            response = self.check(request)
            if response is not None:
                return response
        return self.get_response(request)

    def check(self, request):
        from django.urls import Resolver404, resolve
        from django_otp import user_has_device

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        try:
            url_name = resolve(request.path_info).url_name
        except Resolver404:
            return None
        if url_name in TWO_FACTOR_OPEN_URL_NAMES:
            return None
        has_device = user_has_device(user, confirmed=True)
        if has_device:
            target = reverse("two_factor_verify")
        elif two_factor_required_for_all(request):
            if url_name in TWO_FACTOR_SETUP_URL_NAMES:
                return None
            target = reverse("two_factor_setup")
        else:
            return None
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
