"""Factories shared by the tests: small, fast, built with the models' own API."""

import datetime
import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from core.models import HomePage, SiteSettings, SiteSettingsPhone
from news.models import NewsCategory, NewsIndexPage, NewsPage


def make_home():
    """A published home page as the default site's root, like ``load_demo`` makes."""
    root = Page.get_first_root_node()
    home = HomePage(title="Strona główna", slug="strona-glowna", intro_heading="Jak możemy pomóc?")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    return HomePage.objects.get(pk=home.pk)


def make_site_settings():
    """The default site's settings with a name, an address, an e-mail and one phone."""
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.name = "Ośrodek Pomocy Społecznej w Testowie"
    settings.street_address = "ul. Próbna 1"
    settings.postal_code = "00-001"
    settings.city = "Testowo"
    settings.email = "ops@example.pl"
    settings.bip_url = "https://bip.example.pl/"
    settings.save()
    SiteSettingsPhone.objects.create(settings=settings, label="Sekretariat", number="12 345 67 89")
    return SiteSettings.objects.get(pk=settings.pk)


def make_image(title="Zdjęcie", alt="", size=(120, 80), colour=(40, 90, 160)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG")
    image = get_image_model()(title=title, description=alt)
    image.file = ImageFile(buffer, name="test.jpg")
    image.save()
    return image


def make_index(home, **kwargs):
    kwargs.setdefault("title", "Aktualności")
    kwargs.setdefault("slug", "aktualnosci")
    index = NewsIndexPage(**kwargs)
    home.add_child(instance=index)
    index.save_revision().publish()
    return NewsIndexPage.objects.get(pk=index.pk)


def make_category(name, slug=None):
    return NewsCategory.objects.create(name=name, slug=slug or "")


def make_post(index, title, *, days_ago=1, publish=True, **kwargs):
    """A post dated ``days_ago`` days back (negative: in the future), published by default."""
    kwargs.setdefault("lead", f"Wstęp: {title}.")
    kwargs.setdefault("date", timezone.now() - timedelta(days=days_ago))
    post = NewsPage(title=title, **kwargs)
    if not publish:
        post.live = False
    index.add_child(instance=post)
    if publish:
        post.save_revision().publish()
    else:
        post.save_revision()
    return NewsPage.objects.get(pk=post.pk)


def make_many_posts(index, count, *, images=True, start=0, category=None, spacing=None):
    """``count`` live posts, each with its own image, quickly (no revisions).

    Post ``n`` is dated ``(n + 1) * spacing`` ago (an hour by default), so a later
    batch (``start``) is older; a spacing of days spreads them over months and years.
    """
    spacing = spacing or timedelta(hours=1)
    now = timezone.now()
    posts = []
    for number in range(start, start + count):
        image = make_image(f"Obraz {number}", alt=f"Opis obrazu {number}") if images else None
        post = NewsPage(
            title=f"Wiadomość {number}",
            slug=f"wiadomosc-{number}",
            lead=f"Wstęp wiadomości {number}.",
            date=now - (number + 1) * spacing,
            image=image,
            category=category,
        )
        index.add_child(instance=post)
        posts.append(post)
    return posts


# --- the ordinances register and the facilities ---------------------------------------


def make_register(home):
    from pages.models import OrdinanceIndexPage

    page = OrdinanceIndexPage(title="Zarządzenia dyrektora", slug="zarzadzenia")
    home.add_child(instance=page)
    page.save_revision().publish()
    return OrdinanceIndexPage.objects.get(pk=page.pk)


def make_ordinances(register_page, count, start=0):
    from demo.media import pdf_bytes
    from pages.models import OrdinanceAttachment, OrdinancePage

    document = get_document_model()(title=f"Wzór {start}")
    document.file.save("wzor.pdf", ContentFile(pdf_bytes("Wzór", ["Tekst."])), save=False)
    document.save()
    for number in range(start, start + count):
        page = OrdinancePage(
            title=f"Zarządzenie nr {number + 1}/2019 w sprawie {number}",
            slug=f"zarzadzenie-{number + 1}-2019",
            number=f"{number + 1}/2019",
            date_signed=datetime.date(2019, 1, 1) + datetime.timedelta(days=number % 360),
            subject=f"w sprawie {number}",
            live=True,
        )
        page.attachments.add(OrdinanceAttachment(document=document))
        register_page.add_child(instance=page)


def make_unit_index(home):
    from units.models import UnitIndexPage

    page = UnitIndexPage(title="Placówki", slug="placowki", intro="Miejsca, które prowadzimy.")
    home.add_child(instance=page)
    page.save_revision().publish()
    return UnitIndexPage.objects.get(pk=page.pk)


def make_units(index, count, start=0):
    from units.models import UnitOpeningHours, UnitPage, UnitPhoto

    made = []
    for number in range(start, start + count):
        unit = UnitPage(
            title=f"Placówka {number}",
            short_description=f"Opis placówki {number}.",
            photo=make_image(f"Placówka {number}", alt=f"Budynek placówki {number}"),
            street_address=f"ul. Lipowa {number + 1}",
            postal_code="58-321",
            city="Lipowo Zdrojowe",
            phone="74 812 34 60",
        )
        unit.hours = [
            UnitOpeningHours(
                weekday=day, opens=datetime.time(8), closes=datetime.time(16), sort_order=day
            )
            for day in range(5)
        ]
        index.add_child(instance=unit)
        unit.save_revision().publish()
        UnitPhoto.objects.create(
            page=unit, image=make_image(f"Zajęcia {number}", alt="Zajęcia"), sort_order=0
        )
        made.append(UnitPage.objects.get(pk=unit.pk))
    return made


# --- projects: programmes with their signs, the index and the project pages ------------------


def make_sign(title, size=(620, 160)):
    """A sign image of ``size`` pixels (the demo draws signs 160 px high)."""
    return make_image(title, alt=title, size=size)


def make_programme(
    name="Fundusze Europejskie dla Dolnego Śląska 2021–2027",
    period="2021-2027",
    *,
    signs=True,
    regional=False,
    **kwargs,
):
    from projects.models import Programme

    programme = Programme(name=name, period=period, **kwargs)
    if signs:
        programme.fe_sign = make_sign("Znak FE")
        programme.rp_sign = make_sign("Znak RP")
        programme.eu_sign = make_sign("Znak UE")
    if regional:
        programme.regional_sign = make_sign("Znak regionalny", size=(420, 160))
        programme.regional_alt = programme.regional_alt or "Dolny Śląsk"
    programme.save()
    return programme


def make_project_index(home):
    from projects.models import ProjectIndexPage

    page = ProjectIndexPage(title="Projekty", slug="projekty", intro="Projekty ośrodka.")
    home.add_child(instance=page)
    page.save_revision().publish()
    return ProjectIndexPage.objects.get(pk=page.pk)


def make_project(index, title, programme=None, *, start=None, end=None, **kwargs):
    """A published project; by default it started a year ago and ends in a year."""
    from decimal import Decimal

    from projects.models import ProjectPage

    today = timezone.localdate()
    kwargs.setdefault("summary", f"Opis projektu {title}.")
    kwargs.setdefault("beneficiary", "Ośrodek Pomocy Społecznej w Testowie")
    kwargs.setdefault("aims", "<p>Cel projektu.</p>")
    kwargs.setdefault("total_value", Decimal("100000.00"))
    project = ProjectPage(
        title=title,
        programme=programme,
        start_date=start or today - timedelta(days=365),
        end_date=end or today + timedelta(days=365),
        **kwargs,
    )
    index.add_child(instance=project)
    project.save_revision().publish()
    return ProjectPage.objects.get(pk=project.pk)


# --- "Jak załatwić sprawę" (services) ------------------------------------------------------


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def make_service_topic(parent, title="Pomoc finansowa", slug="pomoc-finansowa"):
    from services.models import ServiceIndexPage

    return publish_child(parent, ServiceIndexPage(title=title, slug=slug, lead="Zasiłki."))


def make_service(topic, title="Zasiłek stały", slug=None, **fields):
    from django.utils.text import slugify

    from core.search import fold
    from services.models import ServicePage

    criteria = fields.pop("criteria", [])
    audiences = fields.pop("audiences", [])
    fields.setdefault("summary", f"Opis: {title}.")
    page = ServicePage(title=title, slug=slug or slugify(fold(title)), **fields)
    page.criteria = criteria
    page.audiences = audiences
    return publish_child(topic, page)


def make_pdf_document(title="Wniosek", filename="wniosek.pdf", text="Treść wniosku."):
    from demo.media import pdf_bytes

    document = get_document_model()(title=title)
    document.file.save(filename, ContentFile(pdf_bytes(title, [text])), save=False)
    document.save()
    return document


# --- events -----------------------------------------------------------------------------


def make_event_index(home):
    from events.models import EventIndexPage

    page = EventIndexPage(title="Wydarzenia", slug="wydarzenia", intro="Co się u nas dzieje.")
    home.add_child(instance=page)
    page.save_revision().publish()
    return EventIndexPage.objects.get(pk=page.pk)


def make_event(index, title, *, start_date=None, publish=True, skipped=(), **kwargs):
    """An event (published by default) on ``start_date`` (in a week when not given)."""
    from django.utils.text import slugify

    from core.search import fold
    from events.models import EventPage, EventSkippedDate

    kwargs.setdefault("slug", slugify(fold(title)))
    kwargs.setdefault("lead", f"Zapraszamy: {title}.")
    kwargs.setdefault("start_time", datetime.time(10))
    kwargs.setdefault("end_time", datetime.time(12))
    event = EventPage(
        title=title, start_date=start_date or timezone.localdate() + timedelta(days=7), **kwargs
    )
    event.skipped_dates = [EventSkippedDate(date=day) for day in skipped]
    if not publish:
        event.live = False
    index.add_child(instance=event)
    if publish:
        event.save_revision().publish()
    else:
        event.save_revision()
    return EventPage.objects.get(pk=event.pk)


def make_many_events(index, count, *, start=0, unit=None):
    """``count`` live single events, one a day from tomorrow, quickly (bulk inserts)."""
    from core.bulk_pages import bulk_add_children
    from events.models import EventOccurrence, EventPage

    today = timezone.localdate()
    pages = [
        EventPage(
            title=f"Wydarzenie {number}",
            slug=f"wydarzenie-{number}",
            lead=f"Opis wydarzenia {number}.",
            start_date=today + timedelta(days=1 + number % 300),
            start_time=datetime.time(10),
            end_time=datetime.time(12),
            unit=unit,
            live=True,
        )
        for number in range(start, start + count)
    ]
    pages = bulk_add_children(index, pages)
    EventOccurrence.objects.bulk_create(
        EventOccurrence(event=page, start=begin, end=end, unit=unit, audience=page.audience)
        for page in pages
        for begin, end in page.occurrence_times()
    )
    return pages
