"""Demo content of the pages app: about us, how we help, ordinances, contact, statutory pages.

Idempotent: every page is looked up by its slug under its parent before it is created.
"""

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from core.models import SiteSettings
from demo.media import demo_document

from .models import (
    AccessibilityStatementPage,
    ContactFormField,
    ContactPage,
    EasyReadPage,
    MissionPage,
    OrdinanceAttachment,
    OrdinanceIndexPage,
    OrdinancePage,
    PrivacyPolicyPage,
    SignLanguagePage,
    StandardPage,
    TasksPage,
)

CENTRE = "Miejsko-Gminnego Ośrodka Pomocy Społecznej w Lipowie Zdrojowym"
DIRECTOR = "Dyrektor Miejsko-Gminnego Ośrodka Pomocy Społecznej w Lipowie Zdrojowym"


def rt(*paragraphs):
    return RichText("".join(p if p.startswith("<") else f"<p>{p}</p>" for p in paragraphs))


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def paragraph(*paragraphs):
    return ("paragraph", rt(*paragraphs))


def bullets(*items, ordered=False):
    return ("list", {"ordered": ordered, "items": list(items)})


def callout(title, text, style="info"):
    return ("callout", {"title": title, "text": rt(text), "style": style})


def faq(heading_text, *pairs):
    return (
        "accordion",
        {
            "heading": heading_text,
            "items": [{"question": q, "answer": rt(a)} for q, a in pairs],
        },
    )


def ensure_page(parent, model, slug, **fields):
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return model.objects.get(pk=page.pk)


def load(ctx):
    home = ctx["home"]
    pages = {}
    pages.update(load_about(home))
    pages.update(load_help(home))
    pages["register"] = load_ordinances(home, large=ctx.get("large", False))
    pages["contact"] = load_contact(home)
    pages.update(load_statutory(home))
    link_settings(ctx["site"], pages)
    set_task_links(home, pages)
    ctx["pages"] = pages
    return ctx


# --- O nas -----------------------------------------------------------------------------------


def load_about(home):
    about = ensure_page(
        home,
        StandardPage,
        "o-nas",
        title="O nas",
        show_in_menus=True,
        lead=(
            "Miejsko-Gminny Ośrodek Pomocy Społecznej w Lipowie Zdrojowym pomaga mieszkańcom "
            "gminy, którzy znaleźli się w trudnej sytuacji. Działamy od 1990 roku."
        ),
        body=[
            paragraph(
                "Jesteśmy jednostką organizacyjną gminy Lipowo Zdrojowe. Zatrudniamy "
                "23 osoby: pracowników socjalnych, asystentów rodziny, opiekunki środowiskowe, "
                "specjalistów od świadczeń rodzinnych i pracowników administracji.",
                "Prowadzimy Świetlicę Środowiskową „Uśmiech” dla dzieci i młodzieży oraz "
                "Klub Seniora „Złota Jesień”. Współpracujemy ze szkołami, przychodnią, policją, "
                "parafiami i organizacjami pozarządowymi z naszej gminy.",
            ),
            heading("Kierownictwo"),
            bullets(
                "Dyrektor: Anna Wróblewska",
                "Zastępca dyrektora, kierownik Działu Pomocy Środowiskowej: Marek Sośnicki",
                "Kierownik Działu Świadczeń Rodzinnych: Ewelina Kaczmarczyk",
                "Główna księgowa: Jolanta Bednarz",
            ),
            callout(
                "Rozmowy są poufne",
                "Pracownicy ośrodka są zobowiązani do zachowania tajemnicy. To, co nam "
                "powiesz, nie wyjdzie poza ośrodek bez Twojej zgody, chyba że nakazuje to prawo.",
            ),
        ],
    )
    mission = ensure_page(
        about,
        MissionPage,
        "misja",
        title="Misja",
        show_in_menus=True,
        lead="Po co jesteśmy i czym kierujemy się w pracy.",
        mission=(
            "Pomagamy mieszkańcom gminy Lipowo Zdrojowe przezwyciężać trudne sytuacje życiowe, "
            "których nie są w stanie pokonać sami, i wspieramy ich w odzyskaniu samodzielności."
        ),
        values=[
            (
                "value",
                {
                    "name": "Szacunek",
                    "description": "Każdą osobę traktujemy z godnością, "
                    "bez oceniania i bez pośpiechu.",
                },
            ),
            (
                "value",
                {
                    "name": "Dyskrecja",
                    "description": "Chronimy prywatność osób, które do nas przychodzą.",
                },
            ),
            (
                "value",
                {
                    "name": "Rzetelność",
                    "description": "Mówimy jasno, co możemy zrobić, i dotrzymujemy terminów.",
                },
            ),
            (
                "value",
                {
                    "name": "Współpraca",
                    "description": "Pomagamy razem z rodziną, szkołą, "
                    "lekarzem i sąsiadami, bo w pojedynkę trudniej.",
                },
            ),
        ],
        goals=[
            (
                "goal",
                {
                    "title": "Zapobiegać wykluczeniu",
                    "description": "Docieramy do osób "
                    "samotnych, ubogich i bezdomnych, zanim ich sytuacja stanie się "
                    "dramatyczna.",
                },
            ),
            (
                "goal",
                {
                    "title": "Wspierać rodziny",
                    "description": "Pomagamy rodzicom w opiece "
                    "nad dziećmi i w wychodzeniu z kryzysu, także przez asystenta rodziny.",
                },
            ),
            (
                "goal",
                {
                    "title": "Umożliwić seniorom życie w domu",
                    "description": "Organizujemy "
                    "usługi opiekuńcze, aby osoby starsze mogły jak najdłużej mieszkać u "
                    "siebie.",
                },
            ),
            (
                "goal",
                {
                    "title": "Chronić przed przemocą",
                    "description": "Reagujemy na każdy "
                    "sygnał przemocy domowej i pomagamy osobom jej doznającym.",
                },
            ),
            (
                "goal",
                {
                    "title": "Aktywizować",
                    "description": "Pomagamy w powrocie na rynek "
                    "pracy, m.in. przez kontrakt socjalny i prace społecznie użyteczne.",
                },
            ),
        ],
    )
    tasks = ensure_page(
        about,
        TasksPage,
        "zadania",
        title="Zadania",
        show_in_menus=True,
        lead="Zadania ośrodka wynikają z ustaw. Poniżej podajemy je w podziale na akty prawne.",
        task_groups=[task_group(*group) for group in TASK_GROUPS],
    )
    return {"about": about, "mission": mission, "tasks": tasks}


