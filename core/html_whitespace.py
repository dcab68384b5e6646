"""Drops the indentation of our templates from public HTML pages.

Template indentation is a fifth of a page's HTML. Each run of a newline and
the spaces after it becomes one newline, which a browser renders exactly as
before (both are whitespace between words or tags). The contents of <pre>,
<textarea> and <script> are kept as they are: there whitespace is content.
Runs inside the page cache, so a cached page is stored already trimmed.
"""

import re

from .paths import ADMIN_PREFIXES

KEPT_OR_INDENT = re.compile(r"(<(pre|textarea|script)\b.*?</\2\s*>)|\n\s+", re.S | re.I)


def collapse_indentation(html):
    return KEPT_OR_INDENT.sub(lambda match: match.group(1) or "\n", html)


class CollapseIndentationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not response.has_header("Content-Encoding")
            and not request.path.startswith(ADMIN_PREFIXES)
        ):
            charset = response.charset or "utf-8"
            html = response.content.decode(charset)
            response.content = collapse_indentation(html).encode(charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
