"""HTML cleaning on its own: no database, a stand-in for the media library."""

from types import SimpleNamespace

from importers.html import html_to_blocks, plain_text


class FakeMedia:
    allowed_host = "stary.example.pl"

    def __init__(self):
        self.asked = []

    def image(self, url, title="", alt=""):
        self.asked.append(url)
        return SimpleNamespace(pk=len(self.asked), description="")

    def document(self, url, title=""):
        return SimpleNamespace(pk=99)


def convert(html):
    warnings = []
    return html_to_blocks(html, FakeMedia(), warnings.append, title="Test"), warnings


def test_block_editor_gallery_becomes_one_gallery():
    blocks, _ = convert(
        '<figure class="wp-block-gallery has-nested-images">'
        '<figure class="wp-block-image"><img src="/a.png" alt="Pierwsze"/>'
        "<figcaption>Jeden</figcaption></figure>"
        '<figure class="wp-block-image"><img src="/b.png" alt="Drugie"/></figure></figure>'
    )
    assert [b["type"] for b in blocks] == ["gallery"]
    images = [item["value"] for item in blocks[0]["value"]["images"]]
    assert [i["caption"] for i in images] == ["Jeden", ""]
    assert [i["image"]["alt_text"] for i in images] == ["Pierwsze", "Drugie"]


def test_paragraphs_from_blank_lines_and_inline_formatting():
    blocks, warnings = convert('Raz <em>dwa</em>\n\nTrzy <font color="red">cztery</font>')
    assert blocks[0]["value"] == "<p>Raz <i>dwa</i></p><p>Trzy cztery</p>"
    assert warnings == []


def test_headings_are_levelled_and_scripts_dropped():
    blocks, warnings = convert("<h1>Tytuł</h1><h5>Mały</h5><script>x()</script><style>p{}</style>")
    assert [(b["type"], b["value"]["level"]) for b in blocks] == [
        ("heading", "h2"),
        ("heading", "h4"),
    ]
    assert warnings == ["A script was removed."] or len(warnings) == 1


def test_vague_link_text_is_reported_and_tracking_attributes_dropped():
    blocks, warnings = convert(
        '<p><a href="https://x.pl/" data-track="1" onclick="t()">więcej</a></p>'
    )
    assert blocks[0]["value"] == '<p><a href="https://x.pl/">więcej</a></p>'
    assert len(warnings) == 1 and "więcej" in warnings[0]


def test_unknown_shortcodes_dropped_brackets_in_text_kept():
    blocks, warnings = convert('<p>[Uwaga] ważne [su_button url="x"]Kliknij[/su_button]</p>')
    assert "[Uwaga] ważne" in blocks[0]["value"] and "su_button" not in blocks[0]["value"]
    assert len(warnings) == 1 and "su_button" in warnings[0]


def test_plain_text_for_leads():
    assert plain_text('<p>Ala ma <b>kota</b>.</p>[gallery ids="1"]') == "Ala ma kota."
    assert plain_text("słowo " * 100, 30).endswith("…")