def task_group(act, url, tasks):
    return ("group", {"legal_act": act, "legal_act_url": url, "tasks": tasks})


TASK_GROUPS = [
    (
        "Ustawa z dnia 12 marca 2004 r. o pomocy społecznej",
        "https://isap.sejm.gov.pl/isap.nsf/DocDetails.xsp?id=WDU20040640593",
        [
            "przyznawanie i wypłacanie zasiłków stałych, okresowych i celowych",
            "praca socjalna i przeprowadzanie rodzinnych wywiadów środowiskowych",
            "organizowanie i świadczenie usług opiekuńczych w miejscu zamieszkania",
            "zapewnienie schronienia, posiłku i niezbędnego ubrania osobom tego pozbawionym",
            "kierowanie do domów pomocy społecznej i ponoszenie odpłatności za pobyt",
            "opracowanie gminnej strategii rozwiązywania problemów społecznych",
        ],
    ),
    (
        "Ustawa z dnia 28 listopada 2003 r. o świadczeniach rodzinnych",
        "https://isap.sejm.gov.pl/isap.nsf/DocDetails.xsp?id=WDU20032282255",
        [
            "przyznawanie zasiłku rodzinnego i dodatków do zasiłku rodzinnego",
            "przyznawanie zasiłku pielęgnacyjnego i świadczenia pielęgnacyjnego",
            "wypłata jednorazowej zapomogi z tytułu urodzenia się dziecka („becikowe”)",
            "opłacanie składek emerytalno-rentowych i zdrowotnych za osoby pobierające "
            "świadczenia opiekuńcze",
        ],
    ),
    (
        "Ustawa z dnia 29 lipca 2005 r. o przeciwdziałaniu przemocy domowej",
        "https://isap.sejm.gov.pl/isap.nsf/DocDetails.xsp?id=WDU20051801493",
        [
            "wszczynanie procedury „Niebieskie Karty” i udział w pracy grup diagnostyczno-"
            "pomocowych",
            "zapewnienie osobom doznającym przemocy poradnictwa i schronienia",
            "obsługa organizacyjno-techniczna Zespołu Interdyscyplinarnego",
        ],
    ),
    (
        "Ustawa z dnia 9 czerwca 2011 r. o wspieraniu rodziny i systemie pieczy zastępczej",
        "https://isap.sejm.gov.pl/isap.nsf/DocDetails.xsp?id=WDU20111490887",
        [
            "zatrudnianie asystentów rodziny i praca z rodzinami przeżywającymi trudności",
            "prowadzenie placówki wsparcia dziennego – Świetlicy Środowiskowej „Uśmiech”",
            "współfinansowanie pobytu dziecka w pieczy zastępczej",
        ],
    ),
    (
        "Ustawa z dnia 21 czerwca 2001 r. o dodatkach mieszkaniowych",
        "https://isap.sejm.gov.pl/isap.nsf/DocDetails.xsp?id=WDU20010710734",
        [
            "przyjmowanie wniosków i przyznawanie dodatków mieszkaniowych",
            "przyznawanie dodatku energetycznego",
        ],
    ),
    (
        "Ustawa z dnia 7 września 2007 r. o pomocy osobom uprawnionym do alimentów",
        "https://isap.sejm.gov.pl/isap.nsf/DocDetails.xsp?id=WDU20071921378",
        [
            "przyznawanie i wypłata świadczeń z funduszu alimentacyjnego",
            "prowadzenie postępowania wobec dłużników alimentacyjnych",
        ],
    ),
    (
        "Ustawa z dnia 4 kwietnia 2014 r. o ustaleniu i wypłacie zasiłków dla opiekunów",
        "",
        ["przyznawanie i wypłata zasiłku dla opiekuna"],
    ),
]


# --- Jak pomagamy ------------------------------------------------------------------------------

CRISIS_LINES = [
    {
        "name": "„Niebieska Linia” – ogólnopolski telefon dla osób doznających przemocy domowej",
        "number": "800 120 002",
        "hours": "całodobowo, bezpłatnie",
    },
    {
        "name": "Centrum Wsparcia dla Osób w Stanie Kryzysu Psychicznego",
        "number": "800 70 2222",
        "hours": "całodobowo, bezpłatnie",
    },
    {
        "name": "Telefon zaufania dla dzieci i młodzieży",
        "number": "116 111",
        "hours": "całodobowo, bezpłatnie",
    },
    {
        "name": "Punkt interwencji kryzysowej w Lipowie Zdrojowym (w budynku ośrodka, pokój 4)",
        "number": "74 812 34 60",
        "hours": "poniedziałek–piątek 8:00–18:00",
    },
]


