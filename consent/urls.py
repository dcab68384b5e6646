"""URLs of the consent views under /cookies/ (names as in django-cookie-consent)."""

from django.urls import path

from . import views as consent_views

urlpatterns = [
    path("accept/", consent_views.ConsentAcceptView.as_view(), name="cookie_consent_accept"),
    path("decline/", consent_views.ConsentDeclineView.as_view(), name="cookie_consent_decline"),
    path("save/", consent_views.ConsentSaveView.as_view(), name="cookie_consent_save"),
    path(
        "",
        consent_views.CookieSettingsView.as_view(),
        name="cookie_consent_cookie_group_list",
    ),
]
