"""Settings shared by every environment.

Environment variables are read in ``production.py`` only; this module holds
what does not change between a laptop and a server.
"""

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    # Content apps: each uses core, none is named by core or the cross-cutting apps.
    "news",
    "pages",
    "units",
    "projects",
    "services",
    "events",
    "demo",
    # Moving in from an old site: WordPress, RSS/Atom, ordinances from CSV/XLSX (issue 19).
    "importers",
    # Cross-cutting apps.
    "staff",
    "alerts",
    "visits",
    "consent",
    "pagecache",
    "security",
    # Site search that understands Polish: results, synonyms, statistics (issue 16).
    "search",
    # Base page, site settings, navigation, search (app label "website").
    "core",
    "cookie_consent",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    # Wagtail's users app, its user forms showing each group's description (staff.roles).
    "staff.apps.StaffUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # naturaltime ("2 minuty temu") in Wagtail's admin needs humanize's catalogue loaded.
    "django.contrib.humanize",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Security (issue 10): CSP, login lockout, two-factor authentication.
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # CSP and Permissions-Policy sit outside the page cache so cache hits get them too.
    "security.middleware.ContentSecurityPolicyMiddleware",
    "security.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # An old WordPress address /?p=123 (the home page answers it) → the imported post.
    "importers.redirects.WordPressQueryRedirectMiddleware",
    # Counts visits before the page cache, so cached pages are counted too.
    "visits.counter.VisitCounterMiddleware",
    # Answers anonymous GETs of public pages from the shared cache.
    "pagecache.middleware.PageCacheMiddleware",
    # Trims template indentation from public pages (before they are cached).
    "core.html_whitespace.CollapseIndentationMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "security.middleware.AdminTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Says what a moderator's "Zatwierdź" or "Poproś o zmiany" on the dashboard did.
    "staff.middleware.WorkflowActionMessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # django-axes turns a lockout into its response; it must be the last middleware.
    "axes.middleware.AxesMiddleware",
]

# django-axes first, so a locked-out account or address never reaches the password check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "website.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.site_settings",
            ],
        },
    },
]

WSGI_APPLICATION = "website.wsgi.application"

# SQLite is the embedded default. WAL lets readers and one writer work at
# once; IMMEDIATE transactions and a busy timeout make concurrent writers
# wait for each other instead of failing with "database is locked".
SQLITE_OPTIONS = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA busy_timeout=20000;"
        "PRAGMA foreign_keys=ON;"
    ),
}


def sqlite_database(path):
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": dict(SQLITE_OPTIONS),
    }


DATABASES = {"default": sqlite_database(BASE_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish"))]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True
# Our strings (makemessages writes here), then our Polish for other apps' strings.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("pl", "Polski")]
WAGTAIL_CONTENT_LANGUAGES = [("pl", "Polski")]

# Static and media files
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
# Serve MEDIA_ROOT from the app with DEBUG off (test servers only: production has a proxy).
SERVE_MEDIA = False
MEDIA_ROOT = BASE_DIR / "media"
# The visit counter's spool (visits.spool): local to each server, never served.
VISITS_SPOOL_DIR = BASE_DIR / "var" / "visits"
VISITS_SPOOL_SECONDS = 5
VISITS_FOLD_SECONDS = 5
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # whitenoise's compressed manifest storage, with our own CSS and JS minified.
    "staticfiles": {"BACKEND": "core.storage.MinifiedStaticFilesStorage"},
}
# Whitenoise serves files with a content hash in the name (what {% static %} links to)
# with "max-age=315360000, public, immutable" on its own; this is for the files under
# their plain names (favicon, files a script loads by name), which may change on deploy.
WHITENOISE_MAX_AGE = 60 * 60

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "ops-default",
    }
}
# Full-page cache (pagecache/middleware.py): seconds a page is kept; any publish empties it.
PAGE_CACHE_TIMEOUT = 10 * 60
# Listing parameters that are part of a cached page's key (the events' filters too).
PAGE_CACHE_QUERY_PARAMS = ("page", "rok", "status", "kategoria", "q", "placowka", "dla")
# No cached page outlives the next start or end of an alert or of a listed event.
PAGE_CACHE_TIMEOUT_LIMITS = (
    "alerts.models.seconds_until_next_change",
    "events.listing.seconds_until_next_change",
)