def load_help(home):
    help_page = ensure_page(
        home,
        StandardPage,
        "jak-pomagamy",
        title="Jak pomagamy",
        show_in_menus=True,
        lead="Wybierz sprawę, z którą przychodzisz. Opisujemy, komu przysługuje pomoc i jak o nią "
        "poprosić.",
        body=[
            paragraph(
                "Nie wiesz, od czego zacząć? Zadzwoń do pracownika socjalnego swojego rejonu "
                "albo przyjdź do ośrodka bez umawiania się. Pomożemy wypełnić wnioski."
            ),
        ],
    )
    financial = ensure_page(
        help_page,
        StandardPage,
        "pomoc-finansowa",
        title="Pomoc finansowa",
        show_in_menus=True,
        lead="Zasiłki z pomocy społecznej dla osób i rodzin o niskich dochodach.",
        body=[
            heading("Kto może dostać zasiłek"),
            paragraph(
                "Zasiłek przysługuje, gdy dochód nie przekracza kryterium: 1010 zł miesięcznie "
                "dla osoby samotnej i 823 zł na osobę w rodzinie, a do tego występuje trudna "
                "sytuacja, na przykład bezrobocie, długotrwała choroba, niepełnosprawność albo "
                "bezradność w sprawach opiekuńczo-wychowawczych."
            ),
            heading("Jakie są zasiłki"),
            bullets(
                "zasiłek stały – dla osób, które z powodu wieku lub niepełnosprawności nie mogą "
                "pracować",
                "zasiłek okresowy – na czas, w którym dochód jest za niski, np. do znalezienia "
                "pracy",
                "zasiłek celowy – na konkretny wydatek: leki, opał, żywność, naprawę dachu",
            ),
            heading("Jak poprosić o pomoc"),
            bullets(
                "Zadzwoń lub przyjdź do ośrodka i poproś o rozmowę z pracownikiem socjalnym.",
                "Pracownik socjalny odwiedzi Cię w domu w ciągu 14 dni (w pilnych sprawach w "
                "ciągu 2 dni) i przeprowadzi wywiad.",
                "Decyzję wydajemy w ciągu miesiąca. Pieniądze wypłacamy na konto albo w kasie.",
                ordered=True,
            ),
            faq(
                "Częste pytania",
                (
                    "Czy muszę mieć zameldowanie w gminie?",
                    "Nie. Liczy się to, gdzie mieszkasz, a nie adres zameldowania.",
                ),
                (
                    "Jakie dokumenty przynieść?",
                    "Dowód osobisty oraz zaświadczenia o dochodach z "
                    "ostatniego miesiąca. Resztę ustalimy w czasie wywiadu.",
                ),
                (
                    "Czy mogę się odwołać od decyzji?",
                    "Tak, do Samorządowego Kolegium "
                    "Odwoławczego, za naszym pośrednictwem, w ciągu 14 dni od jej otrzymania.",
                ),
            ),
        ],
    )
    seniors = ensure_page(
        help_page,
        StandardPage,
        "opieka-nad-osoba-starsza",
        title="Opieka nad osobą starszą",
        show_in_menus=True,
        lead="Usługi opiekuńcze w domu, pomoc sąsiedzka i miejsce w domu pomocy społecznej.",
        body=[
            heading("Usługi opiekuńcze w domu"),
            paragraph(
                "Opiekunka przychodzi do domu osoby starszej lub chorej: pomaga w zakupach, "
                "przygotowaniu posiłku, sprzątaniu, higienie i wizytach u lekarza. Usługi są "
                "bezpłatne dla osób o dochodzie poniżej kryterium; pozostali płacą część kosztów "
                "według tabeli w uchwale Rady Gminy."
            ),
            heading("Specjalistyczne usługi opiekuńcze"),
            paragraph(
                "Dla osób z zaburzeniami psychicznymi: rehabilitacja, nauka codziennych "
                "czynności, wsparcie terapeuty. Potrzebne jest zaświadczenie od lekarza."
            ),
            heading("Dom pomocy społecznej"),
            paragraph(
                "Gdy opieka w domu nie wystarcza, pomagamy złożyć wniosek o skierowanie do domu "
                "pomocy społecznej i ustalamy odpłatność z rodziną."
            ),
            callout(
                "Klub Seniora „Złota Jesień”",
                "Zapraszamy seniorów na spotkania we wtorki i czwartki od 10:00 do 14:00: "
                "gimnastyka, zajęcia komputerowe, wycieczki.",
            ),
        ],
    )
    violence = ensure_page(
        help_page,
        StandardPage,
        "przemoc-w-rodzinie",
        title="Przemoc w rodzinie",
        show_in_menus=True,
        show_quick_exit=True,
        lead="Jeśli ktoś bliski Cię krzywdzi, nie musisz radzić sobie sam. Pomoc jest bezpłatna i "
        "poufna.",
        body=[
            (
                "crisis_help",
                {
                    "heading": "Potrzebujesz pomocy teraz?",
                    "emergency_note": True,
                    "lines": CRISIS_LINES,
                    "note": rt(
                        "Możesz też przyjść do ośrodka bez umawiania się. Powiedz w "
                        "sekretariacie, że chcesz porozmawiać z pracownikiem socjalnym na "
                        "osobności."
                    ),
                },
            ),
            heading("Czym jest przemoc domowa"),
            paragraph(
                "Przemoc to nie tylko bicie. To także wyzwiska, grożenie, kontrolowanie "
                "pieniędzy i telefonu, zmuszanie do czynności seksualnych, zaniedbywanie osoby "
                "zależnej. Przemocy może doznawać każdy: kobieta, mężczyzna, dziecko, senior."
            ),
            heading("Jak możemy pomóc"),
            bullets(
                "rozmowa z pracownikiem socjalnym i psychologiem",
                "wszczęcie procedury „Niebieskie Karty” i plan pomocy",
                "bezpieczne schronienie dla Ciebie i dzieci",
                "pomoc prawna, m.in. przy wniosku o zakaz zbliżania się sprawcy",
            ),
            callout(
                "Jeśli korzystasz z cudzego telefonu lub komputera",
                "Przycisk „Szybkie wyjście” u góry strony (lub klawisz Esc) natychmiast "
                "przeniesie Cię na stronę z prognozą pogody. Po wizycie wyczyść historię "
                "przeglądania.",
                style="important",
            ),
        ],
    )
    family = ensure_page(
        help_page,
        StandardPage,
        "swiadczenia-rodzinne",
        title="Świadczenia rodzinne",
        show_in_menus=True,
        lead="Zasiłek rodzinny z dodatkami, świadczenia opiekuńcze i fundusz alimentacyjny.",
        body=[
            heading("Zasiłek rodzinny"),
            paragraph(
                "Przysługuje rodzinom, w których dochód nie przekracza 674 zł na osobę "
                "(764 zł, gdy w rodzinie jest dziecko z niepełnosprawnością). Wnioski na nowy "
                "okres przyjmujemy od 1 sierpnia, także przez internet (Emp@tia, ePUAP, "
                "bankowość elektroniczna)."
            ),
            heading("Świadczenia opiekuńcze"),
            bullets(
                "zasiłek pielęgnacyjny – 215,84 zł miesięcznie",
                "świadczenie pielęgnacyjne – dla rodzica opiekującego się dzieckiem z "
                "niepełnosprawnością",
                "specjalny zasiłek opiekuńczy",
            ),
            heading("Fundusz alimentacyjny"),
            paragraph(
                "Gdy komornik nie może wyegzekwować alimentów, wypłacamy świadczenie do "
                "wysokości zasądzonych alimentów, nie więcej niż 1000 zł na dziecko."
            ),
        ],
    )
    return {
        "help": help_page,
        "financial": financial,
        "seniors": seniors,
        "violence": violence,
        "family": family,
    }


