"""Reads for time at each stage: the figures on the reports page."""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from ..shared.statistics import percentiles_by
from .models import Stage, StatusSpell

# Stages at which a request is waiting for us rather than being worked with the family.
WAITING_STAGES = [Stage.SUBMITTED, Stage.TRIAGED, Stage.ALLOCATED, Stage.WITH_MASH]


def month_starts(*, months: int = 12, today: datetime.date | None = None) -> list[datetime.date]:
    """The first days of this month and the months before it, newest first."""
    today = today or timezone.localdate()
    first = today.replace(day=1)
    starts = []
    for _ in range(months):
        starts.append(first)
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return starts


def _month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    following = (month + datetime.timedelta(days=32)).replace(day=1)
    tz = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(month, datetime.time.min, tzinfo=tz),
        datetime.datetime.combine(following, datetime.time.min, tzinfo=tz),
    )


def _in_scope(spells, *, requests, localities):
    """Spells of `localities` whose request is in `requests`. The towns narrow the spells
    through their own index; the request scope (which may hide what MASH holds) is then
    checked per spell, which is cheaper than joining every request in the region."""
    return spells.filter(locality__in=localities).filter(
        Exists(requests.filter(pk=OuterRef("help_request_id")))
    )


def time_in_status(*, requests, localities, month: datetime.date) -> dict:
    """Median and 90th percentile hours spent at each stage, for stages that ended in
    `month`, per town and for all the towns together.

    Returns {"by_town": {(locality_id, stage): figures}, "all": {stage: figures}} where
    figures is {"n", "median", "p90"} in hours.
    """
    start, end = _month_bounds(month)
    spells = _in_scope(
        StatusSpell.objects.filter(ended_at__gte=start, ended_at__lt=end),
        requests=requests,
        localities=localities,
    )
    figures = percentiles_by(
        spells, value="hours", group_by=["locality_id", "stage"], totals_by=["stage"]
    )
    return {
        "by_town": {key: f for key, f in figures.items() if key[0] is not None},
        "all": {stage: f for (town, stage), f in figures.items() if town is None},
    }


def longest_waiting(
    *, requests, localities, limit: int = 20, extra_waiting: Q | None = None
) -> list:
    """The open requests that have waited longest at the step they are at now.

    Waiting means at a stage before the family is in contact, or, at any stage, while
    `extra_waiting` holds (staff have said what it waits on).
    """
    waiting = Q(stage__in=WAITING_STAGES)
    if extra_waiting is not None:
        waiting |= extra_waiting
    return list(
        _in_scope(
            StatusSpell.objects.filter(ended_at__isnull=True),
            requests=requests.open(),
            localities=localities,
        )
        .exclude(stage=Stage.WAITING_FOR_AGENCY)
        .filter(waiting)
        .select_related("help_request", "locality")
        .order_by("started_at")[:limit]
    )
