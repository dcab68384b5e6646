"""A WordPress export into the site: posts → news, pages → content pages, files, redirects."""

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.search import fold
from news.models import NewsCategory, NewsIndexPage, NewsPage
from pages.models import StandardPage

from .html import blocks_json, html_to_blocks, plain_text
from .media import MediaLibrary, uploads_path
from .redirects import add_redirect, old_paths
from .runner import ImportFailed, Runner, SkipItem, default_parent
from .wxr import read_export

IMPORTED_STATUSES = {"publish", "future", "draft", "pending", "private"}
LEAD_LENGTH = 300


class WordPressImport:
    def __init__(
        self,
        path,
        *,
        parent=None,
        news_index=None,
        media_folder=None,
        allow_fetch=False,
        **runner_options,
    ):
        self.path = path
        self.parent = parent
        self.news_index = news_index
        self.media_folder = media_folder
        self.allow_fetch = allow_fetch
        self.runner_options = runner_options

    def run(self):
        export = read_export(self.path)  # ImportFailed before anything is written
        source = f"wordpress:{export.base_url or export.title}"
        self.runner = runner = Runner(source, **self.runner_options)
        self.export = export
        self.attachments = export.attachments()
        self.media = MediaLibrary(
            runner, folder=self.media_folder, base_url=export.base_url, allow_fetch=self.allow_fetch
        )
        self.media.known = {
            uploads_path(a.attachment_url): (a.title, a.meta.get("_wp_attachment_image_alt", ""))
            for a in self.attachments.values()
        }
        posts = [i for i in export.of_type("post") if i.status in IMPORTED_STATUSES]
        pages = sort_parents_first(
            [i for i in export.of_type("page") if i.status in IMPORTED_STATUSES]
        )
        if posts and self.news_index is None:
            self.news_index = NewsIndexPage.objects.first()
            if self.news_index is None:
                raise ImportFailed(_("The site has no news index page to put the posts under."))
        self.parent = self.parent or default_parent()
        runner.set_total(len(posts) + len(pages))
        for item in pages:
            self.one(item, self.create_page, self.update_page)
        for item in posts:
            self.one(item, self.create_post, self.update_post)
        return runner.report

    def one(self, item, create, update):
        label = f"{item.title or _('(untitled)')} [{item.post_type} {item.post_id}]"
        self.warnings = []
        self.media.sink = self.warnings.append
        before = len(self.runner.report.errors)
        if self.runner.dry_run and (self.runner.update or not self.runner.lookup(item.source_id)):
            self.body(item)  # the warnings a real run would give (files are only looked for)
        self.runner.item(
            item.source_id, label, lambda: create(item), lambda page: update(item, page)
        )
        if len(self.runner.report.errors) > before:
            self.media.forget()
        for warning in dict.fromkeys(self.warnings):
            self.runner.report.add("warnings", f"{label}: {warning}")

    # Shared ------------------------------------------------------------------

    def body(self, item):
        return blocks_json(
            html_to_blocks(
                item.content,
                self.media,
                self.warnings.append,
                title=item.title,
                gallery_urls=self.gallery_urls,
            )
        )

    def gallery_urls(self, ids):
        found = []
        for attachment_id in ids:
            attachment = self.attachments.get(attachment_id)
            if attachment is None:
                self.warnings.append(
                    _("Gallery picture %(id)s is not in the export.") % {"id": attachment_id}
                )
                continue
            alt = attachment.meta.get("_wp_attachment_image_alt", "")
            found.append((attachment.attachment_url, alt, attachment.excerpt))
        return found

    def featured_image(self, item):
        attachment = self.attachments.get(item.meta.get("_thumbnail_id", ""))
        if attachment is None:
            return None, ""
        alt = attachment.meta.get("_wp_attachment_image_alt", "") or attachment.title
        image = self.media.image(attachment.attachment_url, attachment.title, alt)
        return image, plain_text(attachment.excerpt)[:250]

    def redirects(self, item, page):
        if self.runner.dry_run:
            return
        key = "page_id" if item.post_type == "page" else "p"
        for old_path in old_paths(item.link, (key, item.post_id)):
            add_redirect(old_path, page, self.runner.report)
        self.file_redirects()

    def file_redirects(self):
        for old_path, obj in self.media.redirects:
            add_redirect(old_path, obj, self.runner.report)
            for attachment in self.attachments.values():
                if attachment.attachment_url.endswith(old_path) and attachment.post_id:
                    for path in old_paths(attachment.link, ("attachment_id", attachment.post_id)):
                        add_redirect(path, obj, self.runner.report)
        self.media.redirects.clear()

    def publication(self, item, page):
        if item.status in ("draft", "pending", "private"):
            page.live = False
            self.warnings.append(_("Was not published on the old site: imported as a draft."))
            return "draft"
        return None

    # Pages -------------------------------------------------------------------

    def page_parent(self, item):
        if item.parent_id and item.parent_id != "0":
            parent = self.runner.lookup(f"page:{item.parent_id}")
            if parent is not None:
                return parent.specific
            self.warnings.append(_("Its parent page was not imported; placed at the top."))
        return self.parent

    def fill_page(self, item, page):
        page.title = (item.title or _("(untitled)"))[:255]
        page.lead = plain_text(item.excerpt, LEAD_LENGTH)
        page.body = self.body(item)

    def create_page(self, item):
        page = StandardPage(slug=slugify(fold(item.slug or item.title))[:80])
        self.fill_page(item, page)
        return self.save(item, page, self.page_parent(item))

    def update_page(self, item, page):
        page = page.specific
        self.fill_page(item, page)
        return self.save(item, page, None)

    # Posts -------------------------------------------------------------------

    def fill_post(self, item, post):
        post.title = (item.title or _("(untitled)"))[:255]
        post.date = (item.date or timezone.now()).replace(microsecond=0)
        post.author_name = item.author[:120]
        post.body = self.body(item)
        post.lead = plain_text(item.excerpt or item.content, LEAD_LENGTH) or post.title
        post.image, post.image_caption = self.featured_image(item)
        categories = [t for t in item.terms if t.domain == "category" and t.name]
        post.category = self.category(categories[0]) if categories else None
        # A post has one category: the others become tags, so nothing is lost.
        tags = [t.name for t in categories[1:]]
        tags += [t.name for t in item.terms if t.domain == "post_tag" and t.name]
        post.tags.set(list(dict.fromkeys(name[:100] for name in tags)))

    def category(self, term):
        existing = NewsCategory.objects.filter(name__iexact=term.name).first()
        if existing is None and term.slug:
            existing = NewsCategory.objects.filter(slug=term.slug[:80]).first()
        return existing or NewsCategory.objects.create(name=term.name[:80])

    def create_post(self, item):
        if not item.title and not item.content:
            raise SkipItem(_("empty post"))
        post = NewsPage(slug=slugify(fold(item.slug or item.title))[:80])
        self.fill_post(item, post)
        if post.slug.isdigit() or post.slug in ("rss", "atom"):
            post.slug = f"wpis-{post.slug}"
        return self.save(item, post, self.news_index)

    def update_post(self, item, post):
        post = post.specific
        self.fill_post(item, post)
        return self.save(item, post, None)

    def save(self, item, page, parent):
        runner = self.runner
        mode = runner.mode
        if self.publication(item, page) == "draft":
            runner.mode = "draft"
        if mode == "publish" and item.date:
            page.first_published_at = item.date
        try:
            runner.save_page(page, parent)
        finally:
            runner.mode = mode
        self.redirects(item, page)
        return page


def sort_parents_first(pages):
    """Pages ordered so that each comes after its parent (then by menu order)."""
    by_id = {p.post_id: p for p in pages}
    ordered, seen = [], set()

    def visit(page, trail=()):
        if page.post_id in seen or page.post_id in trail:
            return
        parent = by_id.get(page.parent_id)
        if parent is not None:
            visit(parent, (*trail, page.post_id))
        seen.add(page.post_id)
        ordered.append(page)

    for page in sorted(pages, key=lambda p: (p.menu_order, p.title)):
        visit(page)
    return ordered
