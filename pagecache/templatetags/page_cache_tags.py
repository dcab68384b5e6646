"""``{% cached_until_publish "name" [vary ...] %}…{% endcached_until_publish %}``.

Renders the block once per published state of the site (the page cache's
generation), per host, per consent variant and per ``vary`` value, and keeps
the HTML in the shared cache: for site-wide parts such as the footer, so an
uncached page does not query the settings, phones and links again. Anything
that differs between pages (the current page for ``aria-current``) must be
passed as a ``vary`` value or stay outside the block.
"""

from django import template

from consent.state import cache_variant
from pagecache.middleware import cached_until_publish

register = template.Library()


class CachedUntilPublishNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        parts = [str(self.name.resolve(context))]
        parts += [str(var.resolve(context)) for var in self.vary_on]
        if request is not None:
            parts.append(cache_variant(request))
        return cached_until_publish(
            "tag:" + "\n".join(parts), lambda: self.nodelist.render(context), request
        )


@register.tag("cached_until_publish")
def do_cached_until_publish(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name")
    nodelist = parser.parse(("endcached_until_publish",))
    parser.delete_first_token()
    return CachedUntilPublishNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
