"""Every user-facing string of ours has a Polish translation; the compiled catalogue is current."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "pl" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
# Every app of ours (a folder with apps.py), the project package, templates, manage.py.
SOURCES = sorted(p.parent.name for p in ROOT.glob("*/apps.py")) + [
    "website",
    "templates",
    "manage.py",
]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The catalogue makemessages would write now, built in a copy of the sources."""
    if not shutil.which("xgettext"):
        pytest.skip("GNU gettext (xgettext) is not installed")
    work = tmp_path_factory.mktemp("i18n")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, work / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, work / name)
    (work / "locale" / "pl" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(PO, work / "locale" / "pl" / "LC_MESSAGES" / "django.po")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "pl", "--no-obsolete", "-v", "0"],
        cwd=work,
        check=True,
        env={
            "DJANGO_SETTINGS_MODULE": "website.settings.dev",
            "PYTHONPATH": str(work),
            "PATH": "/usr/bin:/bin:/usr/local/bin",
        },
    )
    return polib.pofile(str(work / "locale" / "pl" / "LC_MESSAGES" / "django.po"))


def test_every_string_is_translated(extracted):
    missing = [
        entry.msgid
        for entry in extracted
        if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)
    ]
    assert missing == [], f"{len(missing)} strings without Polish translation: {missing[:40]}"


def test_compiled_catalogue_matches_the_source():
    source = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.pofile(str(PO))
        if e.translated()
    }
    compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.mofile(str(MO))}
    stale = [
        msgid for key, msgid in ((k, k[1]) for k in source) if compiled.get(key) != source[key]
    ]
    assert stale == [], f"django.mo is out of date for: {stale[:20]}"


def test_make_messages_would_drop_no_translation(extracted):
    """locale/ holds only our own strings: makemessages --no-obsolete (``make messages``)
    drops every other entry, so Polish for Wagtail's, Django's and django-cookie-consent's
    strings lives in locale_overrides/, which makemessages never rewrites."""
    kept = {(e.msgctxt, e.msgid) for e in extracted if not e.obsolete}
    ours = {(e.msgctxt, e.msgid) for e in polib.pofile(str(PO)) if not e.obsolete}
    assert sorted(ours - kept, key=str) == []
