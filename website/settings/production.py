"""Production: every value that differs per install comes from the environment.

Variables (all read here and nowhere else):

DJANGO_SECRET_KEY           required; the site refuses to start without it
DJANGO_ALLOWED_HOSTS        comma-separated host names
DJANGO_CSRF_TRUSTED_ORIGINS comma-separated origins; default https://<each host>
DATABASE_URL                e.g. postgres://user:pass@host:5432/db; default SQLite
REDIS_URL                   e.g. redis://127.0.0.1:6379/0; default a file cache in CACHE_DIR
CACHE_DIR                   the file cache shared by the workers of one server without
                            Redis; default ./.cache (never a world-writable place: it holds
                            pickles)
PAGE_CACHE_TIMEOUT          seconds a page stays in the page cache; default 600
MEDIA_ROOT                  where uploads live; default ./media
MEDIA_STORAGE               "s3": uploads in an S3-compatible bucket (core.media_storage) with
                            S3_ENDPOINT_URL, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY
                            (all required then), S3_REGION (default us-east-1) and
                            S3_PUBLIC_URL (optional: the address images are linked by, e.g.
                            https://ops.example.pl/media when nginx proxies the bucket);
                            default "local": MEDIA_ROOT on this server's disk
DOCUMENTS_SENDFILE          "nginx": documents sent by nginx after the app's checks
                            (X-Accel-Redirect to /_protected_media/, deploy/nginx)
STATIC_ROOT                 where collectstatic writes; default ./staticfiles
VISITS_SPOOL_DIR            the visit counter's spool, local to this server; default ./var/visits
VISITS_SPOOL_SECONDS        how long a process writes one spool file; default 5
VISITS_FOLD_SECONDS         how often each process folds closed spool files; default 5
DJANGO_SECURE_SSL_REDIRECT  "false" when the proxy already redirects to HTTPS
DJANGO_HSTS_SECONDS         default one year
WAGTAILADMIN_BASE_URL       default https://<first host>
DJANGO_EMAIL_URL-like parts: EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER,
                            EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, DEFAULT_FROM_EMAIL
TRUSTED_PROXY_COUNT         proxies in front that append to X-Forwarded-For; default 0
                            (REMOTE_ADDR is the client). Used by the login lockout, the
                            visit counter and the form rate limits (security.client)
VISITS_TRUST_X_FORWARDED_FOR older name: "true" means TRUSTED_PROXY_COUNT=1
DJANGO_TWO_FACTOR_REQUIRED  "true" to require two-factor authentication of all staff
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BASE_DIR, SQLITE_OPTIONS, sqlite_database


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set. Generate one with: "
        'python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list(
    "DJANGO_CSRF_TRUSTED_ORIGINS",
    ",".join(f"https://{host}" for host in ALLOWED_HOSTS if host not in {"*"}),
)
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0] if ALLOWED_HOSTS else 'localhost'}"
)

if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True
        )
    }
else:
    DATABASES = {"default": sqlite_database(BASE_DIR / "db.sqlite3")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # DATABASE_URL=sqlite:///... gets the same WAL / IMMEDIATE options as the default.
    DATABASES["default"]["OPTIONS"] = {
        **SQLITE_OPTIONS,
        **DATABASES["default"].get("OPTIONS", {}),
    }

if os.environ.get("REDIS_URL"):
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    # pagecache.resilient_cache: when Redis is away the site serves pages uncached
    # instead of failing; short timeouts keep an unreachable Redis from hanging requests.
    _redis = {
        "BACKEND": "pagecache.resilient_cache.ResilientRedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "ops"),
        "TIMEOUT": 60 * 60,
        "OPTIONS": {
            "socket_connect_timeout": 0.5,
            "socket_timeout": 1.0,
            "retry": Retry(NoBackoff(), 0),
        },
    }
    CACHES = {
        # A failed add() raises, so the visit counter falls back to the database.
        "default": _redis,
        # The page cache can always rebuild: a failed add() just means "not added".
        "pages": {**_redis, "OPTIONS": {**_redis["OPTIONS"], "strict_add": False}},
    }
    PAGE_CACHE_ALIAS = "pages"
else:
    # Shared by all gunicorn workers of this server (local memory would be per worker:
    # a page-cache invalidation would not reach the other workers, and the visit
    # counter's "seen today" would be per worker).
    CACHES = {
        "default": {
            "BACKEND": "pagecache.file_cache.SharedFileCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / ".cache")),
            "TIMEOUT": 60 * 60,
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", 10 * 60))

MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media"))
STATIC_ROOT = os.environ.get("STATIC_ROOT", str(BASE_DIR / "staticfiles"))
# The visit counter's spool (visits.spool): a folder local to this server.
VISITS_SPOOL_DIR = os.environ.get("VISITS_SPOOL_DIR", str(BASE_DIR / "var" / "visits"))
VISITS_SPOOL_SECONDS = float(os.environ.get("VISITS_SPOOL_SECONDS", 5))
VISITS_FOLD_SECONDS = float(os.environ.get("VISITS_FOLD_SECONDS", 5))

# Media in an S3-compatible bucket (issue 24): images, renditions and documents; several
# app servers then need no shared disk. Documents are still read through Wagtail's view
# (WAGTAILDOCS_SERVE_METHOD = "serve_view" in base.py), never linked by bucket URL.
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "local").strip().lower() or "local"
if MEDIA_STORAGE not in {"local", "s3"}:
    raise ImproperlyConfigured(f'MEDIA_STORAGE must be "local" or "s3", not {MEDIA_STORAGE!r}')
if MEDIA_STORAGE == "s3":
    _s3 = {name: os.environ.get(name, "").strip() for name in (
        "S3_ENDPOINT_URL", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY",
        "S3_REGION", "S3_PUBLIC_URL",
    )}  # fmt: skip
    _missing = [name for name, value in list(_s3.items())[:4] if not value]
    if _missing:
        raise ImproperlyConfigured(f"MEDIA_STORAGE=s3 needs {', '.join(_missing)}")
    _public = _s3["S3_PUBLIC_URL"].rstrip("/")
    STORAGES = {
        **STORAGES,  # noqa: F405
        "default": {
            "BACKEND": "core.media_storage.S3MediaStorage",
            "OPTIONS": {
                "endpoint_url": _s3["S3_ENDPOINT_URL"],
                "bucket_name": _s3["S3_BUCKET"],
                "access_key": _s3["S3_ACCESS_KEY_ID"],
                "secret_key": _s3["S3_SECRET_ACCESS_KEY"],
                "region_name": _s3["S3_REGION"] or "us-east-1",
                "addressing_style": "path",
                "signature_version": "s3v4",
                "default_acl": None,
                # Plain URLs for images (public-read on original_images/ and images/ only,
                # README); Wagtail gives each upload a free name itself.
                "querystring_auth": False,
                "file_overwrite": False,
                "custom_domain": _public.split("://", 1)[-1] if _public else None,
                "url_protocol": (_public.split("://", 1)[0] + ":") if _public else "https:",
            },
        },
    }
    # Images linked from the bucket's own address: allowed by the CSP below.
    _media_origins = ["/".join((_public or _s3["S3_ENDPOINT_URL"]).split("/")[:3])]
else:
    _media_origins = []

# Documents (issue 24): behind deploy/nginx, DOCUMENTS_SENDFILE=nginx lets nginx send
# a document's file after Wagtail's access checks (X-Accel-Redirect; Range for videos).
if os.environ.get("DOCUMENTS_SENDFILE", "").strip().lower() == "nginx":
    SENDFILE_BACKEND = "core.sendfile_nginx"
    SENDFILE_ROOT = MEDIA_ROOT
    SENDFILE_URL = "/_protected_media/"

# HTTPS: the site sits behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
# The preload token alone changes nothing: a domain enters browsers' preload lists
# only when its owner submits it. "false" when subdomains cannot all do HTTPS.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
COOKIE_CONSENT_SECURE = True

TRUSTED_PROXY_COUNT = int(
    os.environ.get("TRUSTED_PROXY_COUNT")
    or (1 if env_bool("VISITS_TRUST_X_FORWARDED_FOR", False) else 0)
)

# Security (issue 10): cookies only over HTTPS, browsers told to upgrade any stray
# http:// reference.
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
_public_csp = CONTENT_SECURITY_POLICY["DIRECTIVES"]  # noqa: F405
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_public_csp,
        "img-src": [*_public_csp["img-src"], *_media_origins],
        "media-src": [*_public_csp["media-src"], *_media_origins],
        "upgrade-insecure-requests": True,
    }
}
_admin_csp = CONTENT_SECURITY_POLICY_ADMIN_DIRECTIVES  # noqa: F405
CONTENT_SECURITY_POLICY_ADMIN_DIRECTIVES = {
    **_admin_csp,
    "img-src": [*_admin_csp["img-src"], *_media_origins],
    "media-src": [*_admin_csp["media-src"], *_media_origins],
    "upgrade-insecure-requests": True,
}
TWO_FACTOR_REQUIRED = env_bool("DJANGO_TWO_FACTOR_REQUIRED", False)

EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "strona@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"django.request": {"level": "ERROR"}},
}
