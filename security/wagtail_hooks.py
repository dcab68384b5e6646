"""Safe rich-text reference handlers (security.richtext), registered after Wagtail's own."""

from wagtail import hooks
from wagtail.admin.rich_text.converters.contentstate import link_entity
from wagtail.admin.rich_text.converters.html_to_contentstate import ExternalLinkElementHandler

from .rich_text_handlers import (
    SafeDocumentLinkHandler,
    SafeImageEmbedHandler,
    SafePageLinkElementHandler,
    SafePageLinkHandler,
)


@hooks.register("register_rich_text_features", order=10_000)
def register_safe_reference_handlers(features):
    features.register_link_type(SafePageLinkHandler)
    features.register_link_type(SafeDocumentLinkHandler)
    features.register_embed_type(SafeImageEmbedHandler)
    features.register_converter_rule(
        "contentstate",
        "link",
        {
            "from_database_format": {
                "a[href]": ExternalLinkElementHandler("LINK"),
                'a[linktype="page"]': SafePageLinkElementHandler("LINK"),
            },
            "to_database_format": {"entity_decorators": {"LINK": link_entity}},
        },
    )