# Wagtail
WAGTAIL_SITE_NAME = "Ośrodek Pomocy Społecznej"
# Wagtail's login form leaves the password field without a (translated) label.
WAGTAILADMIN_USER_LOGIN_FORM = "staff.forms.StaffLoginForm"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAILSEARCH_BACKENDS = {
    # The database backend, also keeping the site search's own page records (search.backend).
    "default": {"BACKEND": "search.backend"},
}
# Videos: self-hosted recordings in Polish sign language (PJM) for the statutory page.
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "txt", "mp4", "webm"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No "what's new in Wagtail" banner: it links to English pages on the internet (issue 21).
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_MODERATION_ENABLED = True
# The rich-text features staff get everywhere (core.blocks reads this one list).
RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        # Draftail, refusing unreadable input with a form error (security.richtext).
        "WIDGET": "security.rich_text_handlers.SafeDraftailRichTextArea",
        "OPTIONS": {"features": RICH_TEXT_FEATURES},
    }
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Cookie consent (django-cookie-consent)
COOKIE_CONSENT_NAME = "cookie_consent"
COOKIE_CONSENT_MAX_AGE = 60 * 60 * 24 * 365
COOKIE_CONSENT_LOG_ENABLED = True

# Sessions: staff only; public pages never touch the session.
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

DEFAULT_FROM_EMAIL = "strona@ops.example.pl"

# The client's address (security.client): REMOTE_ADDR, or, with this many proxies in
# front appending to X-Forwarded-For, that header's entry this far from the right.
# One setting for the login lockout, the visit counter and the form rate limits.
TRUSTED_PROXY_COUNT = 0

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# ---------------------------------------------------------------------------
# Security (issue 10). Production adds HTTPS-only parts (HSTS, secure cookies).
# ---------------------------------------------------------------------------

# Nothing may frame the site; Wagtail marks its own preview views SAMEORIGIN
# (wagtail.utils.decorators.xframe_options_sameorigin_override) for the preview panel.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content Security Policy (django-csp 4). Public pages are cached and shared by
# every visitor, so the policy has no nonces: all our scripts are files.
# JSON-LD (<script type="application/ld+json">) is data and is not blocked.
YOUTUBE_EMBED_ORIGIN = "https://www.youtube-nocookie.com"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": [YOUTUBE_EMBED_ORIGIN],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'self'"],
    },
}
# The Wagtail and Django admins use inline scripts and styles in places: they get a
# policy of their own (security.middleware.ContentSecurityPolicyMiddleware), still
# limited to our own origin. Nothing the admin serves is cached for the public.
CONTENT_SECURITY_POLICY_ADMIN_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "media-src": ["'self'", "blob:"],
    "frame-src": ["'self'", YOUTUBE_EMBED_ORIGIN, "https://www.youtube.com"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
    "frame-ancestors": ["'self'"],
}
# No avatars fetched from Gravatar: the admin makes no third-party requests.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Permissions-Policy (security.middleware.PermissionsPolicyMiddleware): features the
# site never uses are switched off for it and for anything it embeds.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
    "browsing-topics": [],
    "fullscreen": ["self", YOUTUBE_EMBED_ORIGIN],
}

# Login lockout (django-axes 8): five failures for one username from one client address
# lock that pair for 30 minutes. Keyed on both, so that nobody can lock out another
# person (made-up usernames from one address, or guesses at a name from elsewhere).
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "security.client.client_address"
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
AXES_HTTP_RESPONSE_CODE = 429

# Two-factor authentication (django-otp TOTP, security.middleware): optional per
# person; when TWO_FACTOR_REQUIRED is on, or the administrator ticks
# "require two-factor authentication" in the site settings, every staff member
# must set it up before using the admin.
TWO_FACTOR_REQUIRED = False
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME

# Uploads: documents are checked by content (security.uploads); images are limited
# in pixels against decompression bombs, and renditions are always re-encoded.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "security.uploads.SafeDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "security.uploads.SafeImageForm"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
FILE_UPLOAD_PERMISSIONS = 0o644
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o755
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Contact-form submissions older than this are deleted by `purge_form_submissions`
# when the site settings do not say otherwise (RODO: keep personal data no longer
# than needed).
FORM_SUBMISSION_RETENTION_DAYS = 365
