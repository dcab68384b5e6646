"""Demo news of the imaginary centre in Lipowo Zdrojowe: categories, posts over two years.

Dates are relative to the day the demo is loaded (seasonal posts keep their month), so
the home page always shows fresh news. Idempotent: everything is looked up by slug or title.
"""

import io
import json
import math
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db.models import F
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search.backends import get_search_backends

from demo.media import demo_document, demo_image
from demo.site import PALETTES

from .models import NewsCategory, NewsIndexPage, NewsPage

CATEGORIES = [
    ("Projekty", "projekty"),
    ("Pomoc żywnościowa", "pomoc-zywnosciowa"),
    ("Seniorzy", "seniorzy"),
    ("Dzieci i młodzież", "dzieci-i-mlodziez"),
]
LARGE_POST_COUNT = 10_000


def p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def heading(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def text(*paragraphs):
    return {"type": "paragraph", "value": p(*paragraphs)}


def bullets(*items):
    return {"type": "list", "value": {"ordered": False, "items": list(items)}}


def quote(words, author):
    return {"type": "quote", "value": {"text": words, "attribution": author}}


def image_block(image, caption=""):
    return {
        "type": "image",
        "value": {
            "image": {"image": image.pk, "alt_text": image.description, "decorative": False},
            "caption": caption,
        },
    }


# --- Logos for the EU-funds strip (drawn here: simple shapes and the words they carry) ------


# Fonts with Polish letters found on most systems; without one the logos carry no words
# (Pillow's built-in font has no "ą" or "Ś"); their names are in the alt text anyway.
FONT_FILES = ["DejaVuSans.ttf", "LiberationSans-Regular.ttf", "NotoSans-Regular.ttf", "Arial.ttf"]


def _font(size):
    for name in FONT_FILES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return None


def _star(draw, cx, cy, radius, fill):
    points = []
    for i in range(10):
        angle = math.pi / 2 + i * math.pi / 5
        r = radius if i % 2 == 0 else radius * 0.4
        points.append((cx + r * math.cos(angle), cy - r * math.sin(angle)))
    draw.polygon(points, fill=fill)


def _logo_eu(draw, height):
    blue, yellow = "#003399", "#ffcc00"
    flag_w = int(height * 1.5)
    draw.rectangle([0, 0, flag_w, height], fill=blue)
    cx, cy, ring = flag_w / 2, height / 2, height * 0.33
    for i in range(12):
        angle = 2 * math.pi * i / 12
        _star(draw, cx + ring * math.cos(angle), cy + ring * math.sin(angle), height * 0.06, yellow)
    return flag_w


def _logo_pl(draw, height):
    flag_w = int(height * 1.6)
    draw.rectangle([0, 0, flag_w, height // 2], fill="#ffffff", outline="#6b6b6b", width=2)
    draw.rectangle([0, height // 2, flag_w, height], fill="#dc143c")
    return flag_w


def _logo_fe(draw, height):
    colours = ["#003399", "#ffcc00", "#dc143c"]
    size = height // 3
    for row in range(3):
        for col in range(3):
            if (row + col) % 2 == 0:
                draw.rectangle(
                    [col * size, row * size, (col + 1) * size - 4, (row + 1) * size - 4],
                    fill=colours[(row + col) // 2 % 3],
                )
    return size * 3


LOGOS = [
    (
        "Logo: Fundusze Europejskie",
        _logo_fe,
        ["Fundusze Europejskie", "dla Dolnego Śląska"],
        "Fundusze Europejskie dla Dolnego Śląska",
    ),
    (
        "Logo: Rzeczpospolita Polska",
        _logo_pl,
        ["Rzeczpospolita", "Polska"],
        "Rzeczpospolita Polska",
    ),
    (
        "Logo: Unia Europejska",
        _logo_eu,
        ["Dofinansowane przez", "Unię Europejską"],
        "Dofinansowane przez Unię Europejską",
    ),
]


def logo_image(title, draw_sign, lines, name):
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    height, width = 160, 620
    picture = PILImage.new("RGB", (width, height), "#ffffff")
    draw = ImageDraw.Draw(picture)
    sign_width = draw_sign(draw, height)
    font = _font(32)
    for number, line in enumerate(lines if font else []):
        draw.text((sign_width + 24, 36 + number * 48), line, fill="#1b1b1b", font=font)
    out = io.BytesIO()
    picture.save(out, "PNG")
    image = Image(title=title, description=name)
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower())
    image.file = ImageFile(out, name=f"{slug}.png")
    image.save()
    return image


def funders_block(heading_text, description):
    logos = [logo_image(*logo) for logo in LOGOS]
    return {
        "type": "cofinanced",
        "value": {
            "heading": heading_text,
            "logos": [
                {"image": image.pk, "name": logo[3], "url": ""}
                for image, logo in zip(logos, LOGOS, strict=True)
            ],
            "description": description,
        },
    }


# --- Posts --------------------------------------------------------------------------------


def seasonal(now, years_back, month, day):
    """The given day ``years_back`` years ago, moved a year back if not yet come."""
    tz = timezone.get_current_timezone()
    moment = timezone.make_aware(datetime(now.year - years_back, month, day, 10, 0), tz)
    if moment > now:
        moment = moment.replace(year=moment.year - 1)
    return moment


def post_definitions(now):
    """Each post: slug, title, date, category, lead, image (title, palette, motif, alt), body."""
    ago = lambda days: now - timedelta(days=days, hours=2)  # noqa: E731
    return [
        {
            "slug": "wydawanie-paczek-zywnosciowych",
            "title": "Wydawanie paczek żywnościowych z Banku Żywności",
            "date": ago(4),
            "category": "pomoc-zywnosciowa",
            "pinned": True,
            "lead": (
                "W czwartek i piątek wydamy paczki żywnościowe osobom zakwalifikowanym do "
                "programu pomocy żywnościowej. Paczki przygotował nasz partner – Bank Żywności "
                "„Sudecka Spiżarnia”."
            ),
            "image": (
                "Paczki żywnościowe w magazynie",
                "warm",
                "box",
                "Kartony z żywnością ustawione na paletach w magazynie",
            ),
            "gallery": [
                (
                    "Wolontariusze przy rozładunku",
                    "warm",
                    "people",
                    "Wolontariusze rozładowują kartony z samochodu dostawczego",
                ),
                (
                    "Paczki gotowe do wydania",
                    "green",
                    "box",
                    "Paczki z żywnością ułożone na stołach w sali ośrodka",
                ),
                (
                    "Kolejka po odbiór paczek",
                    "blue",
                    "people",
                    "Mieszkańcy czekają w kolejce przed wejściem do ośrodka",
                ),
                (
                    "Magazyn po wydaniu",
                    "evening",
                    "house",
                    "Budynek ośrodka pomocy społecznej po zakończeniu wydawania",
                ),
            ],
            "body": lambda images: [
                text(
                    "Paczki będą wydawane w sali na parterze budynku przy ul. Słonecznej 12: "
                    "<b>w czwartek w godz. 9:00–15:00</b> oraz <b>w piątek w godz. "
                    "8:00–12:00</b>.",
                    "W paczce znajdą się m.in. makaron, kasza, mleko, konserwy, olej, cukier "
                    "i dżem. Razem około 15 kilogramów żywności na osobę.",
                ),
                heading("Co zabrać ze sobą"),
                bullets(
                    "dowód osobisty lub inny dokument ze zdjęciem,",
                    "skierowanie wydane przez pracownika socjalnego,",
                    "torbę lub wózek na zakupy – paczki są ciężkie.",
                ),
                text(
                    "Jeśli nie możesz przyjść osobiście, paczkę może odebrać osoba, którą "
                    "upoważnisz na piśmie. Osobom, które nie wychodzą z domu, paczki dowiozą "
                    "wolontariusze – wystarczy zadzwonić do pracownika socjalnego."
                ),
                {
                    "type": "gallery",
                    "value": {
                        "title": "Zdjęcia z poprzedniego wydawania",
                        "images": [
                            {
                                "image": {
                                    "image": image.pk,
                                    "alt_text": image.description,
                                    "decorative": False,
                                },
                                "caption": image.title,
                            }
                            for image in images
                        ],
                    },
                },
                quote(
                    "Bez wolontariuszy nie dalibyśmy rady. W ciągu dwóch dni wydajemy ponad "
                    "dziewięć ton żywności.",
                    "Marta Kowalczyk, koordynatorka programu",
                ),
            ],
        },
        {
            "slug": "aktywny-senior-nowy-projekt",
            "title": "Ruszył projekt „Aktywny Senior w Lipowie Zdrojowym”",
            "date": ago(18),
            "category": "projekty",
            "lead": (
                "Zajęcia ruchowe, warsztaty komputerowe i spotkania z dietetykiem – rusza "
                "bezpłatny projekt dla mieszkańców gminy, którzy ukończyli 60 lat. Zapisy "
                "przyjmujemy do końca miesiąca."
            ),
            "image": (
                "Seniorzy na zajęciach w klubie",
                "blue",
                "people",
                "Grupa seniorów ćwiczy na krzesłach w sali klubu",
            ),
            "body": lambda images: [
                text(
                    "Projekt potrwa dwa lata. Weźmie w nim udział 40 osób, które spotykać się "
                    "będą dwa razy w tygodniu w Klubie Seniora przy ul. Parkowej 3.",
                ),
                heading("Co przygotowaliśmy"),
                bullets(
                    "gimnastykę usprawniającą z fizjoterapeutką,",
                    "warsztaty z obsługi smartfona i bankowości internetowej,",
                    "spotkania z dietetykiem i psychologiem,",
                    "wyjazdy do teatru i muzeum w Wałbrzychu.",
                ),
                text(
                    "Udział jest bezpłatny. Zgłoszenia przyjmuje Dział Pracy Socjalnej, "
                    "tel. 74 812 34 57, oraz sekretariat ośrodka."
                ),
                funders_block(
                    "Projekt współfinansowany ze środków Unii Europejskiej",
                    p(
                        "Projekt „Aktywny Senior w Lipowie Zdrojowym” jest realizowany w ramach "
                        "programu Fundusze Europejskie dla Dolnego Śląska 2021–2027.",
                        "Cel projektu: zwiększenie aktywności społecznej i samodzielności osób "
                        "starszych. Wartość projektu: 486 200,00 zł, w tym dofinansowanie ze "
                        "środków Unii Europejskiej: 413 270,00 zł.",
                    ),
                ),
            ],
        },
        {
            "slug": "nordic-walking-z-kijki-w-ruch",
            "title": "Nordic walking ze Stowarzyszeniem „Kijki w Ruch”",
            "date": ago(45),
            "category": "seniorzy",
            "lead": (
                "Razem ze Stowarzyszeniem „Kijki w Ruch” zapraszamy seniorów na wspólne "
                "marsze z kijkami po parku zdrojowym. Kijki wypożyczymy, instruktor pokaże, "
                "jak ich używać."
            ),
            "image": (
                "Marsz nordic walking w parku",
                "green",
                "trees",
                "Seniorzy maszerują z kijkami alejką w parku zdrojowym",
            ),
            "body": lambda images: [
                text(
                    "Spotykamy się w każdy wtorek i czwartek o 10:00 przy fontannie w parku "
                    "zdrojowym. Marsz trwa około godziny, a tempo dopasowujemy do najwolniejszej "
                    "osoby w grupie.",
                    "Zajęcia prowadzą instruktorzy Stowarzyszenia „Kijki w Ruch”. Przed "
                    "pierwszym marszem warto porozmawiać z lekarzem rodzinnym.",
                ),
                {
                    "type": "youtube",
                    "value": {
                        "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                        "title": "Film z pierwszego wspólnego marszu",
                    },
                },
                text("Zapisy: Klub Seniora, tel. 74 812 34 57 lub na miejscu przed marszem."),
            ],
        },
        {
            "slug": "wyzwanie-1000-km-dla-julki",
            "title": "Charytatywne wyzwanie „1000 km dla Julki” zakończone!",
            "date": ago(75),
            "category": "dzieci-i-mlodziez",
            "lead": (
                "Przez miesiąc mieszkańcy gminy biegali, maszerowali i jeździli na rowerze dla "
                "siedmioletniej Julki. Zamiast 1000 kilometrów przebyliśmy ich ponad 3400, "
                "a sponsorzy przekazali na rehabilitację dziewczynki 18 650 zł."
            ),
            "image": (
                "Uczestnicy wyzwania na mecie",
                "evening",
                "people",
                "Uczestnicy wyzwania z medalami na mecie przy stadionie",
            ),
            "body": lambda images: [
                text(
                    "W wyzwaniu wzięło udział 212 osób – uczniowie obu szkół podstawowych, "
                    "seniorzy z naszego klubu, strażacy ochotnicy i pracownicy urzędu gminy. "
                    "Każdy kilometr zapisany w aplikacji zamieniał się w złotówki od "
                    "lokalnych firm.",
                    "Dziękujemy wszystkim uczestnikom i sponsorom. Pieniądze trafiły na konto "
                    "fundacji, która opłaci Julce turnus rehabilitacyjny.",
                ),
                quote("Nie sądziłam, że tyle osób będzie chciało nam pomóc.", "Mama Julki"),
            ],
        },
        {
            "slug": "zmiany-w-obsludze-interesantow-epidemia",
            "title": "Zmiany w obsłudze interesantów w czasie epidemii grypy",
            "date": seasonal(now, 1, 2, 3),
            "category": None,
            "lead": (
                "Z powodu dużej liczby zachorowań na grypę do odwołania prosimy o załatwianie "
                "spraw przede wszystkim telefonicznie, przez ePUAP lub pocztą. Wnioski można "
                "też zostawić w skrzynce przy wejściu."
            ),
            "image": (
                "Wejście do ośrodka ze skrzynką na wnioski",
                "blue",
                "house",
                "Wejście do budynku ośrodka ze skrzynką na dokumenty",
            ),
            "document": (
                "Komunikat dyrektora w sprawie zasad obsługi interesantów",
                "komunikat-obsluga-interesantow.pdf",
                [
                    "Od poniedziałku do odwołania interesanci są obsługiwani po wcześniejszym "
                    "umówieniu wizyty telefonicznie.",
                    "Wnioski i dokumenty można składać w skrzynce podawczej przy wejściu, przez "
                    "ePUAP lub pocztą tradycyjną.",
                    "Pracownicy socjalni przeprowadzają wywiady środowiskowe w pilnych "
                    "sprawach. W pozostałych sprawach kontaktują się telefonicznie.",
                    "Osoby z objawami infekcji prosimy o niewchodzenie do budynku.",
                ],
            ),
            "body": lambda images: [
                heading("Jak załatwić sprawę"),
                bullets(
                    "zadzwoń: sekretariat 74 812 34 50, pracownicy socjalni 74 812 34 57,",
                    "wyślij pismo przez ePUAP: /mgopslipowo/SkrytkaESP,",
                    "zostaw dokumenty w skrzynce przy wejściu (opróżniamy ją codziennie o 14:00).",
                ),
                text(
                    "W sprawach pilnych – gdy brakuje jedzenia, leków albo opału – pracownik "
                    "socjalny przyjedzie do Ciebie. Szczegółowe zasady opisuje komunikat "
                    "dyrektora."
                ),
            ],
        },
        {
            "slug": "godziny-pracy-w-okresie-swiatecznym",
            "title": "Godziny pracy ośrodka w okresie świątecznym",
            "date": seasonal(now, 0, 12, 12),
            "category": None,
            "lead": (
                "W Wigilię, 24 grudnia, ośrodek będzie nieczynny. 31 grudnia pracujemy krócej – "
                "do godziny 12:00. W pozostałe dni przyjmujemy interesantów jak zwykle."
            ),
            "image": (
                "Zimowy widok budynku ośrodka",
                "evening",
                "house",
                "Budynek ośrodka zimą, w oknach świąteczne dekoracje",
            ),
            "body": lambda images: [
                text(
                    "Wnioski i dokumenty można w tym czasie zostawić w skrzynce przy wejściu "
                    "albo wysłać przez ePUAP – zajmiemy się nimi w pierwszym dniu pracy.",
                    "W sprawach nagłych, także w święta, dzwoń pod numer alarmowy 112. "
                    "Osoby doznające przemocy w rodzinie mogą całodobowo dzwonić na bezpłatny "
                    "telefon „Niebieskiej Linii”: 800 120 002.",
                ),
            ],
        },
        {
            "slug": "wakacje-w-swietlicy-usmiech",
            "title": "Wakacje w świetlicy „Uśmiech” – zapisy na turnusy",
            "date": seasonal(now, 0, 6, 10),
            "category": "dzieci-i-mlodziez",
            "lead": (
                "Świetlica „Uśmiech” zaprasza dzieci w wieku 6–16 lat na dwa wakacyjne "
                "turnusy. Czekają wycieczki, basen, gry terenowe i zajęcia plastyczne."
            ),
            "image": (
                "Dzieci na wycieczce w górach",
                "green",
                "sun",
                "Dzieci z opiekunką na łące, w tle góry",
            ),
            "body": lambda images: [
                bullets(
                    "I turnus: od 7 do 18 lipca,",
                    "II turnus: od 4 do 15 sierpnia,",
                    "zajęcia w godz. 8:00–15:00, obiad na miejscu.",
                ),
                text(
                    "Udział jest bezpłatny, liczba miejsc ograniczona do 30 na turnus. "
                    "Karty zgłoszenia wydaje świetlica przy ul. Szkolnej 5."
                ),
            ],
        },
        {
            "slug": "stypendia-szkolne-wnioski",
            "title": "Stypendia szkolne: wnioski do 15 września",
            "date": seasonal(now, 0, 8, 25),
            "category": "dzieci-i-mlodziez",
            "lead": (
                "Rodziny o niskich dochodach mogą ubiegać się o stypendium szkolne na zakup "
                "podręczników, przyborów i stroju sportowego. Wnioski przyjmujemy do "
                "15 września."
            ),
            "image": (
                "Przybory szkolne na ławce",
                "warm",
                "box",
                "Plecak i przybory szkolne na ławce w parku",
            ),
            "body": lambda images: [
                text(
                    "Wniosek składa rodzic, pełnoletni uczeń albo dyrektor szkoły. Pomożemy go "
                    "wypełnić – zapraszamy do pokoju nr 4 na parterze.",
                    "Stypendium wypłacamy po przedstawieniu rachunków za zakupy związane z nauką.",
                ),
            ],
        },
        {
            "slug": "paczka-dla-seniora-zbiorka",
            "title": "Zbiórka „Paczka dla Seniora” – dziękujemy!",
            "date": seasonal(now, 1, 12, 20),
            "category": "seniorzy",
            "lead": (
                "Dzięki hojności mieszkańców, szkół i parafii przygotowaliśmy 126 świątecznych "
                "paczek dla samotnych seniorów z naszej gminy. Paczki rozwieźli harcerze."
            ),
            "image": (
                "Świąteczne paczki dla seniorów",
                "evening",
                "box",
                "Paczki przewiązane czerwoną wstążką na stole",
            ),
            "body": lambda images: [
                text(
                    "W paczkach znalazły się słodycze, kawa, herbata, środki czystości i "
                    "kartki z życzeniami narysowane przez dzieci ze świetlicy.",
                    "Dziękujemy wszystkim, którzy przynieśli dary do punktów zbiórki.",
                ),
            ],
        },
        {
            "slug": "wigilia-w-klubie-seniora",
            "title": "Spotkanie wigilijne w Klubie Seniora",
            "date": seasonal(now, 2, 12, 19),
            "category": "seniorzy",
            "lead": (
                "Przy wigilijnym stole w Klubie Seniora usiadło ponad pięćdziesiąt osób. Były "
                "kolędy, opłatek i występ przedszkolaków."
            ),
            "image": (
                "Wigilijny stół w klubie",
                "warm",
                "people",
                "Seniorzy przy długim, świątecznie nakrytym stole",
            ),
            "body": lambda images: [
                text(
                    "Potrawy przygotowały panie z Koła Gospodyń Wiejskich z Lipowa Górnego. "
                    "Dziękujemy też burmistrzowi za życzenia i wspólne kolędowanie."
                ),
            ],
        },
        {
            "slug": "dzien-dziecka-na-stadionie",
            "title": "Dzień Dziecka na stadionie miejskim",
            "date": seasonal(now, 2, 6, 2),
            "category": "dzieci-i-mlodziez",
            "lead": (
                "Dmuchańce, malowanie twarzy, pokaz strażaków i konkurs rzutów do kosza – tak "
                "bawiliśmy się razem z dziećmi ze świetlicy i ich rodzicami."
            ),
            "image": (
                "Festyn na stadionie",
                "green",
                "sun",
                "Dzieci bawią się na trawie stadionu w słoneczny dzień",
            ),
            "body": lambda images: [
                text(
                    "Festyn przygotowaliśmy wspólnie z Ochotniczą Strażą Pożarną i Miejskim "
                    "Ośrodkiem Sportu. Dziękujemy wolontariuszom z liceum za opiekę nad "
                    "najmłodszymi."
                ),
            ],
        },
        {
            "slug": "bezplatne-porady-prawne-online",
            "title": "Bezpłatne porady prawne także przez telefon i internet",
            "date": ago(120),
            "category": None,
            "lead": (
                "Z nieodpłatnej pomocy prawnej można skorzystać nie tylko w punkcie przy "
                "ul. Słonecznej 12, ale też przez telefon lub w rozmowie wideo. Na wizytę "
                "trzeba się umówić."
            ),
            "image": (
                "Punkt pomocy prawnej",
                "blue",
                "house",
                "Biurko w punkcie nieodpłatnej pomocy prawnej",
            ),
            "body": lambda images: [
                text(
                    "Porady udziela adwokat we wtorki w godz. 12:00–16:00 i radca prawny w "
                    "czwartki w godz. 8:00–12:00. Zapisy: tel. 74 812 34 50."
                ),
            ],
        },
        {
            "slug": "szukamy-wolontariuszy-dobry-sasiad",
            "title": "Szukamy wolontariuszy do programu „Dobry Sąsiad”",
            "date": ago(9),
            "category": "projekty",
            "lead": (
                "Masz godzinę w tygodniu? Zostań wolontariuszem i pomóż starszemu sąsiadowi "
                "w zakupach, w drodze do lekarza albo po prostu porozmawiaj przy herbacie."
            ),
            "image": (
                "Wolontariuszka z seniorką",
                "warm",
                "people",
                "Młoda wolontariuszka i starsza pani idą razem chodnikiem",
            ),
            "body": lambda images: [
                text(
                    "Każdy wolontariusz przechodzi krótkie szkolenie i ma ubezpieczenie. "
                    "Zgłoszenia przyjmuje koordynatorka wolontariatu, tel. 74 812 34 57."
                ),
            ],
        },
        {
            "slug": "warsztaty-dla-rodzicow-nastolatkow",
            "title": "Warsztaty dla rodziców: jak rozmawiać z nastolatkiem",
            "date": seasonal(now, 1, 10, 7),
            "category": "dzieci-i-mlodziez",
            "lead": (
                "Psycholożka ośrodka zaprasza rodziców na cykl czterech bezpłatnych spotkań "
                "o komunikacji z dorastającymi dziećmi."
            ),
            "image": (
                "Sala warsztatowa",
                "blue",
                "people",
                "Rodzice siedzą w kręgu podczas warsztatów",
            ),
            "body": lambda images: [
                text(
                    "Spotkania odbywają się w środy o 17:00 w sali nr 12. Na zajęcia można "
                    "przyjść z małym dzieckiem – opiekę zapewnią wolontariuszki."
                ),
            ],
        },
    ]


def ensure_categories():
    categories = {}
    for name, slug in CATEGORIES:
        category = NewsCategory.objects.filter(slug=slug).first()
        if category is None:
            category = NewsCategory.objects.create(name=name, slug=slug)
        categories[slug] = category
    return categories


def ensure_index(home):
    index = NewsIndexPage.objects.child_of(home).first()
    if index is not None:
        return index
    index = NewsIndexPage(
        title="Aktualności",
        slug="aktualnosci",
        show_in_menus=True,
        intro=(
            "Co słychać w ośrodku: pomoc żywnościowa, projekty, zajęcia dla seniorów, dzieci "
            "i rodzin, zmiany w godzinach pracy."
        ),
        search_description="Aktualności Miejsko-Gminnego Ośrodka Pomocy Społecznej w Lipowie "
        "Zdrojowym.",
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    # The main menu follows the tree: news goes before the ordinances and contact pages.
    for slug in ("zarzadzenia", "kontakt"):
        sibling = home.get_children().filter(slug=slug).first()
        if sibling is not None:
            index.move(sibling, pos="left")
            break
    return NewsIndexPage.objects.get(pk=index.pk)


def ensure_post(index, categories, definition):
    existing = NewsPage.objects.child_of(index).filter(slug=definition["slug"]).first()
    if existing is not None:
        return existing
    image = demo_image(*_image_args(definition["image"]))
    gallery = [demo_image(*_image_args(item)) for item in definition.get("gallery", [])]
    body = definition["body"](gallery)
    if "document" in definition:
        title, filename, paragraphs = definition["document"]
        document = demo_document(title, filename, paragraphs)
        body.append(
            {
                "type": "documents",
                "value": {
                    "heading": "Do pobrania",
                    "documents": [{"document": document.pk, "title": title}],
                },
            }
        )
    post = NewsPage(
        title=definition["title"],
        slug=definition["slug"],
        date=definition["date"],
        lead=definition["lead"],
        image=image,
        image_caption=definition.get("caption", "Fot. MGOPS w Lipowie Zdrojowym"),
        category=categories.get(definition["category"]),
        pinned=definition.get("pinned", False),
        body=json.dumps(body),
    )
    index.add_child(instance=post)
    revision = post.save_revision()
    revision.publish()
    # A first publication "now" would hide the demo dates from Wagtail's history.
    NewsPage.objects.filter(pk=post.pk).update(first_published_at=definition["date"])
    return post


def _image_args(spec):
    title, palette, motif, alt = spec
    return title, PALETTES[palette], motif, alt


def load_many_posts(index, count, batch=500):
    """Scale test data: ``count`` extra live posts sharing a few images, written in bulk.

    Saving pages one by one (tree bookkeeping, search and reference indexes) takes about
    half a second a post, over an hour for 10,000; here the rows are inserted in batches
    and indexed for search in bulk. No revisions: these posts exist to be listed.
    """
    existing = NewsPage.objects.child_of(index).filter(slug__startswith="skala-").count()
    if existing >= count:
        return
    images = [
        demo_image(f"Zdjęcie testowe {n}", PALETTES[palette], motif, "Ilustracja testowa")
        for n, (palette, motif) in enumerate(
            [("blue", "sun"), ("green", "trees"), ("warm", "box"), ("evening", "people")]
        )
    ]
    content_type = ContentType.objects.get_for_model(NewsPage)
    last_child = index.get_last_child()
    step = last_child._get_lastpos_in_path() if last_child else 0
    depth = index.depth + 1
    start = timezone.now().replace(microsecond=0) - timedelta(days=400)
    post_fields = NewsPage._meta.local_concrete_fields
    backends = list(get_search_backends(with_auto_update=True))
    for first in range(existing, count, batch):
        numbers = range(first, min(count, first + batch))
        posts = []
        for i in numbers:
            step += 1
            title = f"Wiadomość testowa nr {i}"
            slug = f"skala-{i}"
            date = start - timedelta(hours=6 * i)
            posts.append(
                NewsPage(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=content_type,
                    path=Page._get_path(index.path, depth, step),
                    depth=depth,
                    numchild=0,
                    url_path=f"{index.url_path}{slug}/",
                    locale_id=index.locale_id,
                    live=True,
                    first_published_at=date,
                    last_published_at=date,
                    date=date,
                    lead=f"Dane testowe do sprawdzenia wydajności listy aktualności ({i}).",
                    image=images[i % len(images)],
                )
            )
        page_rows = [
            Page(**{f.attname: getattr(post, f.attname) for f in Page._meta.concrete_fields})
            for post in posts
        ]
        Page.objects.bulk_create(page_rows)
        for post, row in zip(posts, page_rows, strict=True):
            post.page_ptr_id = post.id = row.pk
        NewsPage.objects._insert(posts, fields=post_fields)
        Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(posts))
        for backend in backends:
            backend.add_bulk(NewsPage, posts)


def load(ctx):
    index = ensure_index(ctx["home"])
    categories = ensure_categories()
    now = timezone.now()
    for definition in post_definitions(now):
        ensure_post(index, categories, definition)
    if ctx.get("large"):
        load_many_posts(index, LARGE_POST_COUNT)
    ctx["news_index"] = index
    return ctx
