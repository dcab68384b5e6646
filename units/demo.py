"""Demo content of the units app: the facilities of the imaginary centre in Lipowo Zdrojowe.

Idempotent: the index and every unit are looked up by slug before they are created.
Dates of closures are computed from today, so a fresh demo always has some ahead.
"""

from datetime import date, time, timedelta

from wagtail.rich_text import RichText

from demo.media import demo_document, demo_image
from demo.site import PALETTES

from .hours import local_now
from .models import (
    UnitDocument,
    UnitException,
    UnitIndexPage,
    UnitOpeningHours,
    UnitPage,
    UnitPhoto,
)

MON, TUE, WED, THU, FRI = range(5)


def rt(*paragraphs):
    return RichText("".join(p if p.startswith("<") else f"<p>{p}</p>" for p in paragraphs))


def steps(*items):
    return "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"


def next_date(today, month, day):
    """The next ``day``.``month`` from today on (this year's or next year's)."""
    candidate = date(today.year, month, day)
    return candidate if candidate >= today else date(today.year + 1, month, day)


def t(value):
    return time.fromisoformat(value)


def holidays(today):
    """Christmas and New Year closures, as every unit of the centre has them."""
    eve = next_date(today, 12, 24)
    return [
        {"date": eve, "date_to": eve + timedelta(days=2), "note": "Święta Bożego Narodzenia"},
        {"date": next_date(today, 1, 1), "note": "Nowy Rok"},
    ]


