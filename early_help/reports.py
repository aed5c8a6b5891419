"""Figures for managers: where requests get stuck or come back, per town."""

import csv
import io
import statistics
from datetime import timedelta

from django.db.models import Count, Q
from django.http import HttpResponse
from django.utils import timezone

from . import roles
from .models import HelpRequestStatus, Locality, Outcome, ReReferral
from .selectors import help_requests_visible_to, overdue_q

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def localities_for_reports(user):
    if user.is_superuser or user.has_perm(roles.VIEW_ALL):
        return Locality.objects.all()
    return Locality.objects.filter(memberships__user=user).distinct()


def locality_figures(*, user, localities) -> list[dict]:
    """One row per town: the measures managers are asked about, over the past year."""
    now = timezone.now()
    year_ago = now - timedelta(days=365)
    visible = help_requests_visible_to(user)
    rows = []
    for locality in localities:
        requests = visible.filter(locality=locality)
        counts = requests.aggregate(
            new_this_week=Count("pk", filter=Q(submitted_at__gte=now - timedelta(days=7))),
            open=Count(
                "pk", filter=~Q(status__in=[HelpRequestStatus.CLOSED, HelpRequestStatus.WITHDRAWN])
            ),
            unallocated=Count(
                "pk",
                filter=Q(assigned_to__isnull=True)
                & ~Q(status__in=[HelpRequestStatus.CLOSED, HelpRequestStatus.WITHDRAWN]),
            ),
            overdue=Count("pk", filter=overdue_q()),
            last_year=Count("pk", filter=Q(submitted_at__gte=year_ago)),
            closed=Count("pk", filter=Q(status=HelpRequestStatus.CLOSED)),
            reopened=Count("pk", filter=Q(reopened_count__gt=0)),
        )
        waits = [
            (contact - submitted).total_seconds() / 3600
            for submitted, contact in requests.filter(
                first_contact_at__isnull=False, submitted_at__gte=year_ago
            ).values_list("submitted_at", "first_contact_at")
        ]
        re_referred = (
            ReReferral.objects.filter(help_request__in=requests.filter(submitted_at__gte=year_ago))
            .values("help_request")
            .distinct()
            .count()
        )
        closed = requests.filter(status=HelpRequestStatus.CLOSED)
        handovers = sum(closed.values_list("handover_count", flat=True))
        outcomes = dict(
            closed.values_list("outcome").annotate(n=Count("pk")).values_list("outcome", "n")
        )
        rows.append(
            {
                "locality": locality.name,
                **counts,
                "median_hours_to_first_contact": round(statistics.median(waits), 1)
                if waits
                else None,
                "re_referral_rate": round(100 * re_referred / counts["last_year"], 1)
                if counts["last_year"]
                else None,
                "handovers_per_closed": round(handovers / counts["closed"], 2)
                if counts["closed"]
                else None,
                "outcomes": {label: outcomes.get(value, 0) for value, label in Outcome.choices},
            }
        )
    return rows


COLUMNS = [
    ("locality", "Town"),
    ("new_this_week", "New this week"),
    ("open", "Open"),
    ("unallocated", "Unallocated"),
    ("overdue", "Overdue"),
    ("median_hours_to_first_contact", "Median hours to first contact"),
    ("re_referral_rate", "Re-referral rate % (12 months)"),
    ("handovers_per_closed", "Handovers per closed request"),
    ("reopened", "Came back after closing"),
]


def neutralise(value):
    """Spreadsheet programs run cells starting = + - @ as formulas: make them text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


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
