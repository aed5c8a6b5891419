"""Spreadsheets managers download: the reports page, and one row per request in their
scope. CSV or Excel, with formula cells made harmless."""

import csv
import datetime
import io
import itertools
import tempfile

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone

from ..help_requests.models import HelpRequestStatus, Need, Outcome
from ..shared.spreadsheets import XLSX_CONTENT_TYPE, neutralise, xlsx_write
from . import selectors
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


# One row per request: what a case worker needs to pick a request up or to count it.
# Nothing that names or reaches the family (their names, numbers and words stay on the
# request's page, where every view is audited).
REQUEST_COLUMNS = [
    "Reference",
    "Submitted",
    "Town",
    "Status",
    "Urgent",
    "With MASH duty",
    "Lead agency",
    "Lead practitioner",
    "Worker",
    "Contact the family by",
    "First contact",
    "Triaged",
    "Closed",
    "Outcome",
    "Handovers",
    "Times reopened",
    "Needs",
]
UK_DATE = "%d/%m/%Y"
UK_DATE_TIME = "%d/%m/%Y %H:%M"


def _local(moment):
    """A UK wall-clock time without its zone: spreadsheets hold no time zones."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def _labels(choices) -> dict[str, str]:
    """Each choice's words in the active language, worked out once per file, not per row."""
    return {value: str(label) for value, label in choices}


def request_rows(help_requests):
    """One row of cells per request, formula-safe, a chunk at a time. Dates and times stay
    dates and times; each writer shows them the UK way."""
    statuses = _labels(HelpRequestStatus.choices)
    outcomes = _labels(Outcome.choices)
    needs = _labels(Need.choices)
    for row in selectors.help_requests_export_rows(help_requests):
        worker = " ".join(
            part for part in (row["assigned_to__first_name"], row["assigned_to__last_name"]) if part
        )
        cells = [
            row["reference"],
            _local(row["submitted_at"]),
            row["locality__name"] or "",
            statuses.get(row["status"], row["status"]),
            "Yes" if row["safeguarding_flag"] else "No",
            "Yes" if row["in_mash_queue"] else "No",
            row["lead_agency__name"] or "",
            row["lead_practitioner"],
            worker or row["assigned_to__email"] or "",
            row["respond_by"],
            _local(row["first_contact_at"]),
            _local(row["triaged_at"]),
            _local(row["closed_at"]),
            outcomes.get(row["outcome"], row["outcome"]),
            row["handover_count"],
            row["reopened_count"],
            "; ".join(needs.get(need, need) for need in row["needs"]),
        ]
        yield [neutralise(cell) for cell in cells]


def _csv_cell(value):
    if isinstance(value, datetime.datetime):
        return value.strftime(UK_DATE_TIME)
    if isinstance(value, datetime.date):
        return value.strftime(UK_DATE)
    return "" if value is None else value


class _Echo:
    def write(self, value):
        return value


def help_requests_export(help_requests, *, kind: str, filename: str) -> HttpResponse:
    """The requests as CSV (streamed as it is read) or Excel (written row by row into a
    temporary file, then sent from it): neither holds the whole scope in memory."""
    if kind == "csv":
        writer = csv.writer(_Echo())
        rows = itertools.chain([REQUEST_COLUMNS], request_rows(help_requests))
        response = StreamingHttpResponse(
            (writer.writerow([_csv_cell(value) for value in row]) for row in rows),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    xlsx_write(
        itertools.chain([REQUEST_COLUMNS], request_rows(help_requests)),
        spool,
        sheet_name="Help requests",
    )
    spool.seek(0)
    return FileResponse(
        spool, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX_CONTENT_TYPE
    )
