from importers.cli import ImportCommand
from importers.models import ImportJob
from news.models import NewsIndexPage


class Command(ImportCommand):
    help = "Import news from an RSS or Atom feed file."
    kind = ImportJob.KIND_FEED

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--news-index", help="News index (id or path) for the posts.")
        parser.add_argument("--media-folder", help="Folder with the feed's images.")
        parser.add_argument(
            "--fetch", action="store_true", help="Fetch images from the feed's site."
        )

    def import_options(self, options):
        return {
            "news_index": self.page(options["news_index"], NewsIndexPage),
            "media_folder": options["media_folder"],
            "allow_fetch": options["fetch"],
        }
