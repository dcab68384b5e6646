"""Wagtail's database search backend, also writing the site search's own page records.

``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend"}}``: the backend
for the database in use (SQLite FTS5 or PostgreSQL), whose index also stores a
``SearchDocument`` (ranking keys, excerpt text) and the site's words for every page it
indexes and drops them with the page. Every way of indexing passes through ``add_items``
(publishing, ``update_index``, the demo loader's deferred indexing, bulk scale data), so
the records never lag behind the index.
"""

from modelsearch.backends.database import SearchBackend as database_backend


class DocumentIndexMixin:
    def add_items(self, model, items):
        super().add_items(model, items)
        from .documents import store

        store(items)

    def delete_item(self, item):
        super().delete_item(item)
        from .documents import forget

        forget(item)


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in a backend module
    backend = database_backend(params)
    index_class = backend.index_class
    if not issubclass(index_class, DocumentIndexMixin):
        backend.index_class = type(
            f"Document{index_class.__name__}", (DocumentIndexMixin, index_class), {}
        )
    return backend
