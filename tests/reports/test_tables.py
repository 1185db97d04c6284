import io

from openpyxl import load_workbook

from reports.services.tables import Column, ReportTable, to_csv, to_xlsx


def table():
    return ReportTable(
        key="t", title="Комментарии: [Абай]/2026", columns=[Column("Текст"), Column("Число", "int")],
        rows=[["=HYPERLINK(\"http://evil\")", 1], ["+7 701 000 00 00", -2], ["Қазақша мәтін", None]],
        total=["Итого", 3],
    )


def test_text_that_a_spreadsheet_would_run_as_a_formula_is_written_as_text():
    sheet = load_workbook(io.BytesIO(to_xlsx([table()]))).worksheets[0]

    assert sheet["A3"].value == "'=HYPERLINK(\"http://evil\")" and sheet["A3"].data_type == "s"
    assert sheet["A4"].value == "'+7 701 000 00 00"
    assert sheet["B4"].value == -2  # numbers stay numbers
    assert sheet["A5"].value == "Қазақша мәтін"
    assert sheet.title == "Комментарии   Абай  2026"[:28].strip()
    text = to_csv([table()]).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ";-2" in text


def test_sheet_names_are_unique_and_short_enough_for_excel():
    workbook = load_workbook(io.BytesIO(to_xlsx([table(), table()])))

    assert len(workbook.sheetnames) == 2 and len(set(workbook.sheetnames)) == 2
    assert all(len(name) <= 31 for name in workbook.sheetnames)
