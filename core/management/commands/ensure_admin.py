import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from wagtail.models import Site

LOGIN_FILE = Path(settings.BASE_DIR) / ".admin-login.txt"


class Command(BaseCommand):
    help = (
        "Creates an administrator account when there is none (development), and prints "
        "the login. The password is random and kept in .admin-login.txt (not in git)."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        if not User.objects.filter(is_superuser=True).exists():
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser(
                username="admin",
                email="admin@example.pl",
                password=password,
                first_name="Administrator",
            )
            LOGIN_FILE.write_text(f"admin\n{password}\n", encoding="utf-8")
            LOGIN_FILE.chmod(0o600)
        if LOGIN_FILE.exists():
            username, password = LOGIN_FILE.read_text(encoding="utf-8").split()[:2]
            site = Site.objects.filter(is_default_site=True).first()
            root = site.root_url if site else "http://127.0.0.1:8000"
            self.stdout.write(
                self.style.SUCCESS(f"Admin: {root}/admin/  login: {username}  password: {password}")
            )
        else:
            self.stdout.write("Admin: an administrator account already exists.")
