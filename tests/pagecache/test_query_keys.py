"""What keys the page cache and what a cached page may reflect (issue 22, findings 5 and 6)."""

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.test import Client

from pagecache import middleware as page_cache
from tests.factories import make_index, make_many_posts, make_register

TRACKING = "utm_source=newsletter&utm_campaign=zima&fbclid=IwAR0abc&gclid=xyz123"


def entry_count():
    """Pages stored in the shared cache: the local-memory one, or this worker's Redis."""
    backend = page_cache.page_cache()
    if isinstance(backend, LocMemCache):
        return sum(page_cache.ENTRY_KEY_PREFIX in key for key in backend._cache)
    if isinstance(backend, RedisCache):
        client = backend._cache.get_client()
        return sum(
            1 for _ in client.scan_iter(match=backend.make_key(page_cache.ENTRY_KEY_PREFIX) + "*")
        )
    raise AssertionError(f"cannot count the entries of {type(backend).__name__}")


def x_cache(response):
    return response.get("X-Cache")


class TestFlooding:
    """Finding 6: 100 × /?status=floodN made 100 entries."""

    def test_parameters_a_page_ignores_make_no_entries(self, client, site_settings):
        assert client.get("/").status_code == 200
        assert entry_count() == 1
        responses = [client.get(f"/?status=flood{n}") for n in range(100)]
        assert {r.status_code for r in responses} == {200}
        assert entry_count() == 1
        assert {x_cache(r) for r in responses} == {"HIT"}

    def test_even_the_first_request_stores_the_canonical_entry(self, client, site_settings):
        assert client.get("/?status=flood").status_code == 200
        assert x_cache(client.get("/")) == "HIT"
        assert entry_count() == 1

    def test_values_a_listing_does_not_accept_make_no_entries(self, client, home):
        register = make_register(home)
        client.get(register.url)
        for n in range(20):
            response = client.get(f"{register.url}?status=flood{n}&rok=20{n:02d}x")
            assert response.status_code == 200
        assert entry_count() == 1

    def test_page_numbers_past_the_end_make_no_entries(self, client, home):
        index = make_index(home)
        make_many_posts(index, 3, images=False)
        client.get(index.url)
        for n in range(2, 30):
            assert client.get(f"{index.url}?page={n}").status_code == 200
        assert entry_count() == 1

    def test_real_listing_pages_are_still_cached_apart(self, client, home):
        index = make_index(home)
        make_many_posts(index, 25, images=False)
        first = client.get(f"{index.url}?page=2").content
        assert x_cache(client.get(f"{index.url}?page=2&status=x")) == "HIT"
        assert client.get(index.url).content != first
        assert entry_count() == 2


class TestTrackingParameters:
    """Finding 5: tracking parameters were left out of the key but written into the page."""

    def test_they_are_not_reflected_into_the_cached_page(self, home):
        first = Client().get(f"/?{TRACKING}")
        assert first.status_code == 200
        assert 'name="next"' in first.content.decode()
        for response in (first, Client().get("/")):
            body = response.content.decode()
            for word in ("utm_source", "utm_campaign", "fbclid", "IwAR0abc", "gclid"):
                assert word not in body, word

    def test_pagination_links_keep_the_listing_parameters_only(self, client, home):
        index = make_index(home)
        make_many_posts(index, 25, images=False)
        body = client.get(f"{index.url}?page=2&{TRACKING}").content.decode()
        assert "page=1" in body or "?page=" in body
        for word in ("utm_source", "fbclid", "gclid"):
            assert word not in body, word
