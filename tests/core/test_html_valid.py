"""Every page type is valid HTML, as the Nu Html Checker (an outside audit's tool) reads it.

The checker (vnu-jar from npm, pinned) is installed once into ~/.cache/ops-tests and run
once over one page of each type, the search results and the 404 page. A missing Java or
npm fails the test in CI (OPS_REQUIRE_ALL=1) instead of skipping it.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from wagtail.models import Page

VNU_VERSION = "26.9.27"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "ops-tests" / "vnu"
JAR = CACHE / VNU_VERSION / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_jar():
    if JAR.exists():
        return JAR
    missing = [tool for tool in ("java", "npm") if not shutil.which(tool)]
    if missing:
        if os.environ.get("OPS_REQUIRE_ALL"):
            pytest.fail(f"the HTML check needs {', '.join(missing)}")
        pytest.skip(f"the HTML check needs {', '.join(missing)}")
    subprocess.run(  # noqa: S603 - our own arguments
        ["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix",  # noqa: S607
         str(CACHE / VNU_VERSION), f"vnu-jar@{VNU_VERSION}"],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    return JAR


def vnu_errors(jar, folder):
    """The checker's errors in the .html files of folder, as "file:line: message"."""
    result = subprocess.run(  # noqa: S603 - our own arguments
        ["java", "-jar", str(jar), "--errors-only", "--format", "json",  # noqa: S607
         *sorted(str(p) for p in folder.glob("*.html"))],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}" for m in messages
    ]


def one_page_of_each_type():
    paths = {}
    for page in Page.objects.live().filter(depth__gt=1).specific():
        url = page.get_url()
        if url and type(page).__name__ not in paths:
            paths[type(page).__name__] = url
    return paths


@pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="HTML validity is checked in the SQLite stage (same templates)",
)
def test_every_page_type_is_valid_html(client, demo_site, tmp_path):
    jar = vnu_jar()
    paths = one_page_of_each_type()
    assert len(paths) >= 20, paths
    paths.update(search="/szukaj/?q=zasi%C5%82ek+sta%C5%82y", not_found="/nie-ma-takiej-strony/")
    for name, path in paths.items():
        response = client.get(path)
        assert response.status_code == (404 if name == "not_found" else 200), path
        (tmp_path / f"{name}.html").write_bytes(response.content)
    errors = vnu_errors(jar, tmp_path)
    assert errors == [], "\n".join(errors[:20])
