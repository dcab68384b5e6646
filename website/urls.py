from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.cache import never_cache
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core import views
from search import views as search_views
from security import accounts, two_factor

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/2fa/", include(two_factor.urlpatterns)),
    # Wagtail's own views with a POST-only sign-out and a throttled password reset.
    path("admin/logout/", accounts.LogoutView.as_view(), name="wagtailadmin_logout"),
    path(
        "admin/password_reset/",
        accounts.PasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumenty/", include(wagtaildocs_urls)),
    path("szukaj/", search_views.search, name="search"),
    path("healthz", never_cache(views.healthz), name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("cookies/", include("consent.urls")),
    path("opinia/", include("services.urls")),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # The development server, and the browser tests' server (SERVE_MEDIA), serve uploads
    # themselves; in production the reverse proxy does (deploy/).
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
