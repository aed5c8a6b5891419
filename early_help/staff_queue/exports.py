"""The reports page as a spreadsheet: CSV or Excel, with formula cells made harmless."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone

from ..help_requests.models import Outcome
from ..shared.spreadsheets import neutralise
from .reports import COLUMNS


def _table(figures: list[dict]) -> list[list]:
    outcome_labels = [str(label) for _value, label in Outcome.choices]
    header = [label for _key, label in COLUMNS] + outcome_labels
    rows = [header]
    for row in figures:
        values = [row[key] for key, _label in COLUMNS]
        values += [row["outcomes"][label] for label in row["outcomes"]]
        rows.append([neutralise(v if v is not None else "") for v in values])
    return rows


def export(figures: list[dict], kind: str) -> HttpResponse:
    rows = _table(figures)
    stamp = timezone.localdate().isoformat()
    if kind == "csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="family-voice-report-{stamp}.csv"'
        return response
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Towns"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="family-voice-report-{stamp}.xlsx"'
    return response
