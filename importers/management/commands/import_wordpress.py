from importers.cli import ImportCommand
from importers.models import ImportJob
from news.models import NewsIndexPage


class Command(ImportCommand):
    help = "Import a WordPress export (WXR): posts to news, pages, files, redirects."
    kind = ImportJob.KIND_WORDPRESS

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--parent", help="Page (id or path) the content pages go under.")
        parser.add_argument("--news-index", help="News index (id or path) for the posts.")
        parser.add_argument(
            "--media-folder", help="The old site's wp-content/uploads, copied here."
        )
        parser.add_argument(
            "--fetch", action="store_true", help="Fetch missing files from the old site."
        )

    def import_options(self, options):
        return {
            "parent": self.page(options["parent"]),
            "news_index": self.page(options["news_index"], NewsIndexPage),
            "media_folder": options["media_folder"],
            "allow_fetch": options["fetch"],
        }
