"""Security headers, CSP per area, login lockout and two-factor authentication (issue 10)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.production import production_settings

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Bardzo-Tajne-Haslo-2024"


def csp_directives(header):
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser(
        username="redaktor", email="redaktor@example.pl", password=PASSWORD
    )


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def login(client, username="redaktor", password=PASSWORD, **extra):
    return client.post("/admin/login/", {"username": username, "password": password}, **extra)


class TestPublicHeaders:
    def test_home_page_has_strict_csp_without_inline_scripts(self, client, home):
        response = client.get("/")
        assert response.status_code == 200
        csp = csp_directives(response["Content-Security-Policy"])
        assert csp["default-src"] == ["'self'"]
        assert csp["script-src"] == ["'self'"]
        assert csp["style-src"] == ["'self'"]
        assert csp["object-src"] == ["'none'"]
        assert csp["base-uri"] == ["'self'"]
        assert csp["form-action"] == ["'self'"]
        assert csp["frame-ancestors"] == ["'self'"]
        assert csp["frame-src"] == ["https://www.youtube-nocookie.com"]
        assert set(csp["img-src"]) == {"'self'", "data:"}
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        assert "nonce-" not in response["Content-Security-Policy"]

    def test_home_page_has_security_headers(self, client, home):
        response = client.get("/")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        policy = response["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in policy
        assert 'fullscreen=(self "https://www.youtube-nocookie.com")' in policy

    def test_public_pages_carry_no_inline_script(self, client, home):
        body = client.get("/").content.decode()
        for chunk in body.split("<script")[1:]:
            tag = chunk.split(">", 1)[0]
            assert "src=" in tag or "application/ld+json" in tag or "application/json" in tag, (
                f"inline script on a public page: <script{tag}>"
            )

    def test_cache_hit_keeps_headers(self, client, home):
        first = client.get("/")
        second = client.get("/")
        assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
        assert second["Permissions-Policy"] == first["Permissions-Policy"]

    def test_not_found_page_also_gets_policy(self, client, home):
        response = client.get("/nie-ma-takiej-strony/")
        assert response.status_code == 404
        assert "script-src 'self'" in response["Content-Security-Policy"]


class TestAdminHeaders:
    def test_admin_login_gets_admin_policy(self, client, db):
        response = client.get("/admin/login/")
        assert response.status_code == 200
        csp = csp_directives(response["Content-Security-Policy"])
        assert "'self'" in csp["script-src"]
        assert csp["object-src"] == ["'none'"]
        assert csp["frame-ancestors"] == ["'self'"]
        assert csp["base-uri"] == ["'self'"]
        # no third-party script hosts in the admin either
        assert all(src.startswith("'") for src in csp["script-src"])

    def test_admin_editor_works_for_staff(self, client, home, staff):
        client.force_login(staff)
        response = client.get(f"/admin/pages/{home.pk}/edit/")
        assert response.status_code == 200
        assert "Content-Security-Policy" in response
        assert "'unsafe-inline'" in csp_directives(response["Content-Security-Policy"])["style-src"]

    def test_preview_can_be_framed_by_the_admin_only(self, client, home, staff):
        client.force_login(staff)
        response = client.get(f"/admin/pages/{home.pk}/edit/preview/")
        assert response.status_code == 200
        assert response["X-Frame-Options"] == "SAMEORIGIN"
        assert csp_directives(response["Content-Security-Policy"])["frame-ancestors"] == ["'self'"]

    def test_admin_pages_are_not_cached(self, client, home, staff):
        client.force_login(staff)
        response = client.get("/admin/")
        assert "private" in response.get("Cache-Control", "") or "no-cache" in response.get(
            "Cache-Control", ""
        )

    def test_no_gravatar(self, settings):
        assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None


def _production(extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "website.settings.production",
            "DJANGO_SECRET_KEY": "k" * 20 + "-Zq8!pW3xL0vN7rT5yB2mC9dF6gH1jK4",
            "DJANGO_ALLOWED_HOSTS": "ops.example.pl",
            **(extra or {}),
        }
    )
    return env


class TestProductionSettings:
    def test_check_deploy_is_clean(self):
        result = subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            cwd=ROOT,
            env=_production(),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "no issues" in result.stdout

    def test_production_values(self):
        found = production_settings()
        assert found["SECURE_HSTS_SECONDS"] == 31536000
        assert found["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
        assert found["SESSION_COOKIE_SECURE"] is True
        assert found["SESSION_COOKIE_HTTPONLY"] is True
        assert found["SESSION_COOKIE_SAMESITE"] == "Lax"
        assert found["CSRF_COOKIE_SECURE"] is True
        assert found["CSRF_COOKIE_HTTPONLY"] is True
        assert found["COOKIE_CONSENT_SECURE"] is True
        assert found["SECURE_SSL_REDIRECT"] is True
        assert found["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
        assert found["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["upgrade-insecure-requests"] is True
        assert found["TRUSTED_PROXY_COUNT"] == 0
        assert found["AXES_CLIENT_IP_CALLABLE"] == "security.client.client_address"

    def test_trusted_proxy_address_for_lockout(self):
        assert production_settings(TRUSTED_PROXY_COUNT="2")["TRUSTED_PROXY_COUNT"] == 2
        # the older variable still means "one proxy in front"
        found = production_settings(VISITS_TRUST_X_FORWARDED_FOR="true")
        assert found["TRUSTED_PROXY_COUNT"] == 1


class TestPasswordsAndSessions:
    def test_short_passwords_are_refused(self, settings):
        from django.contrib.auth.password_validation import validate_password
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError):
            validate_password("krotkie1!Ab")  # 11 characters
        validate_password("zupelnie-dlugie-haslo-7")

    def test_sessions_expire(self, settings):
        assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
        assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
        assert settings.SESSION_COOKIE_HTTPONLY is True


class TestLockout:
    def test_five_failures_lock_the_account_with_a_polish_message(self, client, staff):
        for _ in range(4):
            response = login(client, password="zle-haslo")
            assert response.status_code == 200
        response = login(client, password="zle-haslo")
        assert response.status_code == 429
        body = response.content.decode()
        assert "Logowanie tymczasowo zablokowane" in body
        assert "30 minut" in body
        # even the right password is refused while locked out
        response = login(client)
        assert response.status_code == 429
        assert "_auth_user_id" not in client.session

    def test_lockout_is_per_account_and_address(self, staff):
        """Issue 22: the pair is locked, so nobody can lock out somebody else."""
        for _ in range(5):
            login(Client(), password="zle-haslo", REMOTE_ADDR="10.0.0.1")
        assert login(Client(), REMOTE_ADDR="10.0.0.1").status_code == 429
        # the owner, from their own address, still signs in
        assert login(Client(), REMOTE_ADDR="10.0.1.1").status_code == 302

    def test_made_up_usernames_do_not_lock_the_address_for_others(self, staff):
        other = get_user_model().objects.create_user(
            username="kadry", password=PASSWORD, is_staff=True
        )
        assert other.pk
        for i in range(5):
            login(Client(), username=f"nieznany{i}", password="x", REMOTE_ADDR="10.9.9.9")
        assert login(Client(), username="kadry", REMOTE_ADDR="10.9.9.9").status_code == 302

    def test_success_resets_the_counter(self, client, staff):
        for _ in range(4):
            login(client, password="zle-haslo")
        assert login(client).status_code == 302
        client.logout()
        for _ in range(4):
            assert login(client, password="zle-haslo").status_code == 200

    def test_cool_off_is_thirty_minutes(self, settings):
        assert settings.AXES_COOLOFF_TIME.total_seconds() == 30 * 60
        assert settings.AXES_FAILURE_LIMIT == 5
        assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


class TestTwoFactor:
    def enrol(self, client, user):
        client.force_login(user)
        response = client.get("/admin/2fa/")
        assert response.status_code == 200
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        body = response.content.decode()
        assert "otpauth://totp/" in body
        return device, body

    def test_person_without_device_uses_admin_freely(self, client, staff):
        client.force_login(staff)
        assert client.get("/admin/").status_code == 200

    def test_enrolment_shows_secret_and_qr_then_confirms(self, client, staff):
        device, body = self.enrol(client, staff)
        assert "Uwierzytelnianie dwuskładnikowe" in body
        qr = client.get("/admin/2fa/qr.svg")
        assert qr.status_code == 200
        assert qr["Content-Type"] == "image/svg+xml"
        assert b"<svg" in qr.content
        wrong = client.post("/admin/2fa/", {"token": "000000"})
        assert wrong.status_code == 200
        assert "Kod jest nieprawidłowy" in wrong.content.decode()
        device.refresh_from_db()
        device.throttling_failure_count = 0
        device.throttling_failure_timestamp = None
        device.save()
        response = client.post("/admin/2fa/", {"token": current_code(device)})
        assert response.status_code == 302
        device.refresh_from_db()
        assert device.confirmed

    def test_device_owner_must_enter_code_after_password(self, client, staff):
        device = TOTPDevice.objects.create(user=staff, name="telefon", confirmed=True)
        assert login(client).status_code == 302
        response = client.get("/admin/pages/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/2fa/verify/?next=")
        # nothing else of the admin is reachable, not even the set-up page
        assert client.get("/admin/2fa/").status_code == 302
        response = client.post(
            "/admin/2fa/verify/?next=/admin/pages/", {"token": current_code(device)}
        )
        assert response.status_code == 302
        assert response["Location"] == "/admin/pages/"
        assert client.get("/admin/pages/").status_code == 200

    def test_verify_refuses_foreign_redirect(self, client, staff):
        device = TOTPDevice.objects.create(user=staff, name="telefon", confirmed=True)
        client.force_login(staff)
        response = client.post(
            "/admin/2fa/verify/?next=https://zly.example.com/", {"token": current_code(device)}
        )
        assert response["Location"] == "/admin/"

    def test_wrong_codes_are_throttled(self, client, staff):
        device = TOTPDevice.objects.create(user=staff, name="telefon", confirmed=True)
        client.force_login(staff)
        client.post("/admin/2fa/verify/", {"token": "111111"})
        # right after a failure even the right code waits (django-otp throttling)
        response = client.post("/admin/2fa/verify/", {"token": current_code(device)})
        assert response.status_code == 200
        assert client.get("/admin/pages/").status_code == 302

    @override_settings(TWO_FACTOR_REQUIRED=True)
    def test_required_for_all_sends_staff_to_set_up(self, client, staff):
        client.force_login(staff)
        response = client.get("/admin/pages/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/2fa/?next=")
        response = client.get("/admin/2fa/")
        assert response.status_code == 200
        assert "wymaga" in response.content.decode()

    def test_site_setting_can_require_it(self, client, staff, site_settings):
        site_settings.require_two_factor = True
        site_settings.save()
        client.force_login(staff)
        assert client.get("/admin/pages/").status_code == 302

    def test_switch_off_needs_a_code(self, client, staff):
        device = TOTPDevice.objects.create(user=staff, name="telefon", confirmed=True)
        client.force_login(staff)
        client.post("/admin/2fa/verify/", {"token": current_code(device)})
        device.refresh_from_db()
        device.last_t = -1  # allow the same time step again in this test
        device.save()
        response = client.post("/admin/2fa/", {"token": "123"})
        assert response.status_code == 200
        assert TOTPDevice.objects.filter(user=staff).exists()
        response = client.post("/admin/2fa/", {"token": current_code(device)})
        assert response.status_code == 302
        assert not TOTPDevice.objects.filter(user=staff).exists()

    def test_public_pages_do_not_touch_the_session(self, client, home):
        response = client.get("/")
        assert "Cookie" not in response.get("Vary", "")
        assert not response.cookies
