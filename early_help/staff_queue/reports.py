"""Figures for managers: where requests get stuck or come back, per town. Reads only."""

from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ..blockages.models import Blockage
from ..blockages.selectors import blockage_hours_by_reason
from ..councils.models import Council, council_ids_of
from ..help_requests.models import (
    HelpRequest,
    HelpRequestStatus,
    Outcome,
    ReReferralReason,
    open_q,
    overdue_q,
)
from ..localities.models import Locality
from ..shared.statistics import HoursBetween, percentiles_by
from ..staff_access import roles
from ..waiting_times import selectors as waiting_selectors
from ..waiting_times.models import Stage
from .selectors import (
    families_with_three_or_more_practitioners,
    help_requests_visible_to,
    repeat_demand,
)

STUCK_AND_RETURNING_DAYS = 365


def localities_for_reports(user):
    """The towns whose figures this user may see: every town of the region for its
    administrators, their councils' towns for service managers, else their own towns."""
    if not user.is_active:
        return Locality.objects.none()
    if user.is_superuser:
        return Locality.objects.all()
    if user.has_perm(roles.VIEW_ALL):
        return Locality.objects.filter(council_id__in=council_ids_of(user))
    return Locality.objects.filter(
        memberships__user=user, council_id__in=council_ids_of(user)
    ).distinct()


def _by_town(queryset, **aggregates) -> dict:
    rows = queryset.order_by().values("locality_id").annotate(**aggregates)
    return {row.pop("locality_id"): row for row in rows}


def locality_figures(*, user, localities) -> list[dict]:
    """One row per town: the measures managers are asked about, over the past year.

    Each measure is one query grouped by town, so the page costs the same for one town
    as for a region.
    """
    now = timezone.now()
    year_ago = now - timedelta(days=365)
    localities = list(localities)
    requests = help_requests_visible_to(user).filter(locality__in=localities)
    counts = _by_town(
        requests,
        new_this_week=Count("pk", filter=Q(submitted_at__gte=now - timedelta(days=7))),
        open=Count("pk", filter=open_q()),
        unallocated=Count("pk", filter=Q(assigned_to__isnull=True) & open_q()),
        overdue=Count("pk", filter=overdue_q()),
        last_year=Count("pk", filter=Q(submitted_at__gte=year_ago)),
        closed=Count("pk", filter=Q(status=HelpRequestStatus.CLOSED)),
        reopened=Count("pk", filter=Q(reopened_count__gt=0)),
        handovers=Sum("handover_count", filter=Q(status=HelpRequestStatus.CLOSED)),
    )
    first_contact = percentiles_by(
        requests.filter(first_contact_at__isnull=False, submitted_at__gte=year_ago).annotate(
            wait=HoursBetween("submitted_at", "first_contact_at")
        ),
        value="wait",
        group_by=["locality_id"],
    )
    re_referred = _by_town(
        requests.filter(submitted_at__gte=year_ago, re_referrals__isnull=False),
        n=Count("pk", distinct=True),
    )
    outcomes: dict = {}
    for locality_id, outcome, n in (
        requests.filter(status=HelpRequestStatus.CLOSED)
        .order_by()
        .values_list("locality_id", "outcome")
        .annotate(n=Count("pk"))
    ):
        outcomes.setdefault(locality_id, {})[outcome] = n
    empty = dict.fromkeys(
        ["new_this_week", "open", "unallocated", "overdue", "last_year", "closed", "reopened"], 0
    )
    rows = []
    for locality in localities:
        town = {**empty, **counts.get(locality.pk, {})}
        handovers = town.pop("handovers", None) or 0
        wait = first_contact.get((locality.pk,))
        rows.append(
            {
                "locality": locality.name,
                **town,
                "median_hours_to_first_contact": round(wait["median"], 1) if wait else None,
                "re_referral_rate": round(
                    100 * re_referred.get(locality.pk, {}).get("n", 0) / town["last_year"], 1
                )
                if town["last_year"]
                else None,
                "handovers_per_closed": round(handovers / town["closed"], 2)
                if town["closed"]
                else None,
                "outcomes": {
                    label: outcomes.get(locality.pk, {}).get(value, 0)
                    for value, label in Outcome.choices
                },
            }
        )
    return rows


