"""deferred_indexing: a page saved many times is indexed once, and still found and tracked."""

import json

from modelsearch import index as search_index
from wagtail.models import Page, ReferenceIndex

from core.bulk_pages import deferred_indexing
from demo.media import demo_document
from pages.models import StandardPage


def test_pages_saved_inside_are_indexed_once_and_found(home, monkeypatch):
    calls = []
    original = search_index.insert_or_update_object
    monkeypatch.setattr(
        search_index,
        "insert_or_update_object",
        lambda instance: calls.append(instance.pk) or original(instance),
    )
    document = demo_document("Regulamin świetlicy", "regulamin.pdf", ["Tekst."], 1)
    body = [
        {
            "type": "paragraph",
            "value": f'<p>Pobierz <a linktype="document" id="{document.pk}">regulamin</a>.</p>',
        }
    ]
    calls.clear()
    with deferred_indexing():
        page = StandardPage(title="Zajęcia wakacyjne w bibliotece", slug="zajecia")
        home.add_child(instance=page)
        page.body = json.dumps(body)
        page.save_revision().publish()
        assert calls == []  # nothing indexed while the block runs
    assert calls.count(page.pk) == 1
    assert list(Page.objects.live().search("wakacyjne")) == [page.page_ptr]
    uses = ReferenceIndex.get_grouped_references_to(document)
    assert [obj.pk for obj, _references in uses] == [page.pk]


def test_saves_outside_are_indexed_as_usual_again(home):
    with deferred_indexing():
        pass
    page = StandardPage(title="Punkt konsultacyjny dla rodzin", slug="punkt")
    home.add_child(instance=page)
    page.save_revision().publish()
    assert list(Page.objects.live().search("konsultacyjny")) == [page.page_ptr]
