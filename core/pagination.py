from django.core.paginator import Paginator

# The ``?page=`` values a listing accepts, for its ``cache_query_params`` (pagecache).
PAGE_PARAM_PATTERN = r"[1-9][0-9]{0,3}"


def paginate(request, items, per_page):
    """The one pagination helper of every listing.

    A bad ``?page=`` (not a number, zero, negative) gives the first page; a
    number past the end gives the last page. Never an error.
    """
    paginator = Paginator(items, per_page)
    raw = request.GET.get("page", "1")
    try:
        number = int(raw)
    except (TypeError, ValueError):
        number = 1
    number = max(1, min(number, paginator.num_pages))
    if "page" in request.GET and raw != str(number):
        # Not the page asked for (past the end, or not a number): rendered, never cached,
        # so made-up page numbers cannot fill the page cache.
        request.skip_page_cache = True
    return paginator.page(number)


def page_window(page_obj, around=2):
    """Page numbers to show: first, last and a window around the current one, None for gaps."""
    last = page_obj.paginator.num_pages
    current = page_obj.number
    wanted = {1, last, *range(current - around, current + around + 1)}
    numbers = sorted(n for n in wanted if 1 <= n <= last)
    window = []
    previous = 0
    for n in numbers:
        if n - previous > 1:
            window.append(None)
        window.append(n)
        previous = n
    return window
