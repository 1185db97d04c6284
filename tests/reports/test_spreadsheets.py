import csv
import io

from django.utils.translation import override
from openpyxl import load_workbook

from reports.services.tables import Column, ReportTable, Share, percent
from reports.spreadsheets import csv_chunks, sheet_name, write_xlsx
from reports.views.exports import export_response


def table(title="Комментарии: [Абай]/2026"):
    return ReportTable(
        key="t", title=title, columns=[Column("Текст"), Column("Число", "int")],
        rows=[["=HYPERLINK(\"http://evil\")", 1], ["+7 701 000 00 00", -2], ["Қазақша мәтін", None]],
        total=["Итого", 3],
    )


def xlsx(tables):
    file = io.BytesIO()
    write_xlsx(tables, file)
    return load_workbook(io.BytesIO(file.getvalue()))


def csv_text(tables, language):
    with override(language):
        return "".join(csv_chunks(tables, language))


def test_text_that_a_spreadsheet_would_run_as_a_formula_is_written_as_text():
    sheet = xlsx([table()]).worksheets[0]

    assert sheet["A3"].value == "'=HYPERLINK(\"http://evil\")" and sheet["A3"].data_type == "s"
    assert sheet["A4"].value == "'+7 701 000 00 00"
    assert sheet["B4"].value == -2  # numbers stay numbers
    assert sheet["A5"].value == "Қазақша мәтін"
    assert sheet.title == "Комментарии Абай 2026"
    text = csv_text([table()], "ru")
    assert "'=HYPERLINK" in text and ";-2" in text


def test_sheet_names_are_unique_and_short_enough_for_excel():
    workbook = xlsx([table(), table()])

    assert len(workbook.sheetnames) == 2 and len(set(workbook.sheetnames)) == 2
    assert all(len(name) <= 31 for name in workbook.sheetnames)


def test_a_long_sheet_name_is_cut_at_a_word_boundary():
    used = set()
    title = "Обучено в 2026: Абайская областная организация"

    names = [sheet_name(title, used) for _ in range(3)]

    assert names == ["Обучено в 2026 Абайская", "Обучено в 2026 Абайская (2)",
                     "Обучено в 2026 Абайская (3)"]
    no_spaces = "Қазақстан-Республикасының-білім-және-ғылым"
    assert sheet_name(no_spaces, set()) == no_spaces[:31]
    assert sheet_name("'Итоги'", set()) == "Итоги"


def test_numbers_percentages_and_years_are_numbers_in_the_workbook():
    report = ReportTable(
        key="t", title="Охват", columns=[Column("Год", "year"), Column("Обучено", "int"),
                                         Column("% членов", "percent"), Column("Бюджет", "amount")],
        rows=[[2025, 12_345, percent(73, 1000), 1_200_000.5], [2026, 7, percent(1, 5000), 0]],
        total=["Итого", 12_352, None, 1_200_000.5],
    )

    sheet = xlsx([report]).worksheets[0]

    year, trained, share, amount = (sheet.cell(row=3, column=n) for n in range(1, 5))
    assert (year.value, year.number_format) == (2025, "0")
    assert (trained.value, trained.number_format) == (12_345, "#,##0")
    assert (share.value, share.number_format) == (0.073, "0.0%")
    assert (amount.value, amount.number_format) == (1_200_000.5, "#,##0.00")
    tiny = sheet.cell(row=4, column=3)  # 0.02 %: more places than nothing
    assert (tiny.value, tiny.number_format) == (0.0002, "0.00%")
    assert sheet.freeze_panes == "B3"
    assert [cell.value for cell in sheet[2]] == ["Год", "Обучено", "% членов", "Бюджет"]
    assert sheet.cell(row=2, column=1).font.bold and sheet.cell(row=5, column=2).font.bold


def test_csv_follows_the_interface_languages_convention():
    report = ReportTable(key="t", title="Охват", columns=[Column("Год", "year"), Column("%", "percent"),
                                                          Column("Средняя", "number")],
                         rows=[[2026, percent(73, 1000), 4.25]])

    russian, kazakh, english = (csv_text([report], language) for language in ("ru", "kk", "en"))

    assert russian.startswith("\ufeff") and english.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(russian[1:]), delimiter=";"))[2] == ["2026", "7,3", "4,2"]
    assert kazakh == russian
    assert list(csv.reader(io.StringIO(english[1:])))[2] == ["2026", "7.3", "4.2"]


def test_a_share_keeps_its_exact_value():
    share = percent(1, 3)
    assert share == 33.3 and isinstance(share, Share) and abs(share.exact - 100 / 3) < 1e-9
    assert percent(1, 5000).rounds_to_zero and not percent(0, 5000).rounds_to_zero
    assert percent(1, 0) is None


class CountedRows:
    """Rows of a large export, counting how many have been read."""

    def __init__(self, number):
        self.number, self.read = number, 0

    def __iter__(self):
        for position in range(self.number):
            self.read += 1
            yield [f"Школа № {position}", position % 1000, percent(position % 97, 97)]


def large(rows):
    return ReportTable(key="big", title="Охват", columns=[Column("Организация"), Column("Обучено", "int"),
                                                          Column("%", "percent")], rows=rows)


def test_a_csv_of_600000_rows_is_streamed_whole_as_it_is_read():
    rows = CountedRows(600_000)
    with override("ru"):
        response = export_response("csv", [large(rows)], "big")
    chunks = iter(response.streaming_content)

    first = next(chunks)
    assert rows.read < 1_000  # nothing is read before it is sent
    lines = first.count(b"\r\n") + sum(chunk.count(b"\r\n") for chunk in chunks)

    assert lines == 2 + 600_000 and rows.read == 600_000  # title, header and every row: no cap


def test_an_xlsx_is_written_from_rows_read_once_without_a_cap():
    rows = CountedRows(3_000)

    response = export_response("xlsx", [large(rows)], "big")

    sheet = load_workbook(io.BytesIO(response.getvalue()), read_only=True).worksheets[0]
    assert rows.read == 3_000 and sum(1 for _row in sheet.iter_rows()) == 2 + 3_000
    assert response["Content-Disposition"] == 'attachment; filename="big.xlsx"'


def test_a_share_shown_with_two_places_keeps_them_in_the_workbook():
    decisive = Share(9.996, decimals=2, shown=9.99)  # a budget just below a 10 % norm
    report = ReportTable(key="t", title="Бюджеты", columns=[Column("Доля", "percent")], rows=[[decisive]])

    cell = xlsx([report]).worksheets[0].cell(row=3, column=1)

    assert (cell.value, cell.number_format) == (0.0999, "0.00%")
    assert csv_text([report], "ru").splitlines()[2] == "9,99"
