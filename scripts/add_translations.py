"""Add or update Polish translations in locale/pl safely, then compile.

Usage: python scripts/add_translations.py entries.json

entries.json is a list of objects:
  {"msgid": "Skip to content", "msgstr": "Przejdź do treści"}
  {"msgid": "...", "msgctxt": "...", "msgstr": "..."}
  {"msgid": "{n} visit", "msgid_plural": "{n} visits", "msgstr_plural": ["...", "...", "..."]}
  {"msgid": "Saved", "msgstr": "Zapisano", "domain": "djangojs"}

An entry's "domain" is "django" (the default: Python code and templates) or "djangojs"
(strings of the admin's JavaScript, served by Django's JavaScriptCatalog).
An entry with "overrides": true is our Polish for a string of another app (Wagtail, Django,
django-cookie-consent) and goes to locale_overrides/, which makemessages never rewrites.

Several people (or agents) may run it at once: the catalogue is locked while
it is read, changed and written. Source references are refreshed later by
``make messages`` (makemessages keeps every translation made here).
"""

import fcntl
import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LC_MESSAGES = ROOT / "locale" / "pl" / "LC_MESSAGES"
OVERRIDES = ROOT / "locale_overrides" / "pl" / "LC_MESSAGES"
PO = LC_MESSAGES / "django.po"
HEADER = {
    "Project-Id-Version": "ops-website",
    "Language": "pl",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": (
        "nplurals=4; plural=(n==1 ? 0 : (n%10>=2 && n%10<=4) && (n%100<12 || n%100>14) ? 1 : "
        "n!=1 && (n%10>=0 && n%10<=1) || (n%10>=5 && n%10<=9) || (n%100>=12 && n%100<=14) ? 2 : 3);"
    ),
}


def main(path):
    entries = json.loads(Path(path).read_text(encoding="utf-8"))
    catalogues = {}
    for item in entries:
        folder = OVERRIDES if item.get("overrides") else LC_MESSAGES
        catalogues.setdefault(folder / f"{item.get('domain', 'django')}.po", []).append(item)
    for po, items in sorted(catalogues.items()):
        write(po, items)


def write(po, entries):
    po.parent.mkdir(parents=True, exist_ok=True)
    with open(PO.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        catalogue = polib.pofile(str(po)) if po.exists() else polib.POFile()
        if not catalogue.metadata:
            catalogue.metadata = dict(HEADER)
        changed = 0
        for item in entries:
            entry = catalogue.find(item["msgid"], msgctxt=item.get("msgctxt"))
            if entry is None:
                entry = polib.POEntry(msgid=item["msgid"], msgctxt=item.get("msgctxt"))
                catalogue.append(entry)
            if "msgid_plural" in item:
                entry.msgid_plural = item["msgid_plural"]
                forms = list(item["msgstr_plural"])
                while len(forms) < 4:
                    forms.append(forms[-1])
                entry.msgstr_plural = dict(enumerate(forms))
            else:
                entry.msgstr = item["msgstr"]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            changed += 1
        catalogue.save(str(po))
        catalogue.save_as_mofile(str(po.with_suffix(".mo")))
    print(f"{changed} entries written to {po.relative_to(ROOT)} (compiled).")


if __name__ == "__main__":
    main(sys.argv[1])
