"""What an event page shows beyond its fields: its dates, place, registration, JSON-LD."""

from django.utils import timezone

from core.formatting import json_script_text, map_url, tel_href
from core.media import rendition_or_none
from core.models import SiteSettings

from .listing import index_url_of

NEXT_DATES = 8
OG_IMAGE_SPEC = "fill-1200x630|format-jpeg"
STATUS_URLS = {
    "planned": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventRescheduled",
}


def place_of(event, site_settings, request=None):
    """``{"name", "address", "url", "map_url"}`` of where the event takes place."""
    if event.unit_id and event.unit:
        unit = event.unit
        address = unit.full_address(site_settings)
        return {
            "name": unit.title,
            "address": address,
            "url": unit.get_url(request),
            "map_url": map_url(address),
        }
    if event.address:
        return {"name": "", "address": event.address, "url": "", "map_url": map_url(event.address)}
    return None


def registration_of(event):
    """How to sign up: the kind, the phone link, the form address, the places left."""
    if event.registration == event.Registration.NONE:
        return None
    phone = event.registration_phone or (event.unit.phone if event.unit_id and event.unit else "")
    form_url = ""
    if event.registration == event.Registration.FORM:
        page = event.registration_page
        form_url = page.url if page else event.registration_url
    places_left = None
    if event.places is not None:
        places_left = max(0, event.places - event.places_taken)
    deadline = event.registration_deadline
    return {
        "kind": event.registration,
        "label": event.get_registration_display(),
        "phone": phone,
        "tel_href": tel_href(phone),
        "form_url": form_url,
        "deadline": deadline,
        "closed": bool(deadline and deadline < timezone.localdate()),
        "places": event.places,
        "places_left": places_left,
    }


def event_context(event, request):
    now = timezone.now()
    occurrences = list(event.occurrences.all())
    upcoming = [row for row in occurrences if row.end > now]
    shown = upcoming[0] if upcoming else (occurrences[-1] if occurrences else None)
    if event.image:
        from news.models import prefetch_renditions

        prefetch_renditions([event.image])
    site_settings = SiteSettings.for_request(request)
    place = place_of(event, site_settings, request)
    canonical = event.get_full_url(request)
    url = event.get_url(request)
    og_image = rendition_or_none(event.image, OG_IMAGE_SPEC)
    og_image_url = request.build_absolute_uri(og_image.url) if og_image else ""
    data = structured_data(event, request, shown, place, site_settings, canonical, og_image_url)
    return {
        "occurrence": shown,
        "is_past": not upcoming,
        "next_dates": upcoming[1 : NEXT_DATES + 1] if event.is_recurring else [],
        "more_dates": max(0, len(upcoming) - NEXT_DATES - 1) if event.is_recurring else 0,
        "place": place,
        "registration": registration_of(event),
        "canonical_url": canonical,
        "og_image": og_image,
        "og_image_url": og_image_url,
        "events_index_url": index_url_of(url),
        "ical_url": f"{url}ical/" if url else "",
        "json_ld": json_script_text(data),
    }


def moment_text(row, when):
    """ISO 8601 of an occurrence's start or end (a date alone for all-day events)."""
    if row.all_day:
        return (row.local_start.date() if when == "start" else row.last_day).isoformat()
    return (row.local_start if when == "start" else row.local_end).isoformat()


def structured_data(event, request, row, place, site_settings, canonical, image_url):
    """schema.org Event (https://schema.org/Event) of the event's next (or last) date."""
    organiser = {
        "@type": "Organization",
        "name": event.organiser or site_settings.name,
        "url": request.build_absolute_uri("/"),
    }
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.lead,
        "url": canonical,
        "eventStatus": STATUS_URLS[event.status],
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "inLanguage": "pl",
        "organizer": organiser,
        "isAccessibleForFree": event.price is None,
    }
    if row is not None:
        data["startDate"] = moment_text(row, "start")
        if row.all_day or event.end_time is not None:
            data["endDate"] = moment_text(row, "end")
    if event.is_postponed and event.original_date:
        data["previousStartDate"] = event.original_date.isoformat()
    if place:
        location = {"@type": "Place", "name": place["name"] or place["address"]}
        if place["address"]:
            location["address"] = place["address"]
        data["location"] = location
    if event.price is not None:
        data["offers"] = {
            "@type": "Offer",
            "price": f"{event.price:.2f}",
            "priceCurrency": "PLN",
            "url": canonical,
            "availability": "https://schema.org/InStock",
        }
    if image_url:
        data["image"] = [image_url]
    return data
