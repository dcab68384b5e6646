"""Queries as residents type them, against the demo site: the right page comes first.

Inflected forms, words without Polish letters, typos, several words of which only some
occur on the site, synonyms from the demo's starter list and ordinance numbers. The
demo is loaded once for the module (a few seconds); run it on PostgreSQL too with
DATABASE_URL. The first result is the first link in the result list (promoted results,
none in the demo, would come before it).
"""

import re

import pytest

QUERIES = [
    # Inflected forms and folding
    ("świetlicę", "/placowki/swietlica-usmiech/"),
    ("swietlica", "/placowki/swietlica-usmiech/"),
    ("świetlicy dla dzieci", "/placowki/swietlica-usmiech/"),
    ("seniorów", "/placowki/klub-seniora/"),
    ("klub seniora", "/placowki/klub-seniora/"),
    ("zasiłku", "/jak-pomagamy/pomoc-finansowa/zasilek-celowy/"),
    ("zasilek", "/jak-pomagamy/pomoc-finansowa/zasilek-celowy/"),
    ("zasiłek celowy", "/jak-pomagamy/pomoc-finansowa/zasilek-celowy/"),
    ("zasiłku rodzinnego", "/jak-pomagamy/swiadczenia-rodzinne/"),
    ("zasiłek pielęgnacyjny", "/jak-pomagamy/swiadczenia-rodzinne/"),
    ("funduszu alimentacyjnego", "/jak-pomagamy/swiadczenia-rodzinne/"),
    ("alimenty", "/jak-pomagamy/swiadczenia-rodzinne/"),
    ("nieodpłatna pomoc prawna", "/placowki/punkt-nieodplatnej-pomocy-prawnej/"),
    ("pomocy prawnej", "/placowki/punkt-nieodplatnej-pomocy-prawnej/"),
    ("niebieska karta", "/jak-pomagamy/pomoc-w-kryzysie/niebieska-karta/"),
    ("przemocy domowej", "/jak-pomagamy/pomoc-w-kryzysie/niebieska-karta/"),
    ("dodatek mieszkaniowy", "/jak-pomagamy/pomoc-finansowa/dodatek-mieszkaniowy/"),
    ("pomoc finansowa", "/jak-pomagamy/pomoc-finansowa/"),
    ("opieka nad starszą osobą", "/jak-pomagamy/opieka-nad-osoba-starsza/"),
    ("usług opiekuńczych", "/jak-pomagamy/wsparcie-i-opieka/uslugi-opiekuncze/"),
    ("paczki żywnościowe", "/aktualnosci/wydawanie-paczek-zywnosciowych/"),
    ("stypendium szkolne", "/aktualnosci/stypendia-szkolne-wnioski/"),
    ("wolontariusz", "/aktualnosci/szukamy-wolontariuszy-dobry-sasiad/"),
    ("warsztaty dla rodziców", "/aktualnosci/warsztaty-dla-rodzicow-nastolatkow/"),
    ("spotkanie wigilijne", "/aktualnosci/wigilia-w-klubie-seniora/"),
    ("dzień dziecka", "/aktualnosci/dzien-dziecka-na-stadionie/"),
    ("deklaracji dostępności", "/deklaracja-dostepnosci/"),
    ("problemów alkoholowych", "/placowki/komisja-rozwiazywania-problemow-alkoholowych/"),
    ("zespołu interdyscyplinarnego", "/placowki/zespol-interdyscyplinarny/"),
    ("polskim języku migowym", "/informacja-pjm/"),
    ("misja", "/o-nas/misja/"),
    # Typos
    ("swietlca", "/placowki/swietlica-usmiech/"),
    ("klub senjora", "/placowki/klub-seniora/"),
    ("zasilke", "/jak-pomagamy/pomoc-finansowa/zasilek-celowy/"),
    ("alimenyt", "/jak-pomagamy/swiadczenia-rodzinne/"),
    # Words the site never uses, stop words, partial matches
    ("godziny otwarcia klubu seniora", "/placowki/klub-seniora/"),
    ("jak dostać zasiłek", "/jak-pomagamy/pomoc-finansowa/zasilek-staly/"),
    ("gdzie jest świetlica", "/placowki/swietlica-usmiech/"),
    ("gdzie złożyć wniosek o zasiłek rodzinny", "/jak-pomagamy/swiadczenia-rodzinne/"),
    # Synonyms (demo starter list)
    ("DPS", "/jak-pomagamy/wsparcie-i-opieka/dom-pomocy-spolecznej/"),
    ("dom pomocy społecznej", "/jak-pomagamy/wsparcie-i-opieka/dom-pomocy-spolecznej/"),
    ("GOPS kontakt", "/kontakt/"),
    # Ordinances by number, subject and the text of their PDF
    ("12/2020", "/zarzadzenia/zarzadzenie-12-2020/"),
    ("zarządzenie 12 2020", "/zarzadzenia/zarzadzenie-12-2020/"),
    ("zarzadzenie nr 19/2020", "/zarzadzenia/zarzadzenie-19-2020/"),
    ("obowiązki pracowników ośrodka", "/zarzadzenia/zarzadzenie-3-2020/"),
    ("komisja inwentaryzacyjna", "/zarzadzenia/zarzadzenie-7-2020/"),
    ("służbowe telefony komórkowe", "/zarzadzenia/zarzadzenie-2-2021/"),
    ("instrukcji obiegu dokumentów", "/zarzadzenia/zarzadzenie-27-2020/"),
    # Words of the subject, also in the text of the PDF
    ("stanu zagrożenia epidemicznego", "/zarzadzenia/zarzadzenie-12-2020/"),
    ("koordynatora dostępności", "/zarzadzenia/zarzadzenie-8-2021/"),
]  # fmt: skip

FIRST_RESULT = re.compile(r'class="search-results__title"><a href="([^"]+)"')

# Marked django_db as a whole, so pytest-django runs them before the transactional tests.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_once")]


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[q for q, _ in QUERIES])
def test_the_page_that_answers_comes_first(client, query, expected):
    response = client.get("/szukaj/", {"q": query})
    assert response.status_code == 200
    first = FIRST_RESULT.search(response.content.decode())
    assert first is not None, f"{query!r}: no results"
    assert first.group(1) == expected, f"{query!r}: first is {first.group(1)}"


@pytest.mark.django_db
def test_of_equal_ordinances_the_newest_comes_first(client):
    """Days off are set every year: this year's ordinance answers "dni wolne od pracy"."""
    from pages.models import OrdinancePage

    newest = OrdinancePage.objects.filter(subject__contains="dni wolnych").latest("date_signed")
    first = FIRST_RESULT.search(
        client.get("/szukaj/", {"q": "dni wolne od pracy"}).content.decode()
    )
    assert first.group(1) == newest.url


def test_the_table_is_large_enough():
    assert len(QUERIES) >= 40
