"""Template indentation is dropped from public pages, never from what it would change."""

from core.html_whitespace import collapse_indentation


def test_indentation_becomes_one_newline():
    html = "<ul>\n    <li>a</li>\n\n    <li>b <strong>c</strong>\n      d</li>\n</ul>"
    assert collapse_indentation(html) == "<ul>\n<li>a</li>\n<li>b <strong>c</strong>\nd</li>\n</ul>"


def test_pre_textarea_and_script_are_kept_whole():
    kept = (
        "<pre>\n  code\n    more</pre>",
        '<textarea name="message">\n  Dzień dobry,\n    proszę o pomoc</textarea>',
        "<script>\n  var a = `\n    x`;\n</script>",
        '<SCRIPT type="application/ld+json">\n  {"a": 1}\n</SCRIPT>',
    )
    for fragment in kept:
        html = f"<div>\n  {fragment}\n  </div>"
        assert collapse_indentation(html) == f"<div>\n{fragment}\n</div>"


def test_public_pages_are_trimmed_but_keep_their_text(client, home, site_settings):
    html = client.get("/").content.decode()
    assert "\n  " not in html.split("<script", 1)[0]
    assert "Ośrodek Pomocy Społecznej w Testowie" in html
