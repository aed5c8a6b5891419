"""The streaming Excel writer: what goes in comes back out of a real reader (openpyxl),
with the types and UK date formats kept."""

import datetime
import io

from openpyxl import load_workbook

from early_help.shared.spreadsheets import neutralise, xlsx_write


def test_an_xlsx_written_row_by_row_reads_back_cell_for_cell():
    rows = [
        ["Text", "Number", "Date", "Date and time", "Yes or no", "Empty"],
        [
            'Fish & "chips" <b>',
            42,
            datetime.date(2026, 2, 3),
            datetime.datetime(2026, 2, 3, 14, 5),
            True,
            None,
        ],
        ["اردو میں مدد", 2.5, datetime.date(1999, 12, 31), None, False, ""],
        ["a\x00b\x1fc\tnew\nline", -7, None, None, None, None],
        [neutralise("=1+1"), neutralise("@SUM(A1)"), None, None, None, None],
    ]
    file = io.BytesIO()
    xlsx_write(rows, file, sheet_name="Help requests")

    sheet = load_workbook(io.BytesIO(file.getvalue()))["Help requests"]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == rows[0]
    assert values[1] == [
        'Fish & "chips" <b>',
        42,
        datetime.datetime(2026, 2, 3),
        rows[1][3],
        True,
        None,
    ]
    assert values[2] == ["اردو میں مدد", 2.5, datetime.datetime(1999, 12, 31), None, False, None]
    assert values[3][0] == "abc\tnew\nline"  # characters XML cannot hold are dropped
    assert values[4][:2] == ["'=1+1", "'@SUM(A1)"]
    assert sheet["A5"].data_type == "s"
    assert sheet["C2"].number_format == "dd/mm/yyyy"
    assert sheet["D2"].number_format == "dd/mm/yyyy hh:mm"
    assert sheet.max_row == len(rows)
