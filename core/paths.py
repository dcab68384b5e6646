"""URL prefixes that are not public pages, named once for every middleware that skips them."""

# The Wagtail admin (page previews included) and the Django admin.
ADMIN_PREFIXES = ("/admin/", "/django-admin/")

# Everything that is not a page a resident reads: admins, files, consent posts, health.
NON_PAGE_PREFIXES = ADMIN_PREFIXES + (
    "/static/",
    "/media/",
    "/dokumenty/",
    "/cookies/",
    "/healthz",
)
