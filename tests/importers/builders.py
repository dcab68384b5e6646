# ruff: noqa: E501 - long lines are the literal HTML and XML of the old site
"""Test files built in code: a realistic WordPress export, feeds, registers, tiny media."""

import io
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from xml.sax.saxutils import escape

from PIL import Image as PILImage

BASE = "https://stary.ops-testowo.pl"
CATEGORIES = [
    ("seniorzy", "Seniorzy"),
    ("pomoc-zywnosciowa", "Pomoc żywnościowa"),
    ("ogloszenia", "Ogłoszenia"),
]
YOUTUBE_ID = "dQw4w9WgXcQ"


def png_bytes(colour=(200, 30, 30), size=(8, 6)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def pdf_bytes(text="Zarządzenie"):
    body = (
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
        f"% {text}\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    return body.encode("latin-1", "replace")


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


@dataclass
class Entry:
    post_id: int
    title: str
    post_type: str = "post"
    content: str = ""
    excerpt: str = ""
    date: datetime = datetime(2020, 1, 1, 10, 0)
    slug: str = ""
    status: str = "publish"
    parent: int = 0
    author: str = "anna"
    categories: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    attachment_url: str = ""

    @property
    def link(self):
        if self.post_type == "post":
            return f"{BASE}/{self.date:%Y/%m}/{self.slug}/"
        if self.post_type == "attachment":
            return f"{BASE}/?attachment_id={self.post_id}"
        return f"{BASE}/{self.slug}/"

    def xml(self):
        terms = "".join(
            f'<category domain="category" nicename="{slug}">{cdata(name)}</category>'
            for slug, name in self.categories
        ) + "".join(
            f'<category domain="post_tag" nicename="{slug}">{cdata(name)}</category>'
            for slug, name in self.tags
        )
        meta = "".join(
            f"<wp:postmeta><wp:meta_key>{k}</wp:meta_key><wp:meta_value>{cdata(str(v))}</wp:meta_value></wp:postmeta>"
            for k, v in self.meta.items()
        )
        attachment = (
            f"<wp:attachment_url>{escape(self.attachment_url)}</wp:attachment_url>"
            if self.attachment_url
            else ""
        )
        gmt = self.date - timedelta(hours=1)
        return f"""
  <item>
    <title>{escape(self.title)}</title>
    <link>{escape(self.link)}</link>
    <pubDate>{self.date:%a, %d %b %Y %H:%M:%S} +0000</pubDate>
    <dc:creator>{cdata(self.author)}</dc:creator>
    <guid isPermaLink="false">{BASE}/?p={self.post_id}</guid>
    <description></description>
    <content:encoded>{cdata(self.content)}</content:encoded>
    <excerpt:encoded>{cdata(self.excerpt)}</excerpt:encoded>
    <wp:post_id>{self.post_id}</wp:post_id>
    <wp:post_date>{cdata(f"{self.date:%Y-%m-%d %H:%M:%S}")}</wp:post_date>
    <wp:post_date_gmt>{cdata(f"{gmt:%Y-%m-%d %H:%M:%S}")}</wp:post_date_gmt>
    <wp:post_name>{cdata(self.slug)}</wp:post_name>
    <wp:status>{cdata(self.status)}</wp:status>
    <wp:post_parent>{self.parent}</wp:post_parent>
    <wp:menu_order>0</wp:menu_order>
    <wp:post_type>{cdata(self.post_type)}</wp:post_type>
    {attachment}{terms}{meta}
  </item>"""


def wxr_text(entries, encoding="UTF-8"):
    items = "".join(e.xml() for e in entries)
    return f"""<?xml version="1.0" encoding="{encoding}"?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>OPS Testowo</title>
  <link>{BASE}</link>
  <language>pl-PL</language>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>{BASE}</wp:base_site_url>
  <wp:base_blog_url>{BASE}</wp:base_blog_url>
  <wp:author><wp:author_id>1</wp:author_id><wp:author_login>{cdata("anna")}</wp:author_login><wp:author_display_name>{cdata("Anna Kowalska")}</wp:author_display_name></wp:author>
  <wp:author><wp:author_id>2</wp:author_id><wp:author_login>{cdata("jan")}</wp:author_login><wp:author_display_name>{cdata("Jan Nowak")}</wp:author_display_name></wp:author>
  {items}
</channel>
</rss>
"""


class SiteBuilder:
    """An old WordPress site: entries for the export and the files of its uploads folder."""

    def __init__(self, root):
        self.root = root
        self.uploads = root / "uploads"
        self.uploads.mkdir(parents=True, exist_ok=True)
        self.entries = []
        self.next_id = 1000

    def new_id(self):
        self.next_id += 1
        return self.next_id

    def file(self, relative, data):
        path = self.uploads / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return f"{BASE}/wp-content/uploads/{relative}"

    def attachment(self, relative, data, title, alt="", caption="", write=True):
        url = self.file(relative, data) if write else f"{BASE}/wp-content/uploads/{relative}"
        entry = Entry(
            self.new_id(), title, post_type="attachment", status="inherit",
            slug=relative.rsplit("/", 1)[-1].split(".")[0], excerpt=caption, attachment_url=url,
            meta={"_wp_attachment_image_alt": alt} if alt else {},
        )  # fmt: skip
        self.entries.append(entry)
        return entry

    def add(self, entry):
        self.entries.append(entry)
        return entry

    def write(self, name="export.xml", encoding="UTF-8"):
        path = self.root / name
        codec = {"UTF-8": "utf-8", "windows-1250": "cp1250", "ISO-8859-2": "iso-8859-2"}[encoding]
        path.write_bytes(wxr_text(self.entries, encoding).encode(codec))
        return path


def realistic_site(root, posts=32, encoding="UTF-8"):
    """The export the tests check item by item (see ``test_wordpress``)."""
    spacing = 73 if posts <= 40 else 6  # days: seven years either way, all in the past
    site = SiteBuilder(root)
    photo = site.attachment(
        "2019/05/festyn.png", png_bytes((10, 120, 40)), "Festyn rodzinny", alt="Dzieci na festynie"
    )
    site.attachment("2019/06/festyn-kopia.png", png_bytes((10, 120, 40)), "Ten sam festyn")
    g1 = site.attachment(
        "2020/02/g1.png",
        png_bytes((1, 2, 3)),
        "Wigilia 1",
        alt="Stół wigilijny",
        caption="Wigilia w klubie",
    )
    g2 = site.attachment("2020/02/g2.png", png_bytes((4, 5, 6)), "Wigilia 2", alt="Kolędy")
    site.attachment("2021/03/wniosek.pdf", pdf_bytes("Wniosek"), "Wniosek o zasiłek")
    site.attachment("2022/01/brak.png", b"", "Brakujące zdjęcie", write=False)
    site.file("2019/05/festyn-300x200.png", png_bytes((10, 120, 40)))
    start = datetime(2016, 3, 1, 9, 30)
    specials = {
        0: (
            "Festyn rodzinny w Testowie",
            '<p>Zapraszamy na <strong style="color:red">festyn</strong>.</p>\n'
            f'[caption id="attachment_{photo.post_id}" align="alignleft" width="300"]'
            f'<img class="size-medium" src="{BASE}/wp-content/uploads/2019/05/festyn-300x200.png" alt="Dzieci na festynie" />'
            " Dzieci bawiły się świetnie[/caption]\n\nDrugi akapit.",
        ),
        1: ("Wigilia w klubie seniora", f'Było miło.\n\n[gallery ids="{g1.post_id},{g2.post_id}"]'),
        2: (
            "Nowy wzór wniosku",
            f'<p>Wniosek do pobrania: <a href="{BASE}/wp-content/uploads/2021/03/wniosek.pdf">kliknij tutaj</a>.</p>',
        ),
        3: (
            "Film o naszej świetlicy",
            f'<p>Zobacz film.</p><iframe width="560" height="315" src="https://www.youtube.com/embed/{YOUTUBE_ID}" '
            'title="Świetlica od środka" frameborder="0"></iframe><iframe src="https://tracker.example.com/x"></iframe>',
        ),
        4: (
            "Zażółć gęślą jaźń — źdźbło",
            f'<h2>Ważne</h2><p>Łódź, Świętokrzyskie, Żółw. Ąę óśćź. <a href="{BASE}/kontakt/">Kontakt z nami</a></p>'
            "<table><tr><th>Dzień</th><th>Godziny</th></tr><tr><td>Poniedziałek</td><td>8–16</td></tr></table>",
        ),
        5: (
            "Zepsuty HTML",
            "<div><p>Niezamknięty akapit <b>pogrubiony <i>kursywa</p><ul><li>raz<li>dwa</ul>"
            '<script>alert("x")</script><a href="javascript:alert(1)" onclick="x()">zły link</a>'
            '[contact-form-7 id="12" title="Kontakt"]<span style="font-family:Comic Sans">tekst</span>',
        ),
        6: (
            "Zdjęcie, którego nie ma",
            f'<img src="{BASE}/wp-content/uploads/2022/01/brak.png" alt="Nic" />',
        ),
        7: (
            "Ta sama fotografia",
            f'<img src="{BASE}/wp-content/uploads/2019/06/festyn-kopia.png" alt="Kopia" />',
        ),
    }
    for number in range(posts):
        title, content = specials.get(
            number,
            (
                f"Aktualność numer {number}",
                f"<p>Treść aktualności {number}.</p>\n\nDrugi akapit {number}.",
            ),
        )
        slug = f"aktualnosc-{number}" if number not in specials else f"wpis-specjalny-{number}"
        categories = [CATEGORIES[number % 3]] + (
            [CATEGORIES[(number + 1) % 3]] if number % 5 == 0 else []
        )
        site.add(
            Entry(
                site.new_id(), title, content=content, slug=slug,
                date=start + timedelta(days=spacing * number), author="anna" if number % 2 else "jan",
                categories=categories, tags=[("lato", "lato"), ("gmina", "gmina")] if number % 4 == 0 else [],
                meta={"_thumbnail_id": photo.post_id} if number % 7 == 0 else {},
                excerpt="Krótki wstęp." if number == 8 else "",
            )
        )  # fmt: skip
    site.add(
        Entry(
            site.new_id(),
            "Szkic niepublikowany",
            content="<p>Jeszcze nie.</p>",
            slug="szkic",
            status="draft",
        )
    )
    about = site.add(
        Entry(
            site.new_id(), "O nas", post_type="page", content="<p>Kim jesteśmy.</p>", slug="o-nas"
        )
    )
    history = site.add(
        Entry(
            site.new_id(),
            "Historia",
            post_type="page",
            content="<p>Od 1990 roku.</p>",
            slug="historia",
            parent=about.post_id,
        )
    )
    site.add(
        Entry(
            site.new_id(),
            "Pierwsze lata",
            post_type="page",
            content="<p>Początki.</p>",
            slug="pierwsze-lata",
            parent=history.post_id,
        )
    )
    site.add(
        Entry(
            site.new_id(),
            "Kadra",
            post_type="page",
            content="<p>Nasi pracownicy.</p>",
            slug="kadra",
            parent=about.post_id,
        )
    )
    site.add(
        Entry(
            site.new_id(),
            "Kontakt",
            post_type="page",
            content="<p>ul. Próbna 1</p>",
            slug="kontakt",
        )
    )
    return site


def small_site(root, posts=5):
    """A few plain posts and two pages: for the tests of re-runs, updates and modes."""
    site = SiteBuilder(root)
    for number in range(posts):
        site.add(
            Entry(
                site.new_id(), f"Krótka wiadomość {number}", content=f"<p>Treść {number}.</p>",
                slug=f"krotka-{number}", date=datetime(2018, 1, 1) + timedelta(days=30 * number),
                categories=[CATEGORIES[0]],
            )
        )  # fmt: skip
    parent = site.add(
        Entry(site.new_id(), "Usługi", post_type="page", content="<p>Co robimy.</p>", slug="uslugi")
    )
    site.add(
        Entry(site.new_id(), "Dodatki", post_type="page", slug="dodatki", parent=parent.post_id)
    )
    return site