def units(today):
    """The six units, in the order they appear on the site."""
    return [
        {
            "slug": "swietlica-usmiech",
            "title": "Świetlica Środowiskowa „Uśmiech”",
            "kind": UnitPage.Kind.DAY_CARE,
            "short_description": "Zajęcia, pomoc w nauce i ciepły posiłek dla dzieci "
            "w wieku 6–16 lat.",
            "photo": (
                "Świetlica „Uśmiech” – wspólne zajęcia",
                "warm",
                "people",
                "Dzieci z wychowawczynią przy wspólnym stole w świetlicy",
            ),
            "target_group": "Dzieci i młodzież w wieku szkolnym z gminy Lipowo Zdrojowe, "
            "które po lekcjach potrzebują opieki, pomocy w nauce albo po prostu miejsca, "
            "gdzie mogą spędzić czas z rówieśnikami.",
            "age_from": 6,
            "age_to": 16,
            "capacity": 30,
            "admission": steps(
                "Rodzic lub opiekun prawny składa pisemny wniosek o przyjęcie dziecka "
                "(wzór poniżej) w świetlicy albo w sekretariacie ośrodka.",
                "Dziecko może też zostać skierowane do świetlicy przez pracownika socjalnego, "
                "kuratora sądowego lub pedagoga szkolnego – wtedy wniosek rodzica "
                "dołączamy do skierowania.",
                "Kierowniczka świetlicy zaprasza rodzica na krótką rozmowę i razem ustalacie "
                "dzień, od którego dziecko zaczyna zajęcia.",
                "Udział w zajęciach i posiłek są bezpłatne.",
            ),
            "documents": [
                (
                    "Wniosek o przyjęcie dziecka do Świetlicy Środowiskowej „Uśmiech”",
                    "wniosek-swietlica-usmiech.pdf",
                    [
                        "Wniosek rodzica (opiekuna prawnego) o przyjęcie dziecka do Świetlicy "
                        "Środowiskowej „Uśmiech” w Lipowie Zdrojowym.",
                        "Imię i nazwisko dziecka: ........................................",
                        "Data urodzenia: ....................  Szkoła i klasa: "
                        "..............................",
                        "Adres zamieszkania: ..................................................",
                        "Imię i nazwisko rodzica (opiekuna): ...............................",
                        "Telefon kontaktowy: ....................",
                        "Osoby upoważnione do odbioru dziecka: ..............................",
                        "Informacje o zdrowiu dziecka ważne dla wychowawców (np. alergie): "
                        "..................",
                        "Oświadczam, że zapoznałem(-am) się z regulaminem świetlicy.",
                        "Data i podpis rodzica (opiekuna): ..............................",
                    ],
                    "Wniosek o przyjęcie dziecka do świetlicy",
                ),
                (
                    "Regulamin Świetlicy Środowiskowej „Uśmiech”",
                    "regulamin-swietlica-usmiech.pdf",
                    [
                        "§ 1. Świetlica jest placówką wsparcia dziennego prowadzoną przez "
                        "Miejsko-Gminny Ośrodek Pomocy Społecznej w Lipowie Zdrojowym.",
                        "§ 2. Świetlica jest czynna od poniedziałku do piątku w godzinach "
                        "12:00–18:00, a w czasie ferii i wakacji według osobnego planu.",
                        "§ 3. Jednocześnie w zajęciach może uczestniczyć do 30 dzieci.",
                        "§ 4. Dzieci w wieku do 7 lat są odbierane przez rodzica lub osobę "
                        "upoważnioną.",
                    ],
                    "Regulamin świetlicy",
                ),
            ],
            "street_address": "ul. Parkowa 3",
            "postal_code": "58-321",
            "city": "Lipowo Zdrojowe",
            "location_note": "parter, wejście od strony boiska",
            "phone": "74 812 34 61",
            "email": "swietlica@mgops-lipowo.example.pl",
            "contact_person": "Magdalena Wrzos, kierowniczka świetlicy",
            "hours": [(day, "12:00", "18:00", "") for day in (MON, TUE, WED, THU, FRI)],
            "hours_note": "W ferie i wakacje świetlica jest czynna od 9:00 do 15:00.",
            "exceptions": holidays(today)
            + [
                {
                    "date": today + timedelta(days=10),
                    "closed": False,
                    "opens": "12:00",
                    "closes": "15:00",
                    "note": "krócej z powodu szkolenia wychowawców",
                },
            ],
            "year_founded": 2004,
            "access_entrance": "Wejście bez progów, z podjazdem od ul. Parkowej.",
            "access_lift": "Nie jest potrzebna – wszystkie sale są na parterze.",
            "access_toilet": "Toaleta dostosowana dla osób z niepełnosprawnościami.",
            "access_parking": "Dwa miejsca dla osób z niepełnosprawnościami przed budynkiem.",
            "gallery": [
                (
                    "Świetlica „Uśmiech” – pomoc w lekcjach",
                    "blue",
                    "house",
                    "Budynek świetlicy przy ul. Parkowej",
                    "Nasz budynek przy ul. Parkowej",
                ),
                (
                    "Świetlica „Uśmiech” – zajęcia w ogrodzie",
                    "green",
                    "trees",
                    "Ogród za świetlicą z drzewami",
                    "Ogród, w którym bawimy się od wiosny",
                ),
                (
                    "Świetlica „Uśmiech” – wycieczka",
                    "evening",
                    "sun",
                    "Zachód słońca nad łąką podczas wycieczki",
                    "Wakacyjna wycieczka nad zalew",
                ),
            ],
            "body": [
                ("heading", {"text": "Jak wygląda dzień w świetlicy", "level": "h2"}),
                (
                    "paragraph",
                    rt(
                        "Po lekcjach dzieci przychodzą do nas same albo z rodzicami. Najpierw jest "
                        "czas na odrabianie lekcji – wychowawczynie pomagają w matematyce, języku "
                        "polskim i angielskim. Około 14:00 jemy wspólnie ciepły posiłek.",
                        "Popołudniami prowadzimy zajęcia plastyczne, gry planszowe, zajęcia "
                        "sportowe na boisku i warsztaty kulinarne. Raz w miesiącu jeździmy na "
                        "wycieczkę.",
                    ),
                ),
                (
                    "list",
                    {
                        "ordered": False,
                        "items": [
                            "pomoc w odrabianiu lekcji i nadrabianiu zaległości",
                            "ciepły posiłek każdego dnia",
                            "zajęcia plastyczne, muzyczne i sportowe",
                            "rozmowa z pedagogiem i wsparcie dla rodziców",
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "klub-seniora",
            "title": "Klub Seniora „Pod Lipami”",
            "kind": UnitPage.Kind.CLUB,
            "short_description": "Spotkania, zajęcia ruchowe i wycieczki dla osób po 60. "
            "roku życia.",
            "photo": (
                "Klub Seniora „Pod Lipami” – spotkanie",
                "evening",
                "people",
                "Seniorzy rozmawiają przy stole w sali klubu",
            ),
            "target_group": "Mieszkanki i mieszkańcy gminy, którzy skończyli 60 lat i chcą "
            "spędzać czas wśród ludzi. Nie trzeba być podopiecznym ośrodka.",
            "age_from": 60,
            "capacity": 40,
            "admission": steps(
                "Przyjdź na dowolne spotkanie klubu – pierwszy raz możesz po prostu "
                "posłuchać i poznać ludzi.",
                "Jeśli chcesz zostać na dłużej, wypełnij deklarację uczestnictwa "
                "(wzór poniżej lub na miejscu).",
                "Udział w zajęciach jest bezpłatny; za wycieczki płaci się tylko bilety.",
            ),
            "documents": [
                (
                    "Deklaracja uczestnictwa w Klubie Seniora „Pod Lipami”",
                    "deklaracja-klub-seniora.pdf",
                    [
                        "Deklaruję udział w zajęciach Klubu Seniora „Pod Lipami” prowadzonego "
                        "przez Miejsko-Gminny Ośrodek Pomocy Społecznej w Lipowie Zdrojowym.",
                        "Imię i nazwisko: ..................................................",
                        "Rok urodzenia: ....................  Telefon: ....................",
                        "Osoba, którą należy powiadomić w nagłej sytuacji: ...............",
                        "Data i podpis: ..............................",
                    ],
                    "Deklaracja uczestnictwa",
                ),
            ],
            "location_note": "parter, sala nr 2",
            "phone": "74 812 34 62",
            "email": "klubseniora@mgops-lipowo.example.pl",
            "contact_person": "Halina Bujak, opiekunka klubu",
            "hours": [
                (TUE, "10:00", "14:00", "gimnastyka o 10:30"),
                (WED, "15:00", "18:00", "wieczór z muzyką"),
                (THU, "10:00", "14:00", "warsztaty rękodzieła"),
            ],
            "exceptions": holidays(today),
            "year_founded": 2009,
            "access_entrance": "Główne wejście do ośrodka, bez progów; drzwi otwierane "
            "automatycznie.",
            "access_lift": "Sala klubu jest na parterze.",
            "access_toilet": "Toaleta dostosowana na parterze, obok sali.",
            "access_parking": "Parking przed ośrodkiem, jedno miejsce dla osób "
            "z niepełnosprawnościami.",
            "gallery": [
                (
                    "Klub Seniora – wycieczka do lasu",
                    "green",
                    "trees",
                    "Drzewa w lesie podczas spaceru",
                    "Jesienny spacer po lesie",
                ),
                (
                    "Klub Seniora – sala spotkań",
                    "blue",
                    "house",
                    "Budynek ośrodka, w którym spotyka się klub",
                    "Tu się spotykamy",
                ),
            ],
            "body": [
                ("heading", {"text": "Skąd się wzięliśmy", "level": "h2"}),
                (
                    "paragraph",
                    rt(
                        "Klub powstał w 2009 roku dzięki projektowi współfinansowanemu ze środków "
                        "Unii Europejskiej w ramach Europejskiego Funduszu Społecznego. Gdy "
                        "projekt się skończył, klub działał dalej – dziś prowadzi go ośrodek, "
                        "a seniorzy spotykają się regularnie trzy razy w tygodniu.",
                        "Wspólnie gotujemy, ćwiczymy, śpiewamy w chórku i jeździmy na wycieczki. "
                        "Co miesiąc zapraszamy gościa: lekarza, policjanta dzielnicowego albo "
                        "doradcę, który opowiada, jak nie dać się oszukać przez telefon.",
                    ),
                ),
            ],
        },
        {
            "slug": "punkt-nieodplatnej-pomocy-prawnej",
            "title": "Punkt nieodpłatnej pomocy prawnej",
            "kind": UnitPage.Kind.ADVICE,
            "short_description": "Bezpłatne porady adwokata i radcy prawnego – po umówieniu "
            "terminu.",
            "photo": (
                "Punkt pomocy prawnej – wejście do ośrodka",
                "blue",
                "box",
                "Teczka z dokumentami na biurku",
            ),
            "target_group": "Każdy, kto nie jest w stanie ponieść kosztów odpłatnej pomocy "
            "prawnej. Przed poradą podpisuje się krótkie oświadczenie – nie trzeba "
            "przynosić zaświadczeń o dochodach.",
            "admission": steps(
                "Zadzwoń i umów termin porady – powiedz krótko, czego dotyczy sprawa.",
                "Przyjdź o umówionej godzinie i zabierz dokumenty, które dotyczą sprawy "
                "(pisma, umowy, wyroki).",
                "Przed poradą podpiszesz oświadczenie, że nie stać Cię na odpłatną pomoc prawną.",
            ),
            "location_note": "I piętro, pokój 14",
            "phone": "74 812 34 66",
            "contact_person": "Zapisy: sekretariat ośrodka",
            "hours": [
                (MON, "08:00", "12:00", "adwokat"),
                (WED, "12:00", "16:00", "radca prawny"),
                (FRI, "14:00", "18:00", "adwokat"),
            ],
            "hours_note": "Porady po wcześniejszym umówieniu terminu. Osoby, które nie mogą "
            "przyjść, mogą poprosić o poradę przez telefon.",
            "exceptions": holidays(today),
            "access_entrance": "Główne wejście do ośrodka, bez progów.",
            "access_lift": "Winda na I piętro obok portierni.",
            "access_toilet": "Toaleta dostosowana na parterze.",
            "access_parking": "Parking przed ośrodkiem.",
        },
        {
            "slug": "stowarzyszenie-razem-dla-lipowa",
            "title": "Stowarzyszenie „Razem dla Lipowa”",
            "kind": UnitPage.Kind.ORGANISATION,
            "short_description": "Sąsiedzka pomoc, zbiórki żywności i wolontariat – "
            "ma siedzibę w naszym budynku.",
            "photo": (
                "Stowarzyszenie „Razem dla Lipowa” – zbiórka",
                "green",
                "box",
                "Pudełko z darami zebranymi podczas zbiórki żywności",
            ),
            "target_group": "Mieszkańcy, którzy potrzebują drobnej pomocy sąsiedzkiej, "
            "i ci, którzy chcą pomagać jako wolontariusze.",
            "admission": steps(
                "Przyjdź na czwartkowy dyżur albo zadzwoń.",
                "Powiedz, w czym możemy pomóc – albo jak Ty chcesz pomagać.",
            ),
            "location_note": "parter, pokój 3",
            "phone": "600 123 456",
            "email": "razem@lipowo-stowarzyszenie.example.pl",
            "contact_person": "Tomasz Lis, prezes stowarzyszenia",
            "hours": [(THU, "16:00", "18:00", "dyżur wolontariuszy")],
            "exceptions": [],
            "year_founded": 2012,
            "access_entrance": "Główne wejście do ośrodka, bez progów.",
            "access_lift": "Pokój jest na parterze.",
            "access_toilet": "Toaleta dostosowana na parterze.",
            "access_parking": "Parking przed ośrodkiem.",
            "body": [
                (
                    "paragraph",
                    rt(
                        "Stowarzyszenie jest niezależną organizacją mieszkańców; ośrodek "
                        "użycza mu pokoju w swoim budynku. Dwa razy w roku, przed świętami, "
                        "wolontariusze zbierają żywność w sklepach w Lipowie i przekazują ją "
                        "rodzinom wskazanym przez pracowników socjalnych.",
                    ),
                ),
            ],
        },
        {
            "slug": "zespol-interdyscyplinarny",
            "title": "Zespół Interdyscyplinarny",
            "kind": UnitPage.Kind.TEAM,
            "short_description": "Pomoc dla osób doznających przemocy domowej – procedura "
            "„Niebieskie Karty”.",
            "target_group": "Osoby doznające przemocy domowej, ich bliscy i świadkowie. "
            "W zespole pracują razem przedstawiciele ośrodka, policji, szkół, ochrony "
            "zdrowia, sądu i komisji rozwiązywania problemów alkoholowych.",
            "admission": steps(
                "Zadzwoń lub przyjdź do ośrodka – porozmawiasz z pracownikiem socjalnym, "
                "także bez zapowiedzi.",
                "Pracownik wyjaśni, jak działa procedura „Niebieskie Karty” i jaką pomoc "
                "możesz dostać.",
                "Grupa diagnostyczno-pomocowa zespołu umówi się z Tobą na spotkanie "
                "i wspólnie przygotujecie plan pomocy.",
            ),
            "location_note": "I piętro, pokój 11",
            "phone": "74 812 34 57",
            "email": "zespol@mgops-lipowo.example.pl",
            "contact_person": "Ewa Zając, przewodnicząca zespołu",
            "hours": [],
            "hours_note": "Zespół nie ma stałych godzin przyjęć. Zadzwoń do ośrodka "
            "w godzinach pracy – w sytuacji zagrożenia dzwoń na numer alarmowy 112.",
            "exceptions": [],
            "body": [
                (
                    "callout",
                    {
                        "title": "Potrzebujesz pomocy teraz?",
                        "text": rt(
                            "W sytuacji zagrożenia życia lub zdrowia dzwoń na numer alarmowy "
                            "<b>112</b>.",
                            "Ogólnopolskie Pogotowie dla Ofiar Przemocy w Rodzinie „Niebieska "
                            "Linia”: <b>800 120 002</b> (bezpłatnie, całą dobę).",
                        ),
                        "style": "important",
                    },
                ),
            ],
        },
        {
            "slug": "komisja-rozwiazywania-problemow-alkoholowych",
            "title": "Gminna Komisja Rozwiązywania Problemów Alkoholowych",
            "kind": UnitPage.Kind.TEAM,
            "short_description": "Rozmowy motywujące do leczenia i wsparcie dla rodzin osób "
            "uzależnionych.",
            "target_group": "Osoby, które mają problem z alkoholem, i ich rodziny. Wniosek "
            "o podjęcie działań może złożyć każdy, kto wie o problemie – także sąsiad "
            "lub pracownik socjalny.",
            "admission": steps(
                "Przyjdź na dyżur komisji albo złóż wniosek o podjęcie działań "
                "(wzór poniżej) w sekretariacie ośrodka.",
                "Komisja zaprosi osobę, której dotyczy wniosek, na rozmowę i zaproponuje leczenie.",
                "Rodzina może w tym czasie skorzystać z porad i grupy wsparcia.",
            ),
            "documents": [
                (
                    "Wniosek o podjęcie działań przez Gminną Komisję Rozwiązywania "
                    "Problemów Alkoholowych",
                    "wniosek-gkrpa.pdf",
                    [
                        "Wniosek o podjęcie działań wobec osoby nadużywającej alkoholu.",
                        "Imię i nazwisko osoby, której dotyczy wniosek: ...................",
                        "Adres: ..................................................",
                        "Opis sytuacji: ..................................................",
                        "Imię, nazwisko i telefon wnioskodawcy: ..........................",
                        "Data i podpis: ..............................",
                    ],
                    "Wniosek o podjęcie działań przez komisję",
                ),
            ],
            "location_note": "I piętro, pokój 12",
            "phone": "74 812 34 68",
            "contact_person": "Jan Kruk, przewodniczący komisji",
            "hours": [(WED, "15:00", "17:00", "dyżur członka komisji")],
            "exceptions": holidays(today),
        },
    ]


def ensure_index(home):
    index = UnitIndexPage.objects.child_of(home).filter(slug="placowki").first()
    if index:
        return index
    index = UnitIndexPage(
        title="Placówki",
        slug="placowki",
        show_in_menus=True,
        intro="Miejsca, które prowadzimy, i organizacje, które działają w naszym budynku. "
        "Sprawdź, kiedy są otwarte, jak do nich trafić i jak się zapisać.",
        search_description="Świetlica „Uśmiech”, Klub Seniora, punkt nieodpłatnej pomocy "
        "prawnej i inne placówki w Lipowie Zdrojowym: godziny otwarcia i kontakt.",
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return UnitIndexPage.objects.get(pk=index.pk)


def ensure_unit(index, spec):
    existing = UnitPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if existing:
        return existing
    fields = {
        key: spec[key]
        for key in (
            "slug",
            "title",
            "kind",
            "short_description",
            "target_group",
            "age_from",
            "age_to",
            "capacity",
            "admission",
            "street_address",
            "postal_code",
            "city",
            "location_note",
            "phone",
            "email",
            "contact_person",
            "hours_note",
            "year_founded",
            "access_entrance",
            "access_lift",
            "access_toilet",
            "access_parking",
        )
        if key in spec
    }
    unit = UnitPage(**fields)
    if "photo" in spec:
        title, palette, motif, alt = spec["photo"]
        unit.photo = demo_image(title, PALETTES[palette], motif, alt)
    unit.body = spec.get("body", [])
    unit.hours = [
        UnitOpeningHours(weekday=day, opens=t(opens), closes=t(closes), note=note, sort_order=i)
        for i, (day, opens, closes, note) in enumerate(spec["hours"])
    ]
    unit.exceptions = [
        UnitException(
            date=row["date"],
            date_to=row.get("date_to"),
            closed=row.get("closed", True),
            opens=t(row["opens"]) if row.get("opens") else None,
            closes=t(row["closes"]) if row.get("closes") else None,
            note=row.get("note", ""),
            sort_order=i,
        )
        for i, row in enumerate(spec.get("exceptions", []))
    ]
    unit.documents = [
        UnitDocument(
            document=demo_document(title, filename, paragraphs), title=link_text, sort_order=i
        )
        for i, (title, filename, paragraphs, link_text) in enumerate(spec.get("documents", []))
    ]
    unit.gallery_photos = [
        UnitPhoto(
            image=demo_image(title, PALETTES[palette], motif, alt), caption=caption, sort_order=i
        )
        for i, (title, palette, motif, alt, caption) in enumerate(spec.get("gallery", []))
    ]
    index.add_child(instance=unit)
    unit.save_revision().publish()
    return unit


def load(ctx):
    index = ensure_index(ctx["home"])
    today = local_now().date()
    ctx["units"] = {spec["slug"]: ensure_unit(index, spec) for spec in units(today)}
    ctx["units_index"] = index
    return ctx
