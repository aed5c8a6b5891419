"""Figures for managers: where requests get stuck or come back, per town. Reads only."""

import statistics
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from ..blockages.selectors import blockage_hours_by_reason
from ..help_requests.models import (
    HelpRequestStatus,
    Outcome,
    ReReferral,
    ReReferralReason,
    open_q,
    overdue_q,
)
from ..localities.models import Locality
from ..staff_access import roles
from .selectors import (
    families_with_three_or_more_practitioners,
    help_requests_visible_to,
    repeat_demand,
)

STUCK_AND_RETURNING_DAYS = 365


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
            open=Count("pk", filter=open_q()),
            unallocated=Count("pk", filter=Q(assigned_to__isnull=True) & open_q()),
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


def stuck_and_returning(*, user, localities) -> dict:
    """Where requests wait, why families come back and how many families had three or more
    lead practitioners: the past 12 months in the chosen towns, each one aggregate query.
    """
    since = timezone.now() - timedelta(days=STUCK_AND_RETURNING_DAYS)
    requests = help_requests_visible_to(user).filter(locality__in=localities)
    return {
        "waits": blockage_hours_by_reason(requests=requests, since=since),
        "repeat_demand": repeat_demand(requests=requests, since=since),
        "re_referral_reasons": ReReferralReason.labels,
        "continuity": families_with_three_or_more_practitioners(requests=requests, since=since),
    }


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
