"""What the news index lists: all posts, a year or month, a category or tag, page by page.

Every list is one query for the posts (with their image and category) and one for the
count; the archive of years and months is one more, the categories one.
"""

from datetime import datetime
from urllib.parse import quote

from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext

from core.pagination import paginate

from .models import (
    CATEGORY_PARAM,
    MIN_ARCHIVE_YEAR,
    POSTS_PER_PAGE,
    TAG_PARAM,
    NewsCategory,
    NewsPageTag,
    prefetch_renditions,
)


def listing_context(index, request, year=None, month=None):
    """The context of the news index at ``/``, ``/<year>/`` or ``/<year>/<month>/``."""
    year = int(year) if year is not None else None
    month = int(month) if month is not None else None
    if year is not None and not MIN_ARCHIVE_YEAR <= year <= timezone.localdate().year + 1:
        raise Http404("No archive for this year.")
    if month is not None and not 1 <= month <= 12:
        raise Http404("No such month.")

    categories = list(NewsCategory.objects.all())
    category = None
    raw_category = request.GET.get(CATEGORY_PARAM, "")
    if raw_category:
        category = next((c for c in categories if c.slug == raw_category), None)
        if category is None:
            raise Http404("No such category.")
    tag = None
    raw_tag = request.GET.get(TAG_PARAM, "")
    if raw_tag:
        link = NewsPageTag.objects.filter(tag__slug=raw_tag).select_related("tag").first()
        if link is None:
            raise Http404("No such tag.")
        tag = link.tag

    all_posts = index.posts()
    posts = all_posts
    if year is not None:
        tz = timezone.get_current_timezone()
        if month is None:
            start, end = datetime(year, 1, 1), datetime(year + 1, 1, 1)
        else:
            start = datetime(year, month, 1)
            end = datetime(year + (month == 12), month % 12 + 1, 1)
        posts = posts.filter(
            date__gte=timezone.make_aware(start, tz), date__lt=timezone.make_aware(end, tz)
        )
    if category is not None:
        posts = posts.filter(category=category)
    if tag is not None:
        posts = posts.filter(tagged__tag=tag)

    page_obj = paginate(request, posts, POSTS_PER_PAGE)
    if year is not None and not (category or tag) and page_obj.paginator.count == 0:
        raise Http404("No news in this period.")
    items = list(page_obj.object_list)
    prefetch_renditions(post.image for post in items)

    archive = index.archive(all_posts)
    if year is not None and month is not None:
        period = date_format(datetime(year, month, 1), "F Y")
        if get_language().startswith("pl"):
            period = period.lower()  # Polish month names are not capitalised mid-sentence
        route = index.reverse_subpage("month", args=[f"{year:04d}", f"{month:02d}"])
    elif year is not None:
        period = str(year)
        route = index.reverse_subpage("year", args=[f"{year:04d}"])
    else:
        period = ""
        route = ""
    query = []
    if category:
        query.append(f"{CATEGORY_PARAM}={category.slug}")
    if tag:
        query.append(f"{TAG_PARAM}={quote(tag.slug)}")
    if page_obj.number > 1:
        query.append(f"page={page_obj.number}")
    canonical = (index.get_full_url(request) or "") + route.lstrip("/")
    if query:
        canonical += "?" + "&".join(query)

    return {
        "posts": items,
        "page_obj": page_obj,
        "categories": categories,
        "current_category": category,
        "current_tag": tag,
        # What the listing is narrowed to, for the title and heading: "Zdrowie, maj 2024".
        "filter_title": ", ".join(
            part
            for part in (
                category.name if category else "",
                gettext("tag “%(name)s”") % {"name": tag.name} if tag else "",
                period,
            )
            if part
        ),
        "year": year,
        "month": month,
        "period": period,
        "archive_years": archive,
        "archive_months": next((y["months"] for y in archive if y["year"] == year), []),
        "canonical_url": canonical,
        "is_filtered": bool(year or category or tag or page_obj.number > 1),
        **index.feed_urls(),
    }


def archive(index, posts):
    """Years (newest first) with their months that have posts: one query."""
    years = {}
    for moment in posts.order_by().datetimes("date", "month", order="DESC"):
        years.setdefault(moment.year, []).append(moment)
    base = index.url or ""
    return [
        {
            "year": year,
            "url": f"{base}{year:04d}/",
            "months": [{"date": m, "url": f"{base}{year:04d}/{m.month:02d}/"} for m in months],
        }
        for year, months in years.items()
    ]
