"""The home page's contact box: address, phones, hours and a link to the contact page."""

from core.restrictions import public

from .models import ContactPage


def home_section(request, home_page):
    contact_page = public(ContactPage.objects.live().descendant_of(home_page)).first()
    return {
        "template": "pages/includes/home_section.html",
        "context": {"contact_page": contact_page},
    }
