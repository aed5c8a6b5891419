"""Writes for time at each stage: rebuilding a request's spells from its timeline."""

from django.db import transaction

from ..help_requests.models import HelpRequest, RequestEvent
from .models import StatusSpell
from .rules import TimelineLine, spells_from_timeline


def _spell_rows(help_request_id: int, locality_id, lines: list[TimelineLine]) -> list:
    rows = []
    for spell in spells_from_timeline(lines):
        hours = None
        if spell.ended_at is not None:
            hours = (spell.ended_at - spell.started_at).total_seconds() / 3600
        rows.append(
            StatusSpell(
                help_request_id=help_request_id,
                locality_id=locality_id,
                stage=spell.stage,
                started_at=spell.started_at,
                ended_at=spell.ended_at,
                hours=hours,
            )
        )
    return rows


@transaction.atomic
def status_spells_refresh(*, help_request: HelpRequest) -> None:
    """Replace the request's spells with those its timeline gives now. Called by every
    service that writes a timeline line which can move a request on."""
    lines = [
        TimelineLine(kind, at, data or {})
        for kind, at, data in RequestEvent.objects.filter(help_request=help_request)
        .order_by("created_at", "pk")
        .values_list("kind", "created_at", "data")
    ]
    StatusSpell.objects.filter(help_request=help_request).delete()
    StatusSpell.objects.bulk_create(_spell_rows(help_request.pk, help_request.locality_id, lines))


def status_spells_rebuild(*, batch_size: int = 2000) -> int:
    """Rebuild every request's spells from the timelines (after a rule changes, or to
    fill in spells for requests that came before them). Returns how many requests."""
    done = 0
    ids = list(HelpRequest.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        towns = dict(HelpRequest.objects.filter(pk__in=batch).values_list("pk", "locality_id"))
        lines: dict[int, list[TimelineLine]] = {pk: [] for pk in batch}
        for request_id, kind, at, data in (
            RequestEvent.objects.filter(help_request_id__in=batch)
            .order_by("help_request_id", "created_at", "pk")
            .values_list("help_request_id", "kind", "created_at", "data")
        ):
            lines[request_id].append(TimelineLine(kind, at, data or {}))
        rows = []
        for pk in batch:
            rows.extend(_spell_rows(pk, towns[pk], lines[pk]))
        with transaction.atomic():
            StatusSpell.objects.filter(help_request_id__in=batch).delete()
            StatusSpell.objects.bulk_create(rows, batch_size=5000)
        done += len(batch)
    return done