def stuck_and_returning(*, user, localities) -> dict:
    """Where requests wait, why families come back and how many families had three or more
    lead practitioners: the past 12 months in the chosen towns, each one aggregate query.
    """
    since = timezone.now() - timedelta(days=STUCK_AND_RETURNING_DAYS)
    localities = list(localities)  # ids in the SQL, so the planner knows how many
    requests = help_requests_visible_to(user).filter(locality__in=localities)
    waits = blockage_hours_by_reason(requests=requests, since=since)
    demand = repeat_demand(requests=requests, since=since)
    hours_by_reason: dict[str, float] = {}
    for row in waits:
        hours_by_reason[row["reason"]] = hours_by_reason.get(row["reason"], 0) + row["hours"]
    return {
        "waits": waits,
        "waits_chart": {
            "series": [_("Hours lost")],
            "unit": " h",
            "rows": [
                {"label": reason, "values": [round(hours, 1)]}
                for reason, hours in sorted(hours_by_reason.items(), key=lambda item: -item[1])
            ],
        },
        "repeat_demand": demand,
        "repeat_chart": {
            "series": [_("Came back")],
            "unit": "",
            "rows": [
                {"label": label, "values": [sum(row["reasons"][label] for row in demand)]}
                for label in ReReferralReason.labels
            ]
            + [{"label": _("No reason yet"), "values": [sum(row["untagged"] for row in demand)]}],
        },
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


def _rounded(figures: dict | None) -> dict | None:
    if not figures:
        return None
    return {
        "n": figures["n"],
        "median": round(figures["median"], 1),
        "p90": round(figures["p90"], 1),
    }


def time_at_each_stage(*, user, localities, month) -> dict:
    """Median and 90th percentile hours at each stage for stages that ended in `month`:
    one row per town, and a chart of the towns together."""
    localities = list(localities)  # ids in the SQL, so the planner knows how many
    requests = help_requests_visible_to(user).filter(locality__in=localities)
    figures = waiting_selectors.time_in_status(
        requests=requests, localities=localities, month=month
    )
    stages = list(Stage)
    rows = [
        {
            "locality": locality.name,
            "stages": [_rounded(figures["by_town"].get((locality.pk, stage))) for stage in stages],
        }
        for locality in localities
    ]
    overall = [_rounded(figures["all"].get(stage)) for stage in stages]
    chart = {
        "series": [_("Median hours"), _("90th percentile hours")],
        "unit": " h",
        "rows": [
            {
                "label": stage.label,
                "values": [f["median"], f["p90"]] if f else [None, None],
            }
            for stage, f in zip(stages, overall, strict=True)
        ],
    }
    overall_rows = [
        {"label": stage.label, **(f or {"n": 0, "median": None, "p90": None})}
        for stage, f in zip(stages, overall, strict=True)
    ]
    return {"stages": stages, "rows": rows, "overall": overall_rows, "chart": chart}


def longest_waiting(*, user, localities, limit: int = 20) -> list:
    """The requests waiting longest at the step they are at, and what staff said they
    wait for. A request in contact with the family counts only while staff say it waits."""
    localities = list(localities)  # ids in the SQL, so the planner knows how many
    requests = help_requests_visible_to(user).filter(locality__in=localities)
    now = timezone.now()
    spells = waiting_selectors.longest_waiting(
        requests=requests,
        localities=localities,
        limit=limit,
        extra_waiting=Exists(
            Blockage.objects.open().filter(help_request_id=OuterRef("help_request_id"))
        ),
    )
    reasons = dict(
        Blockage.objects.open()
        .filter(help_request_id__in=[spell.help_request_id for spell in spells])
        .values_list("help_request_id", "reason__name")
    )
    return [
        {
            "help_request": spell.help_request,
            "locality": spell.locality.name if spell.locality else "",
            "stage": spell.get_stage_display(),
            "waiting_for": reasons.get(spell.help_request_id, ""),
            "since": spell.started_at,
            "days": round((now - spell.started_at).total_seconds() / 86400, 1),
        }
        for spell in spells
    ]


REGION_COLUMNS = [
    ("new_this_week", _lazy("New this week")),
    ("open", _lazy("Open")),
    ("overdue", _lazy("Overdue")),
    ("median_hours_to_first_contact", _lazy("Median hours to first contact")),
    ("re_referral_rate", _lazy("Re-referral rate % (12 months)")),
    ("handovers_per_closed", _lazy("Handovers per closed request")),
]


def _headline(counts: dict, wait: dict | None) -> dict:
    return {
        "new_this_week": counts["new_this_week"],
        "open": counts["open"],
        "overdue": counts["overdue"],
        # With nothing to measure, PostgreSQL still answers the region's one group (n = 0).
        "median_hours_to_first_contact": round(wait["median"], 1)
        if wait and wait["median"] is not None
        else None,
        "re_referral_rate": round(100 * counts["re_referred"] / counts["last_year"], 1)
        if counts["last_year"]
        else None,
        "handovers_per_closed": round(counts["handovers"] / counts["closed"], 2)
        if counts["closed"]
        else None,
    }


def region_figures() -> dict:
    """Each council's headline figures and the region's, for region managers: counts and
    rates only, never a request, a reference or a person.

    The region row adds the councils' counts and works its rates out from those sums; its
    median is the median of every request in the region, not an average of medians.
    """
    now = timezone.now()
    year_ago = now - timedelta(days=365)
    requests = HelpRequest.objects.filter(council__isnull=False)
    rows = {
        row.pop("council_id"): row
        for row in requests.order_by()
        .values("council_id")
        .annotate(
            new_this_week=Count("pk", filter=Q(submitted_at__gte=now - timedelta(days=7))),
            open=Count("pk", filter=open_q()),
            overdue=Count("pk", filter=overdue_q()),
            last_year=Count("pk", filter=Q(submitted_at__gte=year_ago)),
            closed=Count("pk", filter=Q(status=HelpRequestStatus.CLOSED)),
            handovers=Coalesce(Sum("handover_count", filter=Q(status=HelpRequestStatus.CLOSED)), 0),
        )
    }
    re_referred = dict(
        requests.filter(submitted_at__gte=year_ago, re_referrals__isnull=False)
        .order_by()
        .values("council_id")
        .annotate(n=Count("pk", distinct=True))
        .values_list("council_id", "n")
    )
    waits = requests.filter(first_contact_at__isnull=False, submitted_at__gte=year_ago).annotate(
        wait=HoursBetween("submitted_at", "first_contact_at"), region=Value(1)
    )
    by_council = percentiles_by(waits, value="wait", group_by=["council_id"])
    region_wait = percentiles_by(waits, value="wait", group_by=["region"]).get((1,))
    keys = ["new_this_week", "open", "overdue", "last_year", "closed", "handovers", "re_referred"]
    total = dict.fromkeys(keys, 0)
    councils = []
    for council in Council.objects.all():
        counts = {**dict.fromkeys(keys, 0), **rows.get(council.pk, {})}
        counts["re_referred"] = re_referred.get(council.pk, 0)
        for key in keys:
            total[key] += counts[key]
        councils.append(
            {"council": council.name, **_headline(counts, by_council.get((council.pk,)))}
        )
    return {"councils": councils, "region": _headline(total, region_wait)}
