"""News (``data/news.toml``): the news index, its categories and posts over two years.

Dates are relative to the moment the demo is loaded (seasonal posts keep their day of
the year), so the home page always shows fresh news.
"""

import datetime

from django.utils import timezone

from news.models import NewsCategory, NewsIndexPage, NewsPage

from . import blocks
from .loader import data, ensure_page


def load(ctx):
    spec = data("news")
    index = ensure_page(ctx["home"], NewsIndexPage, spec["index"]["slug"], lambda: index_page(spec))
    categories = {
        item["slug"]: NewsCategory.objects.get_or_create(
            slug=item["slug"], defaults={"name": item["name"]}
        )[0]
        for item in spec["category"]
    }
    now = ctx.get("now") or timezone.now()
    for post in spec["post"]:
        ensure_post(index, categories, post, now, spec["index"]["image_caption"], ctx)
    if ctx.get("large"):
        from .scale import NEWS_COUNT, load_many_posts

        load_many_posts(index, NEWS_COUNT)
    ctx["news_index"] = ctx["pages"]["news"] = index
    return ctx


def index_page(spec):
    fields = {name: spec["index"][name] for name in ("title", "intro", "search_description")}
    return NewsIndexPage(show_in_menus=True, **fields)


def moment(spec, now):
    """``{days_ago}`` (two hours earlier in the day), ``{years_ago, month, day}`` or a date,
    at 10:00."""
    tz = timezone.get_current_timezone()
    if isinstance(spec, datetime.date):
        return timezone.make_aware(datetime.datetime(spec.year, spec.month, spec.day, 10, 0), tz)
    if "days_ago" in spec:
        return now - datetime.timedelta(days=spec["days_ago"], hours=2)
    year = now.year - spec.get("years_ago", 0)
    result = timezone.make_aware(datetime.datetime(year, spec["month"], spec["day"], 10, 0), tz)
    return result if result <= now else result.replace(year=result.year - 1)


def ensure_post(index, categories, spec, now, default_caption, ctx, project=None):
    existing = NewsPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing
    date = moment(spec["date"], now)
    post = NewsPage(
        title=spec["title"],
        slug=spec["slug"],
        date=date,
        lead=spec["lead"],
        image=blocks.picture(spec["image"]),
        image_caption=spec.get("caption", default_caption),
        category=categories.get(spec.get("category")),
        pinned=spec.get("pinned", False),
        project=project,
        body=blocks.stream(spec.get("body", []), ctx),
    )
    index.add_child(instance=post)
    post.save_revision().publish()
    # A first publication "now" would hide the demo dates from Wagtail's history.
    NewsPage.objects.filter(pk=post.pk).update(first_published_at=date)
    return post
