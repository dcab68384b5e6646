"""The site search's starter synonyms (``data/search.toml``), each group made once."""

from search.models import SearchSynonym

from .loader import data


def load(ctx):
    existing = set(SearchSynonym.objects.values_list("terms", flat=True))
    SearchSynonym.objects.bulk_create(
        [
            SearchSynonym(terms=terms)
            for terms in data("search")["synonyms"]
            if terms not in existing
        ]
    )
    return ctx
