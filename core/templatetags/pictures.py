"""``{% picture %}`` as Wagtail's, remembered per process and safe under concurrent creation.

Remembered: a picture tag costs about 4 ms (six renditions looked up, six filters parsed,
the markup built), a third of an uncached home page. Its markup depends only on the
image (file, focal point), the filter specs and the attributes, so each process keeps the
markup it built, keyed by those and by the page cache's generation: saving or deleting an
image empties the page cache (``pagecache.invalidation``), which changes the generation, so no
markup outlives a change to its image. The memo holds at most ``MEMO_SIZE`` pictures.

Safe: Wagtail makes a picture's renditions (three formats × two or three widths) in a
thread pool and inserts them with one ``INSERT … ON CONFLICT DO NOTHING`` in the order the
threads finished. Two app servers rendering a new image at the same moment insert the
same rows in different orders, and PostgreSQL ends one of them with "deadlock
detected": a resident's 500 (seen by the scale-out check, 4 of 60 first visits). The
statement that lost is rolled back; trying again finds the winner's rows, or waits for
them, so the picture renders.

Pages are served in autocommit mode, where the failed insert was its own transaction and
nothing else is lost. Inside an atomic block the whole transaction is broken by then,
so there the error is raised as before: no savepoint per picture (two more queries on
every render) to cover a case the site does not have.
"""

from django import template
from django.db import OperationalError, connection
from wagtail.images.templatetags.wagtailimages_tags import PictureNode
from wagtail.images.templatetags.wagtailimages_tags import image as parse_image_tag

from pagecache.middleware import LocalMemo, current_generation

register = template.Library()

ATTEMPTS = 3
MEMO_SIZE = 2000


memo = LocalMemo(MEMO_SIZE)


def generation_for(context):
    """The page cache's generation, read once per request."""
    request = context.get("request")
    if request is None:
        return current_generation()
    if not hasattr(request, "_picture_generation"):
        request._picture_generation = current_generation()
    return request._picture_generation


class RetryingPictureNode(PictureNode):
    def render(self, context):
        image = self.validate_image(context)
        if not image or self.output_var_name:
            return self.render_retrying(context)
        attrs = tuple(
            sorted((name, str(value.resolve(context))) for name, value in self.attrs.items())
        )
        key = (
            generation_for(context),
            image.pk,
            image.file.name,
            image.width,
            image.height,
            (image.focal_point_x, image.focal_point_y),
            (image.focal_point_width, image.focal_point_height),
            tuple(self.filter_specs),
            attrs,
        )
        html = memo.get(key)
        if html is None:
            html = self.render_retrying(context)
            memo.put(key, html)
        return html

    def render_retrying(self, context):
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return super().render(context)
            except OperationalError:
                if attempt == ATTEMPTS or connection.in_atomic_block:
                    raise


@register.tag("picture")
def picture(parser, token):
    node = parse_image_tag(parser, token)
    return RetryingPictureNode(
        node.image_expr,
        node.filter_specs,
        attrs=node.attrs,
        output_var_name=node.output_var_name,
    )
