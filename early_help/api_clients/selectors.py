"""Reads for the API. Every read starts from what the client may see (`ApiClient.scope_q`),
which is what its service user would see in the staff queue."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core import signing
from django.db.models import Avg, Count, Prefetch, Q
from django.utils import timezone

from ..councils.models import council_ids_of
from ..feedback.models import Feedback
from ..help_requests.models import EventKind, HelpRequest, RequestEvent
from ..localities.models import Locality
from ..shared.answers import Answer
from .models import ApiClient, token_hash

CURSOR_SALT = "early_help.api_clients.changes"
MAX_LIMIT = 1000
# A change is listed only once it is this old. A write stamps `updated_at` inside its
# transaction and is seen only when it commits: without the wait, a reader could pass that
# time before the commit and never see the change. Services commit in well under this.
SETTLE = timedelta(seconds=5)


class BadCursor(ValueError):
    """The cursor was not one this API gave out."""


def api_clients_managed_by(user):
    """The clients this administrator manages: every council's for the region's
    administrators (superusers), their own councils' for a council's administrators."""
    clients = ApiClient.objects.all()
    if not user.is_active:
        return clients.none()
    if user.is_superuser:
        return clients
    return clients.filter(council_id__in=council_ids_of(user))


def api_client_for_token(token: str) -> ApiClient | None:
    """The active client this token belongs to, or None. The lookup is by the token's hash
    (a unique index), so no comparison of secrets happens in Python at all."""
    if not token or len(token) > 200:
        return None
    return (
        ApiClient.objects.active()
        .select_related("service_user")
        .filter(token_hash=token_hash(token))
        .first()
    )


def help_requests_for(client: ApiClient):
    return HelpRequest.objects.filter(client.scope_q())


CHANGED_FIELDS = (
    "id",
    "reference",
    "status",
    "locality__slug",
    "locality__name",
    "in_mash_queue",
    "safeguarding_flag",
    "submitted_at",
    "updated_at",
    "case_reference",
    "imported_at",
)


@dataclass(frozen=True)
class ChangesPage:
    rows: list[dict]
    next_cursor: str
    has_more: bool


def cursor_encode(updated_at: datetime, pk: int) -> str:
    return signing.dumps([updated_at.isoformat(), pk], salt=CURSOR_SALT, compress=True)


def cursor_decode(cursor: str) -> tuple[datetime, int]:
    try:
        when, pk = signing.loads(cursor[:300], salt=CURSOR_SALT)
        updated_at = datetime.fromisoformat(when)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadCursor from error
    if type(pk) is not int or updated_at.tzinfo is None:
        raise BadCursor
    return updated_at, pk


def help_request_changes(*, client: ApiClient, cursor: str = "", limit: int = 100) -> ChangesPage:
    """Requests in scope new or changed after the cursor, in (updated_at, id) order.

    Keyset paging on the change time: a row changed while a client pages moves past the
    cursor and is listed again on a later page, never skipped. One query, answered by the
    (updated_at, id) index; `next_cursor` is where to carry on, now or next time.
    """
    limit = max(1, min(limit, MAX_LIMIT))
    # Plain rows, not model instances: a page of 1,000 is the feed's common case, and
    # building a HelpRequest (and a Locality) per row was most of its time.
    rows = (
        help_requests_for(client)
        .filter(updated_at__lte=timezone.now() - SETTLE)
        .order_by("updated_at", "pk")
        .values(*CHANGED_FIELDS)
    )
    if cursor:
        updated_at, pk = cursor_decode(cursor)
        rows = rows.filter(Q(updated_at__gt=updated_at) | Q(updated_at=updated_at, pk__gt=pk))
    found = list(rows[: limit + 1])
    has_more = len(found) > limit
    found = found[:limit]
    next_cursor = cursor_encode(found[-1]["updated_at"], found[-1]["id"]) if found else cursor
    return ChangesPage(rows=found, next_cursor=next_cursor, has_more=has_more)


def help_request_for_client(*, client: ApiClient, pk: int) -> HelpRequest | None:
    """One request with all the API shows, or None when it is out of scope."""
    timeline = RequestEvent.objects.exclude(kind=EventKind.VIEWED).select_related("actor")
    return (
        help_requests_for(client)
        .select_related("locality", "assigned_to", "lead_agency", "safe_contact", "consent")
        .prefetch_related(
            "children",
            "needs",
            Prefetch("events", queryset=timeline, to_attr="timeline"),
        )
        .filter(pk=pk)
        .first()
    )


SCALES = ("trust", "easy_to_contact", "listens", "explains")


def feedback_summaries(*, client: ApiClient) -> list[dict]:
    """Per team of the client's towns: how much feedback, about whom, the average of each
    scale, and the quotes staff approved for publishing. Nothing that names anyone and no
    free text of the person's own: the feedback report's figures, nothing more."""
    teams = Locality.objects.filter(pk__in=client.localities.values("pk")).order_by("name")
    feedback = Feedback.objects.filter(team__in=teams)
    figures = {
        row["team"]: row
        for row in feedback.values("team").annotate(
            count=Count("pk"),
            anonymous=Count("pk", filter=Q(anonymous=True)),
            urgent=Count("pk", filter=Q(urgent=True)),
            worker_changed=Count("pk", filter=Q(worker_changed=Answer.YES)),
            **{scale: Avg(scale) for scale in SCALES},
        )
    }
    by_role: dict[int, dict[str, int]] = {}
    for row in feedback.values("team", "about_role").annotate(n=Count("pk")).order_by():
        by_role.setdefault(row["team"], {})[row["about_role"]] = row["n"]
    quotes: dict[int, list[str]] = {}
    for team, quote in (
        feedback.filter(approved_to_quote=True)
        .exclude(quote="")
        .order_by("-received_on", "-pk")
        .values_list("team", "quote")
    ):
        quotes.setdefault(team, []).append(quote)
    summaries = []
    for team in teams:
        row = figures.get(team.pk, {})
        summaries.append(
            {
                "team": team.team_name,
                "town": team.slug,
                "count": row.get("count", 0),
                "anonymous": row.get("anonymous", 0),
                "urgent": row.get("urgent", 0),
                "worker_changed": row.get("worker_changed", 0),
                "averages": {
                    scale: round(row[scale], 2) if row.get(scale) is not None else None
                    for scale in SCALES
                },
                "by_role": by_role.get(team.pk, {}),
                "approved_quotes": quotes.get(team.pk, [])[:20],
            }
        )
    return summaries