# --- Zarządzenia -------------------------------------------------------------------------------

ORDINANCES = [
    # number, date, subject, pages, summary
    (
        "3/2020",
        "2020-01-20",
        "w sprawie ustalenia Regulaminu pracy Miejsko-Gminnego Ośrodka "
        "Pomocy Społecznej w Lipowie Zdrojowym",
        3,
        "Regulamin określa czas pracy, prawa i obowiązki pracowników oraz zasady porządku w "
        "ośrodku.",
    ),
    (
        "7/2020",
        "2020-02-14",
        "w sprawie powołania komisji inwentaryzacyjnej",
        1,
        "Powołuje trzyosobową komisję do inwentaryzacji majątku ośrodka według stanu na "
        "31 grudnia 2019 r.",
    ),
    (
        "12/2020",
        "2020-03-16",
        "w sprawie szczególnych zasad obsługi interesantów w okresie "
        "stanu zagrożenia epidemicznego",
        2,
        "Na czas epidemii sprawy załatwiamy przede wszystkim telefonicznie i elektronicznie; "
        "wizyty w ośrodku tylko po wcześniejszym umówieniu.",
    ),
    (
        "19/2020",
        "2020-06-01",
        "w sprawie wprowadzenia Regulaminu Świetlicy Środowiskowej „Uśmiech”",
        3,
        "Regulamin świetlicy dla dzieci i młodzieży w wieku 6–16 lat: zasady przyjęć, godziny "
        "otwarcia, prawa i obowiązki uczestników.",
    ),
    (
        "27/2020",
        "2020-09-30",
        "w sprawie wprowadzenia Instrukcji obiegu i kontroli dokumentów finansowo-księgowych",
        2,
        "Instrukcja określa, kto sprawdza i zatwierdza dokumenty księgowe i w jakich terminach.",
    ),
    (
        "33/2020",
        "2020-12-07",
        "w sprawie ustalenia dni wolnych od pracy w 2021 roku",
        1,
        "Dniami wolnymi od pracy są 2 stycznia, 4 czerwca i 12 listopada 2021 r.",
    ),
    (
        "2/2021",
        "2021-01-11",
        "w sprawie zasad korzystania ze służbowych telefonów komórkowych",
        1,
        "Określa, którzy pracownicy otrzymują telefony służbowe i jak rozliczać ich używanie.",
    ),
    (
        "8/2021",
        "2021-03-29",
        "w sprawie wyznaczenia koordynatora do spraw dostępności",
        1,
        "Koordynatorem do spraw dostępności zostaje Katarzyna Lis, starszy pracownik socjalny.",
    ),
    (
        "14/2021",
        "2021-05-17",
        "w sprawie wprowadzenia Regulaminu Klubu Seniora „Złota Jesień”",
        2,
        "Regulamin klubu: kto może być członkiem, godziny spotkań, zasady wycieczek i zajęć.",
    ),
    (
        "21/2021",
        "2021-09-01",
        "w sprawie wprowadzenia Polityki ochrony danych osobowych",
        4,
        "Polityka opisuje, jak ośrodek chroni dane osobowe mieszkańców i pracowników, oraz "
        "wyznacza obowiązki inspektora ochrony danych.",
    ),
    (
        "30/2021",
        "2021-12-13",
        "w sprawie ustalenia dni wolnych od pracy w 2022 roku",
        1,
        "Dniami wolnymi od pracy są 7 stycznia i 27 maja 2022 r.",
    ),
    (
        "4/2022",
        "2022-02-07",
        "w sprawie Regulaminu udzielania zamówień publicznych o wartości "
        "mniejszej niż 130 000 złotych",
        3,
        "Regulamin określa, jak ośrodek kupuje towary i usługi o niewielkiej wartości: "
        "rozeznanie rynku, dokumentowanie, zatwierdzanie.",
    ),
    (
        "9/2022",
        "2022-03-28",
        "w sprawie zasad obsługi interesantów",
        2,
        "Przywraca zwykłą obsługę interesantów w godzinach pracy ośrodka i uchyla zarządzenie "
        "nr 12/2020.",
    ),
    (
        "16/2022",
        "2022-06-20",
        "w sprawie wprowadzenia Regulaminu wynagradzania pracowników",
        3,
        "Regulamin określa składniki wynagrodzenia, dodatki i zasady przyznawania nagród.",
    ),
    (
        "24/2022",
        "2022-10-03",
        "w sprawie dyżurów pracowników socjalnych w okresie zimowym",
        1,
        "Od 1 listopada do 31 marca pracownik socjalny dyżuruje telefonicznie do godz. 20:00, "
        "aby szybko pomóc osobom bezdomnym i samotnym.",
    ),
    (
        "31/2022",
        "2022-12-12",
        "w sprawie ustalenia dni wolnych od pracy w 2023 roku",
        1,
        "Dniem wolnym od pracy jest 2 maja 2023 r.",
    ),
    (
        "5/2023",
        "2023-02-13",
        "w sprawie zasad korzystania z samochodu służbowego",
        2,
        "Samochód służbowy służy przede wszystkim do wizyt pracowników socjalnych w terenie.",
    ),
]
REPEALS = {"12/2020": "9/2022"}  # old number -> repealing number
SCANNED_ANNEX_FOR = "7/2020"


