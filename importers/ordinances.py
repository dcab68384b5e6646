"""The ordinances register from a CSV or XLSX file, one ordinance per row.

The header row is matched to the fields by the usual Polish names ("Numer",
"Data", "W sprawie", "Status", "Uchylone przez", "Plik") or by an explicit
mapping. A file without the required columns is refused as a whole; a bad row
(a number that is not "12/2020", a date that cannot be read, a number already
used) gets a Polish message with its row number, and the other rows go on.
"""

import csv
import datetime
import io
import re
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.search import fold
from pages.models import OrdinanceAttachment, OrdinanceIndexPage, OrdinancePage

from .media import max_file_bytes
from .runner import ImportFailed, Runner, SkipItem
from .wxr import check_size

FIELDS = ("number", "date", "subject", "status", "repealed_by", "file")
REQUIRED = ("number", "date", "subject")
HEADER_NAMES = {
    "number": {"numer", "nr", "number", "numer zarządzenia", "nr zarządzenia"},
    "date": {"data", "date", "data podpisania", "data wydania", "z dnia"},
    "subject": {"w sprawie", "tytuł", "tytul", "przedmiot", "temat", "subject", "title"},
    "status": {"status", "stan"},
    "repealed_by": {
        "uchylone przez",
        "uchylające",
        "uchylony przez",
        "repealed by",
        "uchylone zarządzeniem",
    },
    "file": {"plik", "nazwa pliku", "file", "załącznik"},
}
NUMBER = re.compile(r"^\d{1,4}[A-Za-z]?/\d{4}$")
MONTHS = {
    "stycznia": 1, "lutego": 2, "marca": 3, "kwietnia": 4, "maja": 5, "czerwca": 6,
    "lipca": 7, "sierpnia": 8, "września": 9, "października": 10, "listopada": 11, "grudnia": 12,
}  # fmt: skip
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y", "%Y.%m.%d", "%d.%m.%y")
REPEALED = {"uchylone", "uchylony", "uchylona", "repealed", "nieobowiązujące", "nie obowiązuje"}
IN_FORCE = {"", "obowiązuje", "obowiązujące", "w mocy", "in force", "in_force"}


def normalise_header(text):
    return re.sub(r"\s+", " ", str(text or "")).strip().strip(":").lower()


