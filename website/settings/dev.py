import os

from .base import *  # noqa: F403

DEBUG = True
# A fixed key is fine on a laptop; production refuses to start without one.
SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"

# `make run ADDR=0.0.0.0:8080`: the address served on is allowed, and e-mails link to it.
if os.environ.get("OPS_SERVED_AT"):
    from core.addresses import served_host_and_port

    _host, _port = served_host_and_port(os.environ["OPS_SERVED_AT"])
    ALLOWED_HOSTS = [*ALLOWED_HOSTS, _host]
    WAGTAILADMIN_BASE_URL = f"http://{_host}:{_port}"
