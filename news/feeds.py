"""RSS 2.0 and Atom feeds of the news index: the newest posts, absolute links."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from core.models import SiteSettings


class NewsRssFeed(Feed):
    """Built per request (it keeps the request for absolute links)."""

    feed_type = Rss201rev2Feed
    route_name = "rss"

    def __init__(self, index, request):
        super().__init__()
        self.index = index
        self.request = request
        self.site_settings = SiteSettings.for_request(request)

    def get_object(self, request, *args, **kwargs):
        return self.index

    def title(self, index):
        return f"{index.title} – {self.site_settings.name}"

    def link(self, index):
        return index.get_full_url(self.request)

    def feed_url(self, index):
        return self.link(index) + self.route_name + "/"

    def description(self, index):
        return index.intro or _("News from %(name)s") % {"name": self.site_settings.name}

    def items(self, index):
        return index.feed_posts()

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.lead

    def item_link(self, post):
        return post.get_full_url(self.request)

    def item_guid(self, post):
        return self.item_link(post)

    def item_pubdate(self, post):
        return post.date

    def item_updateddate(self, post):
        return post.last_published_at or post.date

    def item_categories(self, post):
        return [post.category.name] if post.category else []


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    route_name = "atom"

    def subtitle(self, index):
        return self.description(index)
