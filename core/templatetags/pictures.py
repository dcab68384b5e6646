"""``{% picture %}`` as Wagtail's, safe when two servers create the same renditions at once.

Wagtail makes a picture's renditions (three formats × two or three widths) in a thread
pool and inserts them with one ``INSERT … ON CONFLICT DO NOTHING`` in the order the
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

register = template.Library()

ATTEMPTS = 3


class RetryingPictureNode(PictureNode):
    def render(self, context):
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
