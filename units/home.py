"""The "Prowadzimy" section of the home page: the facilities as quick links."""

from core.models import SiteSettings
from core.restrictions import public

from .hours import date_label, local_now, status_texts
from .models import UnitIndexPage


def home_section(request, home_page):
    index = public(UnitIndexPage.objects.child_of(home_page).live()).first()
    if index is None:
        return None
    today = local_now().date()
    site_settings = SiteSettings.for_request(request)
    units = [unit.prepare_card(today, site_settings) for unit in index.units(today, photos=False)]
    if not units:
        return None
    return {
        "template": "units/includes/home_section.html",
        "context": {
            "index": index,
            "units": units,
            "today": today,
            "today_label": date_label(today),
            "status_texts": status_texts(),
        },
    }
