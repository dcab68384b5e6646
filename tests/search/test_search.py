"""The site search with small data built by factories: words, excerpts, synonyms,
promoted results, suggestions, sections, statistics without personal data, hostile
input and a query count that does not grow with content (issue 16)."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from core.bulk_pages import index_for_search
from news.models import NewsPage
from pages.models import StandardPage
from search.excerpts import excerpt
from search.models import SearchDocument, SearchQueryDay, SearchSynonym, SearchTerm
from search.query import edit_distance
from tests.factories import make_index, make_many_posts, make_post
from tests.support import BOT_UA

BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"
VISIT_TABLES = re.compile(r'"website_(dailyvisits|pageviews|visit\w*)"')
TITLES = re.compile(r'class="search-results__title"><a href="([^"]+)">([^<]+)<')


def search(client, query, **params):
    response = client.get("/szukaj/", {"q": query, **params}, HTTP_USER_AGENT=BROWSER_UA)
    assert response.status_code == 200
    return response.content.decode()


def titles(html):
    return [title for _href, title in TITLES.findall(html)]


def add_page(parent, title, paragraphs=(), **fields):
    body = [("paragraph", f"<p>{text}</p>") for text in paragraphs]
    page = StandardPage(title=title, body=body, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    index_for_search(StandardPage.objects.filter(pk=page.pk))
    return StandardPage.objects.get(pk=page.pk)


@pytest.fixture
def help_pages(site_settings):
    home = site_settings.site.root_page.specific
    section = add_page(home, "Jak pomagamy", ["Wybierz sprawę: pomoc finansowa, opieka."])
    money = add_page(
        section,
        "Pomoc finansowa",
        [
            "Zasiłek stały, okresowy i celowy dla osób o niskich dochodach.",
            "Wniosek złożysz w ośrodku.",
        ],
    )
    care = add_page(
        section,
        "Dom pomocy społecznej",
        ["Pomagamy złożyć wniosek o skierowanie <b>do domu</b> pomocy społecznej."],
    )
    return home, section, money, care


class TestWordsAndRanking:
    def test_inflected_form_finds_the_page_and_marks_the_words(self, client, help_pages):
        html = search(client, "zasiłku celowego")
        assert titles(html)[0] == "Pomoc finansowa"
        assert "<mark>Zasiłek</mark>" in html
        assert "<mark>celowy</mark>" in html

    def test_detail_page_above_the_section_that_links_to_it(self, client, help_pages):
        assert titles(search(client, "pomoc finansowa"))[0] == "Pomoc finansowa"

    def test_partial_match_when_not_every_word_is_on_the_site(self, client, help_pages):
        html = search(client, "zasiłek xyzabc kwantowy")
        assert titles(html)[0] == "Pomoc finansowa"
        assert "Części wpisanych słów nie ma na żadnej stronie" in html

    def test_section_label_in_residents_words_never_a_type_name(self, client, help_pages):
        html = search(client, "zasiłek")
        assert '<p class="search-results__type">Jak pomagamy</p>' in html
        assert "Strona zwykła" not in html

    def test_section_filter(self, client, help_pages, site_settings):
        home = help_pages[0]
        add_page(home, "O nas", ["Wypłacamy zasiłek od 1990 roku."])
        everywhere = titles(search(client, "zasiłek"))
        assert "O nas" in everywhere
        narrowed = search(client, "zasiłek", dzial="jak-pomagamy")
        assert "O nas" not in titles(narrowed)
        assert "Pomoc finansowa" in titles(narrowed)
        assert 'aria-current="page">Jak pomagamy</a>' in narrowed

    def test_draft_and_private_text_never_shown(self, client, help_pages):
        home = help_pages[0]
        draft = StandardPage(title="Tajny projekt zasiłku", live=False)
        home.add_child(instance=draft)
        draft.save_revision()
        index_for_search(StandardPage.objects.filter(pk=draft.pk))
        html = search(client, "tajny projekt")
        assert "Tajny" not in html
        # Its words are not offered as a spelling suggestion either.
        assert not SearchTerm.objects.filter(word="tajny").exists()


class TestExcerpts:
    def test_everything_but_the_mark_is_escaped(self):
        html = excerpt('<script>alert("x")</script> zasiłek & <b>celowy</b>', {"zasilek"})
        assert "<script>" not in html
        assert "&lt;script&gt;" in html
        assert "<mark>zasiłek</mark> &amp; &lt;b&gt;celowy&lt;/b&gt;" in html

    def test_window_around_the_matched_words(self):
        text = "Początek. " * 60 + "Tu jest świetlica dla dzieci. " + "Koniec. " * 60
        html = excerpt(text, {"swietlica"})
        assert html.startswith("… ")
        assert "<mark>świetlica</mark>" in html
        assert len(html) < 320

    def test_no_text_no_excerpt(self):
        assert excerpt("", {"x"}) == ""


class TestSynonymsPromotionsSuggestions:
    def test_synonym_staff_added_finds_the_page(self, client, help_pages):
        assert "Dom pomocy społecznej" not in titles(search(client, "DPS"))
        SearchSynonym.objects.create(terms="DPS, dom pomocy społecznej")
        assert titles(search(client, "DPS"))[0] == "Dom pomocy społecznej"

    def test_promoted_result_comes_first(self, client, help_pages):
        care = help_pages[3]
        query = Query.get("pieniądze")
        SearchPromotion.objects.create(query=query, page=care, sort_order=0, description="Opis")
        html = search(client, "Pieniądze")
        assert html.index("Polecane") < html.index("Dom pomocy społecznej")
        assert search(client, "pieniadze").count("Dom pomocy społecznej") >= 1

    def test_typo_gets_a_suggestion_with_a_link_and_results(self, client, help_pages):
        html = search(client, "zasilke celowy")
        assert "Czy chodziło Ci o:" in html
        assert re.search(
            r'<a href="/szukaj/\?q=zasi%C5%82ek(%20|\+)celowy">zasiłek celowy</a>', html
        )
        assert titles(html)[0] == "Pomoc finansowa"

    def test_zero_results_suggest_and_give_the_phone(self, client, help_pages):
        html = search(client, "qqqqxxxx")
        assert "Nic nie znaleźliśmy" in html
        assert 'href="tel:' in html

    def test_edit_distance(self):
        assert edit_distance("swietlca", "swietlica", 2) == 1
        assert edit_distance("zasilke", "zasilek", 2) == 1  # a swap counts one
        assert edit_distance("abcdef", "uvwxyz", 2) == 3  # capped past the limit


class TestStatistics:
    def test_counts_per_query_and_day_nothing_personal(self, client, help_pages):
        for _ in range(3):
            client.get(
                "/szukaj/", {"q": "Zasiłku"}, HTTP_USER_AGENT=BROWSER_UA, REMOTE_ADDR="203.0.113.9"
            )
        client.get("/szukaj/", {"q": "qqqqxxxx"}, HTTP_USER_AGENT=BROWSER_UA)
        rows = {row.query: row for row in SearchQueryDay.objects.all()}
        assert rows["zasiłku"].count == 3
        assert rows["zasiłku"].zero_results is False
        assert rows["qqqqxxxx"].zero_results is True
        fields = {field.name for field in SearchQueryDay._meta.get_fields()}
        assert fields == {"id", "day", "query", "count", "zero_results"}
        stored = " ".join(
            str(value) for row in SearchQueryDay.objects.values() for value in row.values()
        )
        assert "203.0.113.9" not in stored and "Chrome" not in stored

    def test_bots_long_numbers_and_later_pages_not_recorded(self, client, help_pages):
        client.get("/szukaj/", {"q": "zasiłek"}, HTTP_USER_AGENT=BOT_UA)
        client.get("/szukaj/", {"q": "zasiłek"})  # no user agent: a tool
        client.get("/szukaj/", {"q": "zasiłek", "page": "2"}, HTTP_USER_AGENT=BROWSER_UA)
        assert not SearchQueryDay.objects.exists()
        search(client, "zasiłek 90010112345")
        assert list(SearchQueryDay.objects.values_list("query", flat=True)) == ["zasiłek"]

    def test_admin_report_and_purge(self, admin_client, help_pages):
        today = datetime.date.today()
        SearchQueryDay.objects.create(day=today, query="becikowe", count=4, zero_results=True)
        SearchQueryDay.objects.create(day=today, query="zasiłek", count=9)
        SearchQueryDay.objects.create(
            day=today - datetime.timedelta(days=45), query="przedawnione", count=1
        )
        html = admin_client.get("/admin/wyszukiwane-frazy/").content.decode()
        assert "Frazy bez wyników" in html and "becikowe" in html and "zasiłek" in html
        assert "przedawnione" not in html
        call_command("purge_search_queries", verbosity=0)
        assert set(SearchQueryDay.objects.values_list("query", flat=True)) == {
            "becikowe",
            "zasiłek",
        }


class TestHostileInput:
    @pytest.mark.parametrize(
        "query",
        [
            '"', '"zasiłek', "zasiłek\"'`", "AND OR NOT NEAR(", "zasiłek OR 1=1 --", "*", "^",
            "a" * 1000, "zasiłek " * 200, "\x00zasiłek\x00", "\x00", "i w z na do",
            "czy jak gdzie", "😀 ✓ ∑", "ściana\u202e", "column:value", "-zasiłek", "{}[]()",
            "<script>alert(1)</script>",
        ],
    )  # fmt: skip
    def test_a_normal_page_never_an_error(self, client, help_pages, query):
        html = search(client, query)
        assert "<script>alert(1)</script>" not in html

    def test_only_stop_words_ask_for_a_word(self, client, help_pages):
        html = search(client, "i w z na do")
        assert "Wpisz słowo, którego szukasz" in html
        assert not SearchQueryDay.objects.exists()


class TestScale:
    def test_query_count_does_not_grow_with_content(self, client, help_pages):
        home = help_pages[0]
        index = make_index(home)
        make_post(index, "Zasiłek celowy na opał", body=[])

        def count():
            with CaptureQueriesContext(connection) as queries:
                search(client, "zasiłek celowy swietlca")
            # The visit counter folds its counts into rows now and then: not the search's.
            self.queries = [
                query["sql"][:150] for query in queries if not VISIT_TABLES.search(query["sql"])
            ]
            return len(self.queries)

        search(client, "zasiłek celowy swietlca")  # caches of the site and settings filled
        small = count()
        small_queries = self.queries
        posts = make_many_posts(index, 60, images=False)
        for post in posts:
            post.lead = "Zasiłek celowy i świetlica dla dzieci."
            post.save()
        index_for_search(NewsPage.objects.all())
        assert SearchDocument.objects.count() > 60
        large = count()
        assert large == small, "\n".join(["small:", *small_queries, "large:", *self.queries])
        assert small <= 20
