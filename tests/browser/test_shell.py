"""The site shell in a real browser: skip links come first and move focus."""


def test_first_tab_focuses_skip_to_content_and_enter_moves_into_main(page, live_url):
    page.goto(live_url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Przejdź do treści"
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'tresc'")
    assert page.evaluate("document.activeElement.tagName") == "MAIN"


def test_skip_links_order(page, live_url):
    page.goto(live_url + "/")
    texts = page.locator(".skip-links a").all_text_contents()
    assert texts == [
        "Przejdź do treści",
        "Przejdź do menu",
        "Przejdź do wyszukiwarki",
        "Przejdź do stopki",
    ]
