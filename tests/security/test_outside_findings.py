"""Findings of the outside test of the production configuration (issue 22): lockout, logout,
password-reset throttle and the README's proxy examples."""

import re
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Bardzo-Tajne-Haslo-2024"
PROXY = "127.0.0.1"


def client_address(request):
    from security.client import client_address as trusted_address

    return trusted_address(request)


def login(client, username, password=PASSWORD, **extra):
    return client.post("/admin/login/", {"username": username, "password": password}, **extra)


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


@pytest.fixture
def staff(db):
    user_model = get_user_model()
    return [
        user_model.objects.create_superuser(name, f"{name}@example.pl", PASSWORD)
        for name in ("redaktor", "kadry")
    ]


class TestTrustedClientAddress:
    def rf(self, rf, forwarded=None, remote="127.0.0.1"):
        extra = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            extra["HTTP_X_FORWARDED_FOR"] = forwarded
        return rf.get("/", **extra)

    def test_without_a_trusted_proxy_the_header_is_ignored(self, rf, settings):
        settings.TRUSTED_PROXY_COUNT = 0
        assert client_address(self.rf(rf, "198.51.100.7")) == "127.0.0.1"

    def test_one_proxy_takes_the_right_most_entry(self, rf, behind_proxy):
        # the client wrote the left part itself; the proxy appended the real address
        assert client_address(self.rf(rf, "10.9.9.9, 198.51.100.7")) == "198.51.100.7"
        assert client_address(self.rf(rf, "198.51.100.8")) == "198.51.100.8"

    def test_two_proxies_take_the_second_entry_from_the_right(self, rf, settings):
        settings.TRUSTED_PROXY_COUNT = 2
        request = self.rf(rf, "6.6.6.6, 198.51.100.7, 192.0.2.1")
        assert client_address(request) == "198.51.100.7"

    def test_garbage_or_missing_header_falls_back_to_remote_addr(self, rf, behind_proxy):
        assert client_address(self.rf(rf, "nie-adres")) == "127.0.0.1"
        assert client_address(self.rf(rf, "")) == "127.0.0.1"
        assert client_address(self.rf(rf)) == "127.0.0.1"

    def test_every_consumer_uses_the_one_function(self, settings):
        from pages.models import contact
        from visits import counter

        assert settings.AXES_CLIENT_IP_CALLABLE == "security.client.client_address"
        from security.client import client_address as trusted_address

        assert counter.client_address is trusted_address
        assert contact.client_address is trusted_address
        # django-ipware is not installed: AXES_IPWARE_* settings would do nothing
        for module in ("base", "production"):
            assert "AXES_IPWARE" not in (ROOT / f"website/settings/{module}.py").read_text()


class TestLockoutBehindTheProxy:
    """Finding 1: one client must not lock out every staff member behind the proxy."""

    def test_made_up_usernames_from_one_client_lock_out_nobody_else(self, staff, behind_proxy):
        attacker = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.66"}
        for i in range(6):
            login(Client(), f"nieznany{i}", "zle-haslo", **attacker)
        colleague = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.10"}
        assert login(Client(), "kadry", **colleague).status_code == 302
        # even from the attacker's own address a real account is not locked by other names
        assert login(Client(), "redaktor", **attacker).status_code == 302
        addresses = set(AccessAttempt.objects.values_list("ip_address", flat=True))
        assert addresses == {"203.0.113.66"}

    def test_an_account_is_locked_for_the_guessing_address_only(self, staff, behind_proxy):
        attacker = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.66"}
        for _ in range(5):
            login(Client(), "redaktor", "zle-haslo", **attacker)
        assert login(Client(), "redaktor", **attacker).status_code == 429
        owner = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.10"}
        assert login(Client(), "redaktor", **owner).status_code == 302

    def test_a_forged_forwarded_for_does_not_escape_the_lockout(self, staff, behind_proxy):
        for i in range(5):
            forged = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"10.0.0.{i}, 203.0.113.66"}
            login(Client(), "redaktor", "zle-haslo", **forged)
        forged = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "10.1.1.1, 203.0.113.66"}
        assert login(Client(), "redaktor", **forged).status_code == 429


class TestLogoutByGet:
    """Finding 8: GET /admin/logout/ answers 405 and leaves the session and its cookie alone."""

    def test_get_does_not_touch_the_session_cookie(self, staff):
        client = Client()
        client.force_login(staff[0])
        response = client.get("/admin/logout/")
        assert response.status_code == 405
        assert "sessionid" not in response.cookies
        assert client.get("/admin/").status_code == 200

    def test_post_logs_out(self, staff):
        client = Client()
        client.force_login(staff[0])
        response = client.post("/admin/logout/")
        assert response.status_code == 302
        assert client.get("/admin/").status_code == 302


class TestPasswordResetThrottle:
    """Finding 9: password-reset e-mails are limited per address and per account."""

    def ask(self, email, ip="203.0.113.5"):
        return Client().post("/admin/password_reset/", {"email": email}, REMOTE_ADDR=ip)

    def test_one_account_gets_at_most_three_mails_an_hour(self, staff):
        statuses = [
            self.ask("redaktor@example.pl", ip=f"203.0.113.{i}").status_code for i in range(9)
        ]
        assert len(mail.outbox) == 3
        assert statuses[:3] == [302, 302, 302]
        refused = self.ask("redaktor@example.pl", ip="203.0.113.99")
        assert refused.status_code == 429
        assert "Zbyt wiele próśb o zmianę hasła" in refused.content.decode()

    def test_one_address_gets_at_most_five_requests_an_hour(self, staff):
        for i in range(5):
            assert self.ask(f"ktos{i}@example.pl").status_code == 302
        assert self.ask("kadry@example.pl").status_code == 429
        assert mail.outbox == []
        assert self.ask("kadry@example.pl", ip="203.0.113.6").status_code == 302
        assert len(mail.outbox) == 1

    def test_refusal_is_the_same_for_unknown_addresses(self, staff):
        for _ in range(3):
            self.ask("redaktor@example.pl", ip="198.51.100.1")
            self.ask("nikt@example.pl", ip="198.51.100.2")
        known = self.ask("redaktor@example.pl", ip="198.51.100.3")
        unknown = self.ask("nikt@example.pl", ip="198.51.100.4")
        assert known.status_code == unknown.status_code == 429

        def text(response):
            body = re.sub(r"<[^>]+>", " ", response.content.decode())
            body = re.sub(r'"CSRF_TOKEN": "\w+"', "", body)
            return re.sub(r"\s+", " ", body)

        assert text(known) == text(unknown)


def test_readme_caddy_example_sandboxes_media():
    """Finding 11: the Caddy configuration sends the same /media/ CSP as the nginx one."""
    caddy = (ROOT / "deploy" / "caddy" / "Caddyfile").read_text()
    assert "deploy/caddy/Caddyfile" in (ROOT / "README.md").read_text()
    media = caddy.split("handle_path /media/*", 1)[1].split("}", 1)[0]
    assert "header Content-Security-Policy \"sandbox; default-src 'none'\"" in media
    assert "header X-Content-Type-Options nosniff" in media
