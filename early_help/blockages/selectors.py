"""Reads for blockages: a request's wait now, and the hours requests waited, per reason."""

import datetime

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum, Value
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone

from ..help_requests.models import HelpRequest
from .models import Blockage


def open_blockage(help_request: HelpRequest) -> Blockage | None:
    """What the request is waiting for now, if anything."""
    return (
        Blockage.objects.open()
        .filter(help_request=help_request)
        .select_related("reason", "started_by")
        .first()
    )


def blockage_hours_by_reason(*, requests, since: datetime.datetime) -> list[dict]:
    """Hours lost waiting since `since`, per town and reason, most hours first in each town.

    `requests` is a queryset of help requests (the reader's scope). A wait counts from when
    it started, or `since` if earlier, until it was cleared, or now while it is still open.
    One aggregate query, whatever the number of requests.
    Each row: locality, reason, other_agency, hours (one decimal), waits, still_waiting.
    """
    now = timezone.now()
    # The part of each wait inside [since, now].
    start = Greatest(F("started_at"), Value(since))
    end = Least(Coalesce(F("cleared_at"), Value(now)), Value(now))
    rows = (
        Blockage.objects.filter(
            Q(cleared_at__isnull=True) | Q(cleared_at__gt=since),
            started_at__lt=now,
            help_request__in=requests.order_by().values("pk"),
        )
        .order_by()
        .values(
            "help_request__locality__name",
            "reason__name",
            "reason__waits_on_other_agency",
            "reason__sort_order",
        )
        .annotate(
            lost=Sum(ExpressionWrapper(end - start, output_field=DurationField())),
            waits=Count("pk"),
            still_waiting=Count("pk", filter=Q(cleared_at__isnull=True)),
        )
    )
    figures = [
        {
            "locality": row["help_request__locality__name"] or "",
            "reason": row["reason__name"],
            "other_agency": row["reason__waits_on_other_agency"],
            "hours": round((row["lost"] or datetime.timedelta()).total_seconds() / 3600, 1),
            "waits": row["waits"],
            "still_waiting": row["still_waiting"],
            "_order": row["reason__sort_order"],
        }
        for row in rows
    ]
    figures.sort(key=lambda row: (row["locality"], -row["hours"], row["_order"], row["reason"]))
    for row in figures:
        del row["_order"]
    return figures
