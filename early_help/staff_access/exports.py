"""The audit trail as a spreadsheet for the council's information governance team.

Cells that start like a formula are made text, as in the reports' exports.
"""

import csv
import json

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

from ..shared.spreadsheets import neutralise

HEADER = [
    "When (UK time)",
    "Staff email",
    "Staff name",
    "Action",
    "Subject",
    "Help request",
    "Feedback",
    "Summary",
    "Details",
]


def audit_rows(records):
    """One list of cells per audit record, formula-safe, header first."""
    yield HEADER
    for record in records.iterator(chunk_size=2000):
        user = record.user
        yield [
            neutralise(value)
            for value in (
                timezone.localtime(record.at).strftime("%Y-%m-%d %H:%M:%S"),
                user.email if user else "",
                user.get_full_name() if user else "",
                record.action,
                record.subject,
                record.help_request.reference if record.help_request_id else "",
                record.feedback.reference if record.feedback_id else "",
                record.summary,
                json.dumps(record.details, sort_keys=True) if record.details else "",
            )
        ]


class _Echo:
    def write(self, value):
        return value


def audit_trail_export(records, *, kind: str, filename: str) -> HttpResponse:
    """CSV streams, so a long range never sits in memory; Excel is written row by row."""
    if kind == "csv":
        writer = csv.writer(_Echo())
        response = StreamingHttpResponse(
            (writer.writerow(row) for row in audit_rows(records)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    import io

    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Audit trail")
    for row in audit_rows(records):
        # openpyxl refuses control characters; nobody reads them in a cell anyway.
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