def ordinance_paragraphs(number, date, subject, summary):
    day = date.strftime("%d.%m.%Y")
    return [
        f"Zarządzenie nr {number} {DIRECTOR} z dnia {day} r. {subject}.",
        "Na podstawie § 8 Statutu Miejsko-Gminnego Ośrodka Pomocy Społecznej w Lipowie "
        "Zdrojowym zarządzam, co następuje:",
        f"§ 1. {summary}",
        "§ 2. Wykonanie zarządzenia powierza się kierownikom działów.",
        "§ 3. Zarządzenie wchodzi w życie z dniem podpisania.",
        "Dyrektor: Anna Wróblewska",
    ]


def scanned_pdf_bytes(pages=1):
    """A PDF of pictures only (like a scanner makes): no text layer."""
    images = []
    for number in range(pages):
        image = PILImage.new("RGB", (595, 842), "#f4f1ea")
        draw = ImageDraw.Draw(image)
        for row in range(60, 780, 22):
            draw.line(
                [(60, row), (60 + (row * 7 + number * 31) % 420 + 60, row)], fill="#333333", width=3
            )
        images.append(image)
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=72)
    return out.getvalue()


def scanned_document(title, filename):
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    document = Document(title=title)
    document.file.save(filename, ContentFile(scanned_pdf_bytes(2)), save=False)
    document.save()
    return document


def load_ordinances(home, large=False):
    register = ensure_page(
        home,
        OrdinanceIndexPage,
        "zarzadzenia",
        title="Zarządzenia dyrektora",
        show_in_menus=True,
        intro=rt(
            "Zarządzenia Dyrektora Miejsko-Gminnego Ośrodka Pomocy Społecznej w Lipowie "
            "Zdrojowym. Możesz je wyszukać po numerze (np. 12/2020) albo po słowach z tytułu."
        ),
    )
    by_number = {}
    for number, date, subject, pages, summary in ORDINANCES:
        by_number[number] = ensure_ordinance(register, number, date, subject, pages, summary)
    for old, new in REPEALS.items():
        page = by_number[old]
        if page.repealed_by_id != by_number[new].pk:
            page.status = OrdinancePage.STATUS_REPEALED
            page.repealed_by = by_number[new]
            page.save_revision().publish()
    annexed = by_number[SCANNED_ANNEX_FOR]
    if not annexed.attachments.filter(title__startswith="Załącznik").exists():
        document = scanned_document(
            "Zarządzenie nr 7/2020 – załącznik (skan)", "zarzadzenie-7-2020-zalacznik.pdf"
        )
        annexed.attachments.add(
            OrdinanceAttachment(document=document, title="Załącznik – skład komisji (skan)")
        )
        annexed.save_revision().publish()
    if large:
        load_many_ordinances(register, 5000)
    return register


