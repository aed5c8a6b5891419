"""Spreadsheets managers download: the reports page, and one row per request in their
scope. CSV or Excel, with formula cells made harmless."""

import csv
import datetime
import io
import itertools
import tempfile

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
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
CHUNK = 2000


def _local(moment):
    """A UK wall-clock time without its zone: spreadsheets hold no time zones."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def _request_cells(help_request) -> list:
    worker = help_request.assigned_to
    return [
        help_request.reference,
        _local(help_request.submitted_at),
        help_request.locality.name if help_request.locality_id else "",
        str(help_request.get_status_display()),
        "Yes" if help_request.safeguarding_flag else "No",
        "Yes" if help_request.in_mash_queue else "No",
        help_request.lead_agency.name if help_request.lead_agency_id else "",
        help_request.lead_practitioner,
        (worker.get_full_name() or worker.email) if worker else "",
        help_request.respond_by,
        _local(help_request.first_contact_at),
        _local(help_request.triaged_at),
        _local(help_request.closed_at),
        str(help_request.get_outcome_display()) if help_request.outcome else "",
        help_request.handover_count,
        help_request.reopened_count,
        "; ".join(str(need) for need in help_request.needs.all()),
    ]


def request_rows(help_requests):
    """One row of cells per request, formula-safe, a chunk at a time. Dates and times stay
    dates and times; each writer shows them the UK way."""
    for help_request in help_requests.iterator(chunk_size=CHUNK):
        yield [neutralise(cell) for cell in _request_cells(help_request)]


def _csv_cell(value):
    if isinstance(value, datetime.datetime):
        return value.strftime(UK_DATE_TIME)
    if isinstance(value, datetime.date):
        return value.strftime(UK_DATE)
    return "" if value is None else value


class _Echo:
    def write(self, value):
        return value


def _xlsx_cell(sheet, value):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        # openpyxl refuses control characters; nobody reads them in a cell anyway.
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        is_time = isinstance(value, datetime.datetime)
        cell.number_format = "dd/mm/yyyy hh:mm" if is_time else "dd/mm/yyyy"
        return cell
    return value


def help_requests_export(help_requests, *, kind: str, filename: str) -> HttpResponse:
    """The requests as CSV (streamed as it is read) or Excel (written row by row to a
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
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Help requests")
    sheet.append(REQUEST_COLUMNS)
    for row in request_rows(help_requests):
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    workbook.save(spool)
    spool.seek(0)
    return FileResponse(
        spool,
        as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
