"""The news section of the home page: the pinned post, then the newest ones."""

from django.db.models import Case, IntegerField, Subquery, When

from .models import NewsIndexPage, prefetch_renditions

# The pinned post (if any) and the newest ones: four cards in all.
HOME_POSTS = 4


def home_section(request, home_page):
    news_index = NewsIndexPage.objects.live().descendant_of(home_page).first()
    if news_index is None:
        return None
    posts = news_index.posts()
    # One query: the newest pinned post first (only the newest one counts), then by date.
    newest_pinned = posts.filter(pinned=True).values("pk")[:1]
    items = list(
        posts.annotate(
            on_top=Case(
                When(pk=Subquery(newest_pinned), then=1), default=0, output_field=IntegerField()
            )
        ).order_by("-on_top", "-date", "-pk")[:HOME_POSTS]
    )
    pinned = items[0] if items and items[0].on_top else None
    if pinned:
        pinned.is_highlighted = True
    prefetch_renditions(post.image for post in items)
    return {
        "template": "news/includes/home_section.html",
        "context": {
            "index": news_index,
            "posts": items,
            "pinned": pinned,
            **news_index.feed_urls(),
        },
    }
