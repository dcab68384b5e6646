"""News: one index page (with archive, category filter and feeds) and the posts under it."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage
from wagtail.models import Page
from wagtail.search import index

from core.formatting import json_script_text
from core.media import rendition_or_none
from core.models import BasePage, SiteSettings
from core.pagination import PAGE_PARAM_PATTERN
from core.restrictions import public
from core.search import fold
from projects.linked import project_with_strip

from .blocks import NewsBodyBlock
from .forms import NewsPageForm

POSTS_PER_PAGE = 10
FEED_ITEMS = 20
MIN_ARCHIVE_YEAR = 1990
CATEGORY_PARAM = "kategoria"
TAG_PARAM = "tag"
# Sub-routes of the index; a post may not take one of these as its slug.
RESERVED_SLUG = re.compile(r"^(\d{4}|rss|atom)$")
OG_IMAGE_SPEC = "fill-1200x630|format-jpeg"


def prefetch_renditions(images):
    """Load every rendition of ``images`` in one query (templates then ask for none)."""
    images = [image for image in images if image is not None]
    if images:
        prefetch_related_objects(images, Prefetch("renditions", to_attr="prefetched_renditions"))
    return images


def stream_images(value):
    """All images inside a StreamField value (image blocks, galleries, logo strips)."""
    if isinstance(value, AbstractImage):
        yield value
    elif isinstance(value, StreamValue):
        for child in value:
            yield from stream_images(child.value)
    elif isinstance(value, StructValue):
        for child in value.values():
            yield from stream_images(child)
    elif isinstance(value, (ListValue, list, tuple)):
        for child in value:
            yield from stream_images(child)


def feed_urls(index_url):
    """Addresses of the index's feeds (the routes ``rss`` and ``atom``)."""
    if not index_url:
        return {}
    return {"rss_url": index_url + "rss/", "atom_url": index_url + "atom/"}


