"""The site search results page (issue 16)."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, Site
from wagtail.search.utils import normalise_query_string

from core.search import MAX_QUERY_LENGTH, exact_matches, fold

from . import stats
from .excerpts import excerpt
from .models import SearchDocument
from .query import (
    CANDIDATES,
    all_keys,
    candidates,
    fills_every_slot,
    parse,
    rank,
    slots,
    synonym_groups,
    with_vocabulary,
)

RESULTS_PER_PAGE = 10
SECTION_PARAMETER = "dzial"


def single(request, name):
    value = request.GET.get(name, "")
    return value.strip() if isinstance(value, str) else ""


def page_number(request):
    raw = single(request, "page")
    return int(raw) if raw.isdigit() and len(raw) < 6 else 1


def sections(request):
    """The site's top-level pages (Aktualności, Placówki, …): the result labels and filters."""
    site = Site.find_for_request(request)
    if site is None:
        return None, []
    home = site.root_page
    children = list(home.get_children().live().only("id", "path", "title", "slug", "depth"))
    return home, children


def section_of(document, home, children):
    for child in children:
        if document is not None and document.section_path == child.path:
            return child
    return home


def promotions(raw_query):
    """Staff's promoted results (Wagtail's search promotions) for the query as typed.

    With or without Polish letters alike: the few promoted queries are compared folded.
    """
    wanted = fold(normalise_query_string(raw_query))
    found = []
    for promotion in SearchPromotion.objects.select_related("query", "page").order_by("sort_order"):
        if fold(promotion.query.query_string) != wanted:
            continue
        if promotion.page_id and not promotion.page.live:
            continue
        found.append(promotion)
    return found


@never_cache
@require_safe
def search(request):
    raw_query = single(request, "q")[:MAX_QUERY_LENGTH].replace("\x00", "")
    context = {"search_query": raw_query, "cleaned_query": "", "results": [], "result_count": 0}
    parsed = parse(raw_query)
    if not parsed:
        return TemplateResponse(request, "search/results.html", context)

    typed = parsed
    home, children = sections(request)
    section_slug = single(request, SECTION_PARAMETER)
    section = next((child for child in children if child.slug == section_slug), None)
    exact = exact_matches(raw_query) if section is None else []
    if exact:
        # The number is answered by the ordinance it names; "12" and "2020" alone
        # would match every ordinance of 2020.
        parsed = [word for word in parsed if not word.text.isdigit()]
    parsed = with_vocabulary(parsed)
    query_slots = slots(parsed, synonym_groups())
    queryset = Page.objects.live().filter(depth__gt=1)
    if home is not None:
        queryset = queryset.filter(path__startswith=home.path)
    if section is not None:
        queryset = queryset.filter(path__startswith=section.path)
    ranked = rank(candidates(queryset, query_slots), query_slots) if query_slots else []

    number = page_number(request)
    promoted = promotions(raw_query) if number == 1 and section is None else []
    ranked = ordered(ranked, exact, {p.page_id for p in promoted if p.page_id})

    paginator = Paginator(ranked, RESULTS_PER_PAGE)
    page_obj = paginator.page(min(max(number, 1), paginator.num_pages))
    keys = set(all_keys(query_slots))
    results = [
        result_item(request, page, document, keys, home, children)
        for page, document in page_obj.object_list
    ]
    suggestion = " ".join(word.suggestion or word.text for word in parsed)
    if stats.should_record(request) and number == 1 and section is None:
        stats.record(stats.normalise(typed), zero_results=not ranked and not promoted)
    context.update(
        cleaned_query=" ".join(word.text for word in typed),
        page_obj=page_obj,
        results=results,
        result_count=paginator.count,
        capped=paginator.count >= CANDIDATES,
        promoted=promoted,
        partial=bool(ranked)
        and not any(fills_every_slot(document, query_slots) for _p, document in ranked[:10]),
        suggestion=suggestion if any(word.suggestion for word in parsed) else "",
        sections=[child for child in children if child.title],
        current_section=section,
        section_parameter=SECTION_PARAMETER,
    )
    return TemplateResponse(request, "search/results.html", context)


def ordered(ranked, exact, promoted_ids):
    """Ordinances named by their number first, then the rest; promoted pages shown apart."""
    exact_ids = [page.pk for page in exact]
    by_pk = {page.pk: (page, document) for page, document in ranked}
    missing = [pk for pk in exact_ids if pk not in by_pk]
    documents = SearchDocument.objects.in_bulk(missing) if missing else {}
    front = [by_pk.get(page.pk) or (page, documents.get(page.pk)) for page in exact]
    skip = set(exact_ids) | promoted_ids
    return front + [item for item in ranked if item[0].pk not in skip]


def result_item(request, page, document, keys, home, children):
    section = section_of(document, home, children)
    return {
        "title": page.title,
        "url": page.get_url(request),
        "section": section.title if section is not None else "",
        "date": document.date if document is not None else None,
        "excerpt": excerpt(document.excerpt_text, keys) if document is not None else "",
    }
