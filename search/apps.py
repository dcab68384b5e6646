from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Site search that understands Polish (issue 16).

    Lemmatized index text (core.search), the results page, ranking, excerpts, synonyms
    and promoted results edited by staff, spelling suggestions from the site's own words
    and aggregated query statistics for staff.
    """

    name = "search"
    label = "search"
    verbose_name = _("Site search")
    default_auto_field = "django.db.models.BigAutoField"