class NewsCategory(models.Model):
    name = models.CharField(
        _("name"), max_length=80, unique=True, help_text=_("E.g. 'Seniorzy', 'Pomoc żywnościowa'.")
    )
    slug = models.SlugField(
        _("address fragment"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_(
            "Used in the address of the filtered list, e.g. 'seniorzy'. "
            "Leave empty to make it from the name."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(fold(self.name))[:80] or "kategoria"
        super().save(*args, **kwargs)


class NewsIndexPage(RoutablePageMixin, BasePage):
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences shown above the list of news."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["website.HomePage"]
    subpage_types = ["news.NewsPage"]
    cache_query_params = {
        "page": PAGE_PARAM_PATTERN,
        CATEGORY_PARAM: r"[-a-z0-9]{1,50}",
        TAG_PARAM: r"[-\w]{1,100}",  # Taggit keeps Polish letters in slugs
    }
    max_count = 1
    search_weight = 0.5

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def search_texts(self):
        return super().search_texts() + [self.intro]

    # Queries -----------------------------------------------------------------

    def posts(self, now=None):
        """Published, public posts of this index whose date has come, newest first."""
        now = now or timezone.now()
        return (
            public(NewsPage.objects.live().descendant_of(self))
            .filter(date__lte=now)
            .select_related("image", "category")
            .order_by("-date", "-pk")
        )

    def feed_posts(self):
        return list(self.posts()[:FEED_ITEMS])

    # Routes ------------------------------------------------------------------

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.render(request, context_overrides=self.listing_context(request))

    @re_path(r"^(\d{4})/$", name="year")
    def year_archive(self, request, year):
        return self.render(request, context_overrides=self.listing_context(request, year))

    @re_path(r"^(\d{4})/(\d{2})/$", name="month")
    def month_archive(self, request, year, month):
        return self.render(request, context_overrides=self.listing_context(request, year, month))

    @path("rss/", name="rss")
    def rss_feed(self, request):
        from .feeds import NewsRssFeed

        return NewsRssFeed(self, request)(request)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        from .feeds import NewsAtomFeed

        return NewsAtomFeed(self, request)(request)

    # Listing -----------------------------------------------------------------

    def feed_urls(self):
        return feed_urls(self.url)

    def listing_context(self, request, year=None, month=None):
        from .listing import listing_context

        return listing_context(self, request, year, month)

    def archive(self, posts):
        from .listing import archive

        return archive(self, posts)


class NewsPageTag(TaggedItemBase):
    """A free tag of a post (WordPress tags come in as these, issue 19)."""

    content_object = ParentalKey("news.NewsPage", on_delete=models.CASCADE, related_name="tagged")


class NewsPage(BasePage):
    date = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        help_text=_(
            "Shown with the post and used to order the news. A date in the future "
            "publishes the post automatically at that moment; the “Schedule publishing” "
            "dialog sets this same date."
        ),
    )
    lead = models.TextField(
        _("lead"),
        max_length=600,
        help_text=_(
            "One to three sentences: what happened and who it concerns. Shown in lists, "
            "in the feed and when the post is shared."
        ),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown at the top of the post and as its thumbnail. Describe the picture "
            "in the image's description (alternative text)."
        ),
    )
    image_caption = models.CharField(
        _("image caption"),
        max_length=250,
        blank=True,
        help_text=_("E.g. who is in the photo or who took it."),
    )
    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
        help_text=_("Residents can list the news of one category."),
    )
    author_name = models.CharField(
        _("author"),
        max_length=120,
        blank=True,
        help_text=_("Who wrote the post, as text (filled in by the import from the old site)."),
    )
    tags = ClusterTaggableManager(
        verbose_name=_("tags"), through=NewsPageTag, blank=True, help_text=_("Free keywords.")
    )
    pinned = models.BooleanField(
        _("pin on the home page"),
        default=False,
        help_text=_(
            "Shows the post first in the news on the home page. If several posts are "
            "pinned, only the newest one is."
        ),
    )
    project = models.ForeignKey(
        "projects.ProjectPage",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_posts",
        help_text=_(
            "The co-financed project the post is about: the post shows a link to the project "
            "and its logo strip, and the project's page lists the post."
        ),
    )
    body = StreamField(
        NewsBodyBlock(),
        verbose_name=_("content"),
        blank=True,
        help_text=_("Text, photos, gallery, attachments, video and funders' logos."),
    )

    base_form_class = NewsPageForm
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldPanel("category"),
                FieldPanel("author_name"),
                FieldPanel("tags"),
                FieldPanel("pinned"),
                FieldPanel("project"),
            ],
            heading=_("Publication"),
        ),
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_caption")], heading=_("Main image")
        ),
        FieldPanel("body"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("lead"),
        index.FilterField("date"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")
        indexes = [models.Index(fields=["date", "page_ptr"], name="news_date_pk_idx")]

    def search_texts(self):
        return (
            super().search_texts() + [self.lead, self.image_caption] + self.stream_texts(self.body)
        )

    def search_date(self):
        return timezone.localtime(self.date).date() if self.date else None

    def clean(self):
        super().clean()
        if self.slug and RESERVED_SLUG.match(self.slug):
            raise ValidationError(
                {"slug": _("This address is reserved for the news archive; please change it.")}
            )
        if self.date:
            # Whole seconds: HTML's <time datetime> allows at most three decimal digits.
            self.date = self.date.replace(microsecond=0)
        # A post dated in the future waits for its date: Wagtail's scheduled publishing
        # keeps it off the site (lists, feed, search, sitemap) until then.
        if self.date and self.date > timezone.now():
            self.go_live_at = self.date

    @property
    def is_visible_now(self):
        return self.date <= timezone.now()

    def get_sitemap_urls(self, request=None):
        if not self.is_visible_now:
            return []
        return super().get_sitemap_urls(request)

    def news_index_url(self, request=None):
        """The index's address, from the post's own (a post always sits right under it)."""
        url = self.get_url(request)
        if not url:
            return ""
        return url[: url.rstrip("/").rfind("/") + 1]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        project, strip = project_with_strip(self.project_id)
        images = [self.image, *stream_images(self.body), *(sign.image for sign in strip)]
        prefetch_renditions(images)
        news_index_url = self.news_index_url(request)
        canonical = self.get_full_url(request)
        og_image = rendition_or_none(self.image, OG_IMAGE_SPEC)
        og_image_url = request.build_absolute_uri(og_image.url) if og_image else ""
        tags = sorted(self.tags.all(), key=lambda tag: fold(tag.name))
        context.update(
            {
                "news_index_url": news_index_url,
                "tags": tags,
                "project": project,
                "project_strip": strip,
                "canonical_url": canonical,
                "og_image": og_image,
                "og_image_url": og_image_url,
                "json_ld": json_script_text(
                    self.structured_data(request, canonical, og_image_url, tags)
                ),
                **feed_urls(news_index_url),
            }
        )
        return context

    def structured_data(self, request, canonical, image_url, tags=()):
        site_settings = SiteSettings.for_request(request)
        organisation = {"@type": "Organization", "name": site_settings.name}
        root_url = request.build_absolute_uri("/")
        organisation["url"] = root_url
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "description": self.lead,
            "datePublished": self.date.isoformat(),
            "dateModified": (self.last_published_at or self.date).isoformat(),
            "inLanguage": "pl",
            "mainEntityOfPage": canonical,
            "url": canonical,
            "author": (
                {"@type": "Person", "name": self.author_name} if self.author_name else organisation
            ),
            "publisher": organisation,
        }
        if tags:
            data["keywords"] = [tag.name for tag in tags]
        if image_url:
            data["image"] = [image_url]
        if self.category_id and self.category:
            data["articleSection"] = self.category.name
        return data
