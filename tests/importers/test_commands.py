"""The management commands: progress, summary, review list, dry run."""

import io

import pytest
from django.core.management import CommandError, call_command

from news.models import NewsPage
from pages.models import OrdinancePage
from tests.factories import make_register

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_wordpress_prints_progress_summary_and_pages_to_review(news_index, few_posts):
    out, err = run(
        "import_wordpress",
        str(few_posts.path),
        "--media-folder",
        str(few_posts.uploads),
        "--dry-run",
    )
    assert NewsPage.objects.count() == 0
    assert "7/7" in err
    out, err = run(
        "import_wordpress",
        str(few_posts.path),
        "--publish",
        "--parent",
        str(news_index.get_parent().pk),
    )
    assert "7/7" in err and "[" in err
    assert ("Created: 7" in out) or ("Utworzono: 7" in out)
    assert f"/admin/pages/{NewsPage.objects.first().pk}/edit/" in out
    assert NewsPage.objects.live().count() == 5
    out, _ = run("import_wordpress", str(few_posts.path))
    assert ("skipped: 7" in out) or ("pominięto: 7" in out)


def test_a_refused_file_is_a_command_error(news_index, tmp_path):
    path = tmp_path / "x.xml"
    path.write_text("nie xml")
    with pytest.raises(CommandError):
        run("import_wordpress", str(path))


def test_import_ordinances_with_a_column_mapping(home, tmp_path):
    make_register(home)
    path = tmp_path / "r.csv"
    path.write_text(
        "Nr zarz.;Data;W sprawie\n9/2024;2024-05-06;w sprawie dyżurów\n", encoding="utf-8"
    )
    out, _ = run("import_ordinances", str(path), "--column", "number=Nr zarz.", "--publish")
    assert OrdinancePage.objects.get().number == "9/2024"


def test_import_feed_dry_run(news_index, tmp_path):
    from .test_feed import RSS

    path = tmp_path / "f.xml"
    path.write_text(RSS, encoding="utf-8")
    out, _ = run("import_feed", str(path), "--dry-run", "-v", "2")
    assert "Zbiórka żywności" in out and NewsPage.objects.count() == 0