def read_rows(path):
    """The file's rows as lists of strings (or dates, from XLSX)."""
    check_size(path)
    data = Path(path).read_bytes()
    if data[:2] == b"PK":
        return read_xlsx(data)
    for encoding in ("utf-8-sig", "cp1250"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if "\x00" in text:
        raise ImportFailed(_("This is neither a CSV nor an XLSX file."))
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
        dialect.delimiter = ";" if sample.count(";") > sample.count(",") else ","
    return list(csv.reader(io.StringIO(text), dialect))


def read_xlsx(data):
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise ImportFailed(_("The XLSX file cannot be read: it may be damaged.")) from None
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def map_columns(header, mapping=None):
    """{field: column index}; ImportFailed naming the missing columns."""
    names = [normalise_header(h) for h in header]
    columns = {}
    for name, wanted in (mapping or {}).items():
        if normalise_header(wanted) in names:
            columns[name] = names.index(normalise_header(wanted))
    for name in FIELDS:
        if name not in columns:
            for index, text in enumerate(names):
                if text in HEADER_NAMES[name]:
                    columns[name] = index
                    break
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        expected = "; ".join(f"{name}: „{sorted(HEADER_NAMES[name])[0]}”" for name in missing)
        raise ImportFailed(
            _("The first row must name the columns. Missing: %(missing)s. Found: %(found)s.")
            % {"missing": expected, "found": ", ".join(f"„{h}”" for h in header if h) or "—"}
        )
    return columns


def parse_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = (
        re.sub(r"\s+", " ", str(value or "")).strip().lower().removesuffix(" r.").removesuffix("r.")
    )
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    match = re.fullmatch(r"(\d{1,2}) ([a-ząćęłńóśźż]+) (\d{4})", text.strip())
    if match and match.group(2) in MONTHS:
        try:
            return datetime.date(int(match.group(3)), MONTHS[match.group(2)], int(match.group(1)))
        except ValueError:
            return None
    return None


def clean_number(value):
    return re.sub(r"\s+", "", str(value or "")).upper().removeprefix("NR")


class OrdinanceImport:
    def __init__(self, path, *, register=None, files_folder=None, mapping=None, **options):
        self.path = path
        self.register = register
        self.folder = Path(files_folder).resolve() if files_folder else None
        self.mapping = mapping or {}
        self.options = options

    def run(self):
        rows = read_rows(self.path)
        rows = [r for r in rows if any(str(c or "").strip() for c in r)]
        if not rows:
            raise ImportFailed(_("The file has no rows."))
        columns = map_columns(rows[0], self.mapping)
        register = self.register or OrdinanceIndexPage.objects.first()
        if register is None:
            raise ImportFailed(_("The site has no ordinances register page."))
        self.register = register
        runner = self.runner = Runner(f"ordinances:{register.pk}", **self.options)
        runner.set_total(len(rows) - 1)
        seen, repeals = {}, []
        for line, row in enumerate(rows[1:], start=2):
            values = {name: (row[i] if i < len(row) else "") for name, i in columns.items()}
            number = clean_number(values["number"])
            label = _("Row %(line)d (no. %(number)s)") % {"line": line, "number": number or "—"}
            if number in seen and number:
                runner.report.add(
                    "errors",
                    _(
                        "%(label)s: the number %(number)s is repeated "
                        "(first in row %(first)d); row left out."
                    )
                    % {"label": label, "number": number, "first": seen[number]},
                )
                runner._tick()
                continue
            seen[number] = line
            page = runner.item(
                f"number:{number}" if number else f"row:{line}",
                label,
                lambda v=values, n=number: self.create(v, n),
            )
            if page is not None and str(values.get("repealed_by") or "").strip():
                repeals.append((label, page, clean_number(values["repealed_by"])))
        if not runner.dry_run:
            self.link_repeals(repeals)
        return runner.report

    def create(self, values, number):
        if not NUMBER.match(number):
            raise SkipItem(
                _("the number “%(number)s” is not written as number/year, e.g. 12/2020")
                % {"number": values["number"]}
            )
        date = parse_date(values["date"])
        if date is None:
            raise SkipItem(
                _("the date “%(date)s” cannot be read; write it as 2020-03-15 or 15.03.2020")
                % {"date": values["date"]}
            )
        subject = re.sub(r"\s+", " ", str(values["subject"] or "")).strip()
        if not subject:
            raise SkipItem(_("the subject is empty"))
        status = str(values.get("status") or "").strip().lower()
        if status not in REPEALED | IN_FORCE:
            raise SkipItem(
                _("the status “%(status)s” is neither 'obowiązuje' nor 'uchylone'")
                % {"status": values["status"]}
            )
        clash = OrdinancePage.objects.child_of(self.register).filter(number__iexact=number).first()
        if clash is not None:
            raise SkipItem(
                _("the register already has this number: “%(title)s”") % {"title": clash.title}
            )
        page = OrdinancePage(
            number=number,
            date_signed=date,
            subject=subject[:500],
            status=OrdinancePage.STATUS_REPEALED
            if status in REPEALED
            else OrdinancePage.STATUS_IN_FORCE,
            title=str(
                _("Ordinance no. %(number)s %(subject)s") % {"number": number, "subject": subject}
            )[:255],
            slug=slugify(fold(f"zarzadzenie {number}").replace("/", "-")),
        )
        document = self.document(str(values.get("file") or "").strip(), page.title)
        if document is not None:
            page.attachments.add(OrdinanceAttachment(document=document))
        return self.runner.save_page(page, self.register)

    def document(self, name, title):
        from wagtail.documents import get_document_model

        from .media import MediaLibrary

        if not name:
            return None
        path = (self.folder / name).resolve() if self.folder else None
        if path is None or not path.is_relative_to(self.folder) or not path.is_file():
            self.runner.report.add("warnings", _("File not found: %(url)s") % {"url": name})
            return None
        if path.stat().st_size > max_file_bytes():
            self.runner.report.add(
                "warnings", _("File too large, left out: %(name)s") % {"name": name}
            )
            return None
        library = MediaLibrary(self.runner, folder=self.folder)
        document = library.document(name, title)
        return document if isinstance(document, get_document_model()) else None

    def link_repeals(self, repeals):
        for label, page, number in repeals:
            repealing = (
                OrdinancePage.objects.child_of(self.register).filter(number__iexact=number).first()
            )
            if repealing is None:
                self.runner.report.add(
                    "warnings",
                    _("%(label)s: the repealing ordinance %(number)s is not in the register.")
                    % {"label": label, "number": number},
                )
                continue
            page = page.specific
            if page.repealed_by_id == repealing.pk:
                continue
            page.repealed_by = repealing
            page.status = OrdinancePage.STATUS_REPEALED
            with transaction.atomic():
                revision = page.save_revision(user=self.runner.user)
                if page.live:
                    revision.publish(user=self.runner.user)
