"""Admin hooks of the site-wide app, one module per concern."""

from . import admin_a11y, admin_consent, admin_staff, admin_visits  # noqa: F401