def ensure_ordinance(register, number, date, subject, pages, summary):
    slug = "zarzadzenie-" + number.replace("/", "-").lower()
    existing = register.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    date = datetime.date.fromisoformat(date)
    label = f"Zarządzenie nr {number}"
    document = demo_document(
        f"{label} {subject}",
        f"{slug}.pdf",
        ordinance_paragraphs(number, date, subject, summary),
        pages=pages,
    )
    page = OrdinancePage(
        title=f"{label} {subject}",
        slug=slug,
        number=number,
        date_signed=date,
        subject=subject,
        summary=summary,
    )
    page.attachments.add(OrdinanceAttachment(document=document))
    register.add_child(instance=page)
    page.save_revision().publish()
    return OrdinancePage.objects.get(pk=page.pk)


def load_many_ordinances(register, count):
    """Scale test data: ``count`` extra ordinances sharing one PDF, without revisions.

    The search index is filled once at the end in bulk instead of page by page.
    """
    from django.db.models.signals import post_save
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.search.backends import get_search_backend

    existing = OrdinancePage.objects.child_of(register).filter(slug__startswith="skala-").count()
    if existing >= count:
        return
    document = demo_document(
        "Zarządzenie – wzór (dane testowe)",
        "zarzadzenie-wzor.pdf",
        ["Dane testowe do sprawdzenia wydajności rejestru zarządzeń."],
    )
    start = datetime.date(2000, 1, 1)
    created = []
    post_save.disconnect(post_save_signal_handler, sender=OrdinancePage)
    try:
        for i in range(existing, count):
            year = 2000 + i // 250
            number = f"{i % 250 + 101}/{year}"
            page = OrdinancePage(
                title=f"Zarządzenie nr {number} w sprawie testu wydajności {i}",
                slug=f"skala-{i}",
                number=number,
                date_signed=start + datetime.timedelta(days=(i * 365) // 250),
                subject=f"w sprawie testu wydajności {i}",
                live=True,
            )
            page.attachments.add(OrdinanceAttachment(document=document))
            register.add_child(instance=page)
            created.append(page.pk)
    finally:
        post_save.connect(post_save_signal_handler, sender=OrdinancePage)
    backend = get_search_backend()
    pages = OrdinancePage.objects.filter(pk__in=created)
    for offset in range(0, len(created), 500):
        backend.add_bulk(OrdinancePage, list(pages[offset : offset + 500]))


# --- Kontakt -----------------------------------------------------------------------------------


def load_contact(home):
    contact = home.get_children().filter(slug="kontakt").first()
    if contact is not None:
        return contact.specific
    contact = ContactPage(
        title="Kontakt",
        slug="kontakt",
        show_in_menus=True,
        intro=rt(
            "Najszybciej załatwisz sprawę telefonicznie lub osobiście. W sprawach pilnych "
            "dzwoń do sekretariatu – połączymy Cię z pracownikiem socjalnym."
        ),
        latitude="50.786512",
        longitude="16.284377",
        form_heading="Napisz do nas",
        privacy_notice=rt(
            "Administratorem Twoich danych jest Miejsko-Gminny Ośrodek Pomocy Społecznej w "
            "Lipowie Zdrojowym, ul. Słoneczna 12. Dane z formularza wykorzystamy tylko po to, "
            "aby odpowiedzieć na wiadomość, i usuniemy je po roku. Kontakt z inspektorem ochrony "
            "danych: iod@mgops-lipowo.example.pl. Masz prawo dostępu do danych, ich "
            "sprostowania, usunięcia i wniesienia skargi do Prezesa UODO.",
            "Prosimy, nie podawaj w wiadomości informacji o swoim zdrowiu ani szczegółów "
            "sprawy – porozmawiamy o nich osobiście.",
        ),
        thank_you_text=rt(
            "Odpowiemy w ciągu 3 dni roboczych. Jeśli sprawa jest pilna, zadzwoń: 74 812 34 50."
        ),
        to_address="sekretariat@mgops-lipowo.example.pl",
        from_address="strona@mgops-lipowo.example.pl",
        subject="Wiadomość ze strony internetowej ośrodka",
    )
    fields = [
        ("Imię i nazwisko", "singleline", True, ""),
        ("Adres e-mail", "email", True, "Na ten adres wyślemy odpowiedź."),
        ("Telefon", "singleline", False, "Jeśli wolisz, żebyśmy oddzwonili."),
        ("Wiadomość", "multiline", True, ""),
    ]
    for order, (label, field_type, required, help_text) in enumerate(fields):
        contact.form_fields.add(
            ContactFormField(
                sort_order=order,
                label=label,
                field_type=field_type,
                required=required,
                help_text=help_text,
            )
        )
    home.add_child(instance=contact)
    contact.save_revision().publish()
    return ContactPage.objects.get(pk=contact.pk)


# --- Statutory pages ---------------------------------------------------------------------------


def load_statutory(home):
    today = timezone.localdate()
    statement = ensure_page(
        home,
        AccessibilityStatementPage,
        "deklaracja-dostepnosci",
        title="Deklaracja dostępności",
        published_on=datetime.date(2021, 4, 12),
        updated_on=datetime.date(2026, 2, 9),
        prepared_on=datetime.date(2021, 4, 12),
        reviewed_on=min(today, datetime.date(today.year, 3, 20)),
        status=AccessibilityStatementPage.STATUS_PARTIAL,
        non_compliant_content=rt(
            "<ul><li>Część zarządzeń z 2020 roku opublikowano jako skany bez warstwy tekstowej. "
            "Na prośbę przygotujemy ich wersję tekstową.</li>"
            "<li>Niektóre filmy z lat 2020–2021 nie mają napisów.</li></ul>"
        ),
        exempt_content=rt(
            "Dokumenty opublikowane przed 23 września 2018 r. nie muszą być dostępne cyfrowo, "
            "chyba że są potrzebne do załatwienia bieżącej sprawy."
        ),
        assessment=AccessibilityStatementPage.ASSESSMENT_SELF,
        contact_person="Katarzyna Lis, koordynator do spraw dostępności",
        contact_email="dostepnosc@mgops-lipowo.example.pl",
        contact_phone="74 812 34 52",
        complaints_to=(
            "Dyrektor Miejsko-Gminnego Ośrodka Pomocy Społecznej w Lipowie Zdrojowym\n"
            "ul. Słoneczna 12, 58-321 Lipowo Zdrojowe\n"
            "e-mail: sekretariat@mgops-lipowo.example.pl"
        ),
        improvements=rt(
            "Na każdej stronie można powiększyć tekst (A, A+, A++), włączyć wysoki kontrast i "
            "zwiększone odstępy. Strona działa bez myszy i bez JavaScriptu."
        ),
        building_accessibility=rt(
            "Ośrodek mieści się w parterowym budynku przy ul. Słonecznej 12. Do głównego wejścia "
            "prowadzi podjazd dla wózków z poręczami; drzwi otwierają się automatycznie. "
            "Korytarze są szerokie, bez progów. W budynku nie ma schodów ani windy – wszystkie "
            "pokoje są na parterze.",
            "Przy wejściu jest plan budynku w druku powiększonym i w wersji dotykowej. Toaleta "
            "dla osób z niepełnosprawnościami znajduje się obok sekretariatu.",
            "Przed budynkiem są dwa miejsca parkingowe dla osób z niepełnosprawnościami. "
            "Do ośrodka można wejść z psem asystującym i psem przewodnikiem.",
        ),
        communication_accessibility=rt(
            "W sekretariacie działa przenośna pętla indukcyjna – poproś o nią przy wejściu.",
            "Osoby głuche i słabosłyszące mogą się z nami skontaktować: e-mailem "
            "(sekretariat@mgops-lipowo.example.pl), SMS-em na numer 600 812 345, przez "
            "ePUAP (/mgopslipowo/SkrytkaESP) oraz przez formularz kontaktowy.",
            "Tłumacza polskiego języka migowego zapewniamy na miejscu – zgłoś potrzebę co "
            "najmniej 3 dni robocze przed wizytą.",
        ),
    )
    easy_read = ensure_page(
        home,
        EasyReadPage,
        "informacja-etr",
        title="Informacja o ośrodku w tekście łatwym do czytania",
        lead="Tu przeczytasz w prosty sposób, czym zajmuje się nasz ośrodek.",
        body=easy_read_body(),
        text_file=easy_read_text_file(),
    )
    sign_language = ensure_page(
        home,
        SignLanguagePage,
        "informacja-pjm",
        title="Informacja o ośrodku w polskim języku migowym",
        lead="Film w polskim języku migowym (PJM) o tym, czym zajmuje się ośrodek i jak się z "
        "nami skontaktować. Pod filmem jest jego wersja tekstowa.",
        body=[
            (
                "youtube",
                {
                    "url": "https://www.youtube.com/watch?v=Lp0PjmDem0Z",
                    "title": "Miejsko-Gminny Ośrodek Pomocy Społecznej w Lipowie Zdrojowym – "
                    "informacja w PJM",
                },
            ),
            heading("Wersja tekstowa filmu"),
            paragraph(
                "Dzień dobry. Jesteśmy Miejsko-Gminnym Ośrodkiem Pomocy Społecznej w Lipowie "
                "Zdrojowym. Pomagamy mieszkańcom gminy w trudnych sytuacjach: gdy brakuje "
                "pieniędzy, gdy ktoś jest chory lub samotny, gdy w rodzinie jest przemoc.",
                "Nasz budynek jest przy ulicy Słonecznej 12. Pracujemy od poniedziałku do "
                "piątku. Możesz do nas napisać e-mail, SMS albo przyjść osobiście. Jeśli "
                "potrzebujesz tłumacza PJM, napisz do nas 3 dni wcześniej.",
            ),
        ],
    )
    privacy = ensure_page(
        home,
        PrivacyPolicyPage,
        "polityka-prywatnosci",
        title="Polityka prywatności i plików cookies",
        lead="Jak chronimy Twoje dane na tej stronie i w ośrodku.",
        body=[
            paragraph(
                "Strona nie zbiera danych osobowych, dopóki nie wyślesz wiadomości przez "
                "formularz kontaktowy. Serwer zapisuje w dziennikach adres IP i czas wizyty; "
                "dzienniki usuwamy po 30 dniach.",
                "Licznik odwiedzin nie używa plików cookies i nie zapisuje adresów IP.",
            ),
        ],
        cookies_text=rt(
            "Pliki cookies to małe pliki zapisywane przez przeglądarkę. Bez Twojej zgody "
            "używamy tylko plików niezbędnych do działania strony. Filmy z YouTube "
            "wczytujemy dopiero po wyrażeniu zgody. Zgodę możesz w każdej chwili zmienić w "
            "ustawieniach plików cookies w stopce strony."
        ),
        controller=(
            "Miejsko-Gminny Ośrodek Pomocy Społecznej w Lipowie Zdrojowym, ul. Słoneczna 12, "
            "58-321 Lipowo Zdrojowe, reprezentowany przez Dyrektora."
        ),
        dpo_contact=(
            "Tomasz Wierzbicki, e-mail: iod@mgops-lipowo.example.pl, tel. 74 812 34 59, "
            "lub listownie na adres ośrodka z dopiskiem „Inspektor ochrony danych”."
        ),
        rodo_clause=rt(
            "<ul>"
            "<li>Dane przetwarzamy, aby wykonać zadania ośrodka określone w przepisach (art. 6 "
            "ust. 1 lit. c i e RODO), a dane z formularza kontaktowego – na podstawie Twojej "
            "zgody (art. 6 ust. 1 lit. a RODO).</li>"
            "<li>Odbiorcami danych mogą być wyłącznie podmioty uprawnione z mocy prawa oraz "
            "firma, która utrzymuje serwer strony, na podstawie umowy powierzenia.</li>"
            "<li>Nie przekazujemy danych poza Europejski Obszar Gospodarczy.</li>"
            "<li>Wiadomości z formularza przechowujemy przez rok, dokumenty spraw – przez "
            "okres wynikający z przepisów o archiwach.</li>"
            "<li>Masz prawo dostępu do danych, ich sprostowania, usunięcia lub ograniczenia "
            "przetwarzania, a także prawo wycofania zgody w dowolnym momencie.</li>"
            "<li>Masz prawo wnieść skargę do Prezesa Urzędu Ochrony Danych Osobowych.</li>"
            "<li>Podanie danych w formularzu jest dobrowolne, ale bez nich nie odpowiemy.</li>"
            "<li>Nie podejmujemy decyzji w sposób zautomatyzowany ani nie profilujemy.</li>"
            "</ul>"
        ),
    )
    return {
        "statement": statement,
        "easy_read": easy_read,
        "sign_language": sign_language,
        "privacy": privacy,
    }


EASY_READ_TEXT = [
    (
        "Kim jesteśmy",
        [
            "Jesteśmy Miejsko-Gminnym Ośrodkiem Pomocy Społecznej w Lipowie Zdrojowym.",
            "Mówimy też krótko: ośrodek albo MGOPS.",
            "Nasz budynek jest przy ulicy Słonecznej 12 w Lipowie Zdrojowym.",
        ],
    ),
    (
        "Czym się zajmujemy",
        [
            "Pomagamy ludziom, którzy mają trudności.",
            "Na przykład gdy ktoś nie ma pieniędzy na jedzenie.",
            "Albo gdy ktoś jest chory i nie ma kto się nim zająć.",
            "Albo gdy ktoś w domu krzywdzi inną osobę.",
            "Dajemy pieniądze, jedzenie, pomoc w domu i dobrą radę.",
        ],
    ),
    (
        "Jak się z nami skontaktować",
        [
            "Możesz przyjść do ośrodka od poniedziałku do piątku.",
            "Możesz zadzwonić pod numer 74 812 34 50.",
            "Możesz napisać e-mail na adres sekretariat@mgops-lipowo.example.pl.",
            "Możesz napisać SMS na numer 600 812 345.",
        ],
    ),
    (
        "Jak załatwić sprawę",
        [
            "Powiedz pracownikowi, czego potrzebujesz.",
            "Pracownik pomoże Ci napisać wniosek.",
            "Pracownik może przyjść do Twojego domu.",
            "Dostaniesz od nas odpowiedź na piśmie.",
        ],
    ),
]


def easy_read_body():
    body = []
    for title, sentences in EASY_READ_TEXT:
        body.append(heading(title))
        body.append(paragraph(*sentences))
    return body


def easy_read_text_file():
    Document = get_document_model()
    title = "Informacja o ośrodku – plik tekstowy"
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    lines = []
    for section, sentences in EASY_READ_TEXT:
        lines += [section, "", *sentences, ""]
    document = Document(title=title)
    document.file.save(
        "informacja-o-osrodku.txt", ContentFile("\n".join(lines).encode("utf-8")), save=False
    )
    document.save()
    return document


# --- Settings and home -------------------------------------------------------------------------


def link_settings(site, pages):
    settings = SiteSettings.for_site(site)
    wanted = {
        "accessibility_statement": pages["statement"],
        "privacy_policy": pages["privacy"],
        "easy_read_page": pages["easy_read"],
        "sign_language_page": pages["sign_language"],
    }
    changed = False
    for field, page in wanted.items():
        if getattr(settings, f"{field}_id") is None:
            setattr(settings, field, page)
            changed = True
    if changed:
        settings.save()


def set_task_links(home, pages):
    if len(home.task_links):
        return
    links = [
        ("financial", "Pomoc finansowa", "Zasiłki dla osób i rodzin w trudnej sytuacji."),
        ("seniors", "Opieka nad osobą starszą", "Opiekunka w domu, klub seniora, DPS."),
        ("violence", "Przemoc w rodzinie", "Bezpłatna i poufna pomoc, telefony zaufania."),
        ("family", "Świadczenia rodzinne", "Zasiłek rodzinny, pielęgnacyjny, alimenty."),
        ("register", "Zarządzenia dyrektora", "Rejestr zarządzeń z plikami PDF."),
        ("contact", "Kontakt i godziny otwarcia", "Telefony działów, adres, formularz."),
    ]
    home.task_links = [
        ("task", {"title": title, "description": description, "page": pages[key], "url": ""})
        for key, title, description in links
    ]
    home.save_revision().publish()
