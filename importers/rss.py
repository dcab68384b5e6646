"""News from an RSS 2.0 or Atom feed file: title, date, body, enclosure images.

Items are matched by their GUID (Atom: ``id``), else their link, so a second run of
the same feed, or of a newer one that repeats old items, creates nothing twice.
"""

from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.search import fold
from news.models import NewsIndexPage, NewsPage

from .html import blocks_json, html_to_blocks, plain_text
from .media import MediaLibrary
from .redirects import add_redirect, old_paths
from .runner import ImportFailed, Runner, SkipItem
from .wxr import CONTENT_NS, child_text, local, namespace, parse_xml

ATOM_NS = "http://www.w3.org/2005/Atom"


@dataclass
class FeedItem:
    guid: str
    title: str
    link: str
    date: datetime | None
    html: str
    summary: str
    image_url: str


def feed_date(text):
    text = (text or "").strip()
    if not text:
        return None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        moment = parse_datetime(text.replace("Z", "+00:00"))
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def read_feed(path):
    """(feed title, feed link, items), or ImportFailed for anything that is not a feed."""
    root = parse_xml(path)
    if local(root.tag) == "rss" and root.find("channel") is not None:
        channel = root.find("channel")
        return child_text(channel, "title"), child_text(channel, "link"), rss_items(channel)
    if local(root.tag) == "feed" and namespace(root.tag) == ATOM_NS:
        link = next(
            (
                e.get("href", "")
                for e in root
                if local(e.tag) == "link" and e.get("rel", "alternate") == "alternate"
            ),
            "",
        )
        return child_text(root, "title"), link, atom_items(root)
    raise ImportFailed(_("This is not an RSS or Atom feed."))


def rss_items(channel):
    for element in channel.findall("item"):
        enclosure = element.find("enclosure")
        image = ""
        if enclosure is not None and enclosure.get("type", "").startswith("image/"):
            image = enclosure.get("url", "")
        html = child_text(element, "encoded", CONTENT_NS) or child_text(element, "description")
        yield FeedItem(
            guid=child_text(element, "guid") or child_text(element, "link"),
            title=child_text(element, "title"),
            link=child_text(element, "link"),
            date=feed_date(child_text(element, "pubDate") or child_text(element, "date")),
            html=html,
            summary=child_text(element, "description")
            if html != child_text(element, "description")
            else "",
            image_url=image,
        )


def atom_items(root):
    for entry in root:
        if local(entry.tag) != "entry":
            continue
        link, image = "", ""
        for element in entry:
            if local(element.tag) == "link":
                rel = element.get("rel", "alternate")
                if rel == "alternate" and not link:
                    link = element.get("href", "")
                elif rel == "enclosure" and element.get("type", "").startswith("image/"):
                    image = element.get("href", "")
        yield FeedItem(
            guid=child_text(entry, "id") or link,
            title=child_text(entry, "title"),
            link=link,
            date=feed_date(child_text(entry, "published") or child_text(entry, "updated")),
            html=child_text(entry, "content") or child_text(entry, "summary"),
            summary=child_text(entry, "summary"),
            image_url=image,
        )


class FeedImport:
    def __init__(self, path, *, news_index=None, media_folder=None, allow_fetch=False, **options):
        self.path = path
        self.news_index = news_index
        self.media_folder = media_folder
        self.allow_fetch = allow_fetch
        self.options = options

    def run(self):
        title, link, items = read_feed(self.path)
        items = list(items)
        runner = self.runner = Runner(f"feed:{link or title}", **self.options)
        index = self.news_index or NewsIndexPage.objects.first()
        if index is None:
            raise ImportFailed(_("The site has no news index page to put the posts under."))
        self.media = MediaLibrary(
            runner, folder=self.media_folder, base_url=link, allow_fetch=self.allow_fetch
        )
        runner.set_total(len(items))
        for item in items:
            label = item.title or item.guid or _("(untitled)")
            warnings = []
            runner.item(
                item.guid or item.link or item.title,
                label,
                lambda item=item, w=warnings: self.create(item, index, w),
                lambda post, item=item, w=warnings: self.fill_and_save(
                    item, post.specific, None, w
                ),
            )
            for warning in dict.fromkeys(warnings):
                runner.report.add("warnings", f"{label}: {warning}")
        return runner.report

    def create(self, item, index, warnings):
        if not item.title:
            raise SkipItem(_("no title"))
        post = NewsPage(slug=slugify(fold(item.title))[:80])
        if post.slug.isdigit() or post.slug in ("rss", "atom"):
            post.slug = f"wpis-{post.slug}"
        return self.fill_and_save(item, post, index, warnings)

    def fill_and_save(self, item, post, parent, warnings):
        post.title = item.title[:255]
        post.date = (item.date or timezone.now()).replace(microsecond=0)
        if item.date is None:
            warnings.append(_("No date in the feed: dated today."))
        post.body = blocks_json(
            html_to_blocks(item.html, self.media, warnings.append, title=item.title)
        )
        post.lead = plain_text(item.summary or item.html, 300) or post.title
        if item.image_url:
            post.image = self.media.image(item.image_url, item.title, "")
        if self.runner.mode == "publish":
            post.first_published_at = post.date
        self.runner.save_page(post, parent)
        for old_path in old_paths(item.link):
            add_redirect(old_path, post, self.runner.report)
        return post
