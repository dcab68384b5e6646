"""The ordinances register from CSV and XLSX, with a clear message per bad row."""

import datetime

import pytest
from openpyxl import Workbook

from importers.ordinances import OrdinanceImport
from pages.models import OrdinancePage
from tests.factories import make_ordinances, make_register

from .builders import pdf_bytes

pytestmark = pytest.mark.django_db

CSV = """Numer;Data;W sprawie;Status;Uchylone przez;Plik
1/2020;2020-01-15;w sprawie regulaminu pracy;obowiązuje;;z1.pdf
2/2020;03.02.2020;w sprawie cennika usług opiekuńczych;uchylone;5/2021;z2.pdf
5/2021;12 marca 2021;w sprawie nowego cennika;;;brak.pdf
12/20;2021-04-01;w sprawie złego numeru;;;
6/2021;31.02.2021;w sprawie złej daty;;;
1/2020;2020-06-01;w sprawie powtórzonego numeru;;;
7/2021;2021-05-05;w sprawie statusu;zawieszone;;
"""


@pytest.fixture
def register(home):
    return make_register(home)


@pytest.fixture
def files(tmp_path):
    folder = tmp_path / "pliki"
    folder.mkdir()
    (folder / "z1.pdf").write_bytes(pdf_bytes("Regulamin"))
    (folder / "z2.pdf").write_bytes(pdf_bytes("Cennik"))
    return folder


def run(path, **options):
    options.setdefault("mode", "publish")
    return OrdinanceImport(path, **options).run()


def test_csv_register_with_a_message_per_bad_row(register, files, tmp_path):
    path = tmp_path / "rejestr.csv"
    path.write_text(CSV, encoding="utf-8")
    report = run(path, files_folder=files)
    assert {o.number for o in OrdinancePage.objects.all()} == {"1/2020", "2/2020", "5/2021"}
    first = OrdinancePage.objects.get(number="1/2020")
    assert first.date_signed == datetime.date(2020, 1, 15)
    assert (
        first.title == "Zarządzenie nr 1/2020 w sprawie regulaminu pracy"
        or first.title.startswith("Ordinance no. 1/2020")
    )
    assert first.attachments.get().document.title
    assert first.live and first.status == "in_force"
    cennik = OrdinancePage.objects.get(number="2/2020")
    assert cennik.date_signed == datetime.date(2020, 2, 3)
    assert cennik.status == "repealed"
    assert cennik.repealed_by.number == "5/2021"
    assert OrdinancePage.objects.get(number="5/2021").date_signed == datetime.date(2021, 3, 12)
    text = "\n".join(report.skipped + report.errors + report.warnings)
    assert "Row 5" in text or "Wiersz 5" in text  # 12/20: not number/year
    assert "12/20" in text and "31.02.2021" in text and "zawieszone" in text and "brak.pdf" in text
    duplicate = [e for e in report.errors if "1/2020" in e]
    assert len(duplicate) == 1 and ("row 2" in duplicate[0] or "wierszu 2" in duplicate[0])
    again = run(path, files_folder=files)
    assert again.created == [] and OrdinancePage.objects.count() == 3


def test_xlsx_register_with_a_header_mapping(register, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Nr zarz.", "Dnia", "Przedmiot"])
    sheet.append(["3/2022", datetime.datetime(2022, 9, 1), "w sprawie dyżurów"])
    sheet.append(["4/2022", "2022-10-10", "w sprawie inwentaryzacji"])
    path = tmp_path / "rejestr.xlsx"
    book.save(path)
    report = run(path, mapping={"number": "Nr zarz.", "date": "Dnia"})
    assert report.errors == [] and len(report.created) == 2
    assert OrdinancePage.objects.get(number="3/2022").date_signed == datetime.date(2022, 9, 1)
    assert OrdinancePage.objects.get(number="4/2022").subject == "w sprawie inwentaryzacji"


def test_wrong_columns_refuse_the_whole_file(register, tmp_path):
    from importers.jobs import execute

    path = tmp_path / "zle.csv"
    path.write_text("Imię;Nazwisko\nJan;Kowalski\n", encoding="utf-8")
    report = execute("ordinances", str(path))
    assert len(report.errors) == 1 and "Imię" in report.errors[0]
    assert OrdinancePage.objects.count() == 0


def test_a_number_already_in_the_register_is_not_overwritten(register, tmp_path):
    make_ordinances(register, 1)  # 1/2019, typed in by hand
    path = tmp_path / "r.csv"
    path.write_text("Numer,Data,Tytuł\n1/2019,2019-01-01,w sprawie innej\n", encoding="utf-8")
    report = run(path)
    assert report.created == [] and len(report.skipped) == 1
    assert OrdinancePage.objects.get().subject == "w sprawie 0"


def test_windows_1250_csv(register, tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes(
        "Numer;Data;W sprawie\n8/2023;2023-02-02;w sprawie źródeł ciepła\n".encode("cp1250")
    )
    report = run(path)
    assert report.errors == []
    assert OrdinancePage.objects.get().subject == "w sprawie źródeł ciepła"
