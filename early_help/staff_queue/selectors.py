"""Reads for the staff queue. Every read starts from what the user may see."""

import itertools
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    Field,
    Func,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.db.models.fields.json import KT, KeyTextTransform
from django.db.models.functions import Lower, Trim
from django.db.models.lookups import GreaterThan, LessThan
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..blockages.models import Blockage
from ..help_requests.models import (
    AVOIDABLE,
    Child,
    EventKind,
    HelpRequest,
    HelpRequestNeed,
    RequestEvent,
    ReReferral,
    ReReferralReason,
    queue_order,
    urgent_first,
)
from ..localities.models import Locality
from ..shared.phones import parse_phone
from ..staff_access import roles
from ..staff_access.models import AuditRecord
from ..staff_access.permissions import can_see_who_viewed
from ..texts.models import OutboxMessage, SmsStatus

QUEUE_COUNTS_SECONDS = 60


def help_requests_visible_to(user):
    """Every help request this member of staff may see; out of scope answers 404.

    The rule itself is `HelpRequestQuerySet.visible_to`, which Wagtail's site history
    shares (see `HelpRequestLogEntry`).
    """
    return HelpRequest.objects.visible_to(user)


QUEUE_COUNT_LIMIT = 1000
QUEUE_ROW_UNUSED = (
    "idempotency_key",
    "safeguarding_reasons",
    "date_of_birth",
    "phone",
    "email",
    "postcode",
    "description",
    "help_wanted",
    "other_agencies",
    "lead_practitioner",
    "assigned_to__password",
)
SEARCH_WORDS = 5
CURSOR_SALT = "early_help.staff_queue.cursor"


def help_request_queue(*, user, filters: dict | None = None):
    """The queue a member of staff works from: urgent first, then oldest first.

    Joins what each row shows, so a page of 25 or 100 rows costs the same queries.
    """
    # A correlated subquery, not Count(): a GROUP BY would aggregate every row in scope
    # before the page is cut; this is worked out for the rows shown only.
    children = Child.objects.filter(help_request=OuterRef("pk")).order_by().values("help_request")
    return (
        _queue_matching(user=user, filters=filters or {})
        .select_related("locality", "assigned_to")
        # A row shows none of these; reading them (and parsing each phone number) was a
        # fifth of this selector's time for a page of 100.
        .defer(*QUEUE_ROW_UNUSED)
        .with_overdue()
        .annotate(
            queue_rank=urgent_first(),
            children_count=Subquery(children.annotate(n=Count("pk")).values("n")[:1]),
            text_failed=Exists(
                OutboxMessage.objects.filter(
                    help_request=OuterRef("pk"),
                    status__in=[SmsStatus.UNDELIVERED, SmsStatus.FAILED],
                )
            ),
            # At most one open wait per request, found through its partial unique index.
            waiting_for=Subquery(
                Blockage.objects.open()
                .filter(help_request=OuterRef("pk"))
                .values("reason__name")[:1]
            ),
        )
        .order_by(*queue_order())
    )


def _queue_matching(*, user, filters: dict):
    """The requests in scope that match the filters, unordered and without what rows show.

    Each filter is written so that an index in queue order (see `queue_indexes`) answers
    it, and a page reads only the rows it shows wherever it is in the queue.
    """
    queryset = help_requests_visible_to(user)
    if filters.get("locality"):
        # The town's id as a value the index can seek to, not a join on its slug.
        queryset = queryset.filter(
            locality_id=Subquery(Locality.objects.filter(slug=filters["locality"]).values("pk")[:1])
        )
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    else:
        queryset = queryset.open()
    if filters.get("urgent"):
        queryset = queryset.urgent()
    if filters.get("mash"):
        queryset = queryset.filter(in_mash_queue=True)
    if filters.get("older_than_days"):
        queryset = queryset.filter(
            submitted_at__lte=timezone.now() - timedelta(days=int(filters["older_than_days"]))
        )
    if filters.get("assigned") == "me":
        queryset = queryset.filter(assigned_to=user)
    elif filters.get("assigned") == "nobody":
        queryset = queryset.filter(assigned_to__isnull=True)
    if filters.get("overdue"):
        queryset = queryset.overdue()
    if filters.get("replies"):
        queryset = queryset.filter(has_unread_reply=True)
    if filters.get("family"):
        queryset = queryset.filter(has_family_message=True)
    if filters.get("q"):
        queryset = queryset.filter(search_q(filters["q"]))
    if filters.get("from_text"):
        sender = OutboxMessage.objects.filter(pk=filters["from_text"]).values("phone")[:1]
        queryset = queryset.filter(phone__in=sender)
    return queryset


def search_q(text: str) -> Q:
    """Find by reference, name, or phone typed any way (07700 900123, +44 7700 900123).

    A reference matches exactly, however it is typed (fv-7k3q9, 7K3Q9, FV 7K3Q9). Every
    word must be found in the first or last name: a word of three letters or more anywhere
    in it, a shorter one at its start (on PostgreSQL a trigram index answers both); text
    with a digit in it is not a name. A phone number matches the E.164 the phone column
    holds.
    """
    text = text.strip()[:100]
    compact = re.sub(r"[^A-Z0-9]", "", text.upper())
    references = {text.upper(), f"FV-{compact}"}
    if compact.startswith("FV"):
        references.add(f"FV-{compact[2:]}")
    query = Q(reference__in=sorted(references))
    words = text.split()[:SEARCH_WORDS]
    # Names hold no digits: a phone number or a reference is not also looked for in them.
    if words and not any(character.isdigit() for character in text):
        names = Q()
        for word in words:
            lookup = "icontains" if len(word) >= 3 else "istartswith"
            names &= Q(**{f"first_name__{lookup}": word}) | Q(**{f"last_name__{lookup}": word})
        query |= names
    number = parse_phone(text)
    if number is not None:
        query |= Q(phone=number.as_e164)
    return query


class AtLeast(int):
    """A count that stopped at a limit: shown as "more than 1,000" when it did."""

    def __new__(cls, value: int, *, limit: int):
        count = super().__new__(cls, min(value, limit + 1))
        count.limit = limit
        return count

    def __getnewargs_ex__(self):
        # The menu's counts are cached (pickled) with their limit.
        return (int(self),), {"limit": self.limit}

    @property
    def more(self) -> bool:
        return self > self.limit

    def __str__(self) -> str:
        if self.more:
            return _("more than %(limit)s") % {
                "limit": number_format(self.limit, force_grouping=True)
            }
        return super().__str__()


def count_up_to(queryset, limit: int | None = None) -> AtLeast:
    """How many rows match, counting no further than `limit` (QUEUE_COUNT_LIMIT) + 1.

    One COUNT over a LIMITed subquery: the cost stays that of `limit` rows however many
    requests a region keeps.
    """
    limit = QUEUE_COUNT_LIMIT if limit is None else limit
    return AtLeast(queryset.order_by()[: limit + 1].count(), limit=limit)


@dataclass(frozen=True)
class QueuePage:
    """One page of the queue, with the cursors of its neighbours (None at either end)."""

    rows: list
    count: AtLeast
    next_cursor: str | None
    previous_cursor: str | None


def help_request_queue_page(
    *, user, filters: dict | None = None, per_page: int = 25, after: str = "", before: str = ""
) -> QueuePage:
    """A page of `help_request_queue`, after or before the row a cursor names.

    Keyset paging: a page starts at a row, not at an offset, so a deep page costs what the
    first does and rows arriving or leaving meanwhile never repeat or skip a row. A cursor
    that cannot be read (edited, truncated, older format) gives the first page. At most two
    queries whatever the page: the rows, and a count that stops at QUEUE_COUNT_LIMIT (not
    needed when the whole result fits on the first page, as a search's usually does).
    """
    filters = filters or {}
    queryset = help_request_queue(user=user, filters=filters)
    before_key = _cursor_key(before) if before else None
    after_key = _cursor_key(after) if after and before_key is None else None
    if before_key is not None:
        rows = list(queryset.filter(_row_before(before_key)).reverse()[: per_page + 1])
        has_previous, has_next = len(rows) > per_page, True
        rows = rows[:per_page][::-1]
    else:
        if after_key is not None:
            queryset = queryset.filter(_row_after(after_key))
        rows = list(queryset[: per_page + 1])
        has_previous, has_next = after_key is not None, len(rows) > per_page
        rows = rows[:per_page]
    if has_previous or has_next:
        count = count_up_to(_queue_matching(user=user, filters=filters))
    else:
        count = AtLeast(len(rows), limit=QUEUE_COUNT_LIMIT)
    return QueuePage(
        rows=rows,
        count=count,
        next_cursor=_cursor(rows[-1]) if rows and has_next else None,
        previous_cursor=_cursor(rows[0]) if rows and has_previous else None,
    )


class _Row(Func):
    """A row value, (a, b, c), compared whole as an index compares its key."""

    template = "(%(expressions)s)"
    output_field = Field()


def _row_key(key: tuple) -> _Row:
    return _Row(*[Value(part) for part in key])


def _row_after(key: tuple):
    return GreaterThan(_Row(*queue_order()), _row_key(key))


def _row_before(key: tuple):
    return LessThan(_Row(*queue_order()), _row_key(key))


def _cursor(help_request: HelpRequest) -> str:
    """The row's place in queue order, signed so that it stays opaque."""
    key = [help_request.queue_rank, help_request.submitted_at.isoformat(), help_request.pk]
    return signing.dumps(key, salt=CURSOR_SALT, compress=True)


def _cursor_key(cursor: str) -> tuple | None:
    """The (urgent_first, submitted_at, id) a cursor names, or None when it is not ours."""
    try:
        rank, submitted, pk = signing.loads(cursor[:200], salt=CURSOR_SALT)
        submitted_at = datetime.fromisoformat(submitted)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if rank not in (0, 1) or type(pk) is not int or submitted_at.tzinfo is None:
        return None
    return (rank, submitted_at, pk)


def queue_counts(user) -> dict:
    """For the admin menu badge and the dashboard: open, urgent and overdue in scope,
    each counted no further than QUEUE_COUNT_LIMIT.
    """
    visible = help_requests_visible_to(user).open()
    return {
        "open": count_up_to(visible),
        "urgent": count_up_to(visible.urgent()),
        "overdue": count_up_to(visible.overdue()),
    }


def queue_counts_cached(user) -> dict:
    """The menu's counts, kept for a minute: every admin page shows them."""
    key = f"queue-counts:{user.pk}"
    counts = cache.get(key)
    if counts is None:
        counts = queue_counts(user)
        cache.set(key, counts, QUEUE_COUNTS_SECONDS)
    return counts


def timeline_events(*, user):
    """The lines of a request's timeline this user may read, oldest first.

    "Viewed" lines say who opened the record: only administrators see them (the audit
    trail records every view whoever reads the timeline).
    """
    events = RequestEvent.objects.select_related("actor")
    if not can_see_who_viewed(user):
        events = events.exclude(kind=EventKind.VIEWED)
    return events


def help_request_detail(*, user, pk: int) -> HelpRequest:
    """One request with all it shows, or Http404 when it is out of this user's scope.

    Its timeline, as this user may read it, is `help_request.timeline`.
    """
    return get_object_or_404(
        help_requests_visible_to(user)
        .with_overdue()
        .select_related("locality", "assigned_to", "lead_agency", "safe_contact", "consent")
        .prefetch_related(
            "children",
            "needs",
            Prefetch("events", queryset=timeline_events(user=user), to_attr="timeline"),
            Prefetch("re_referrals", queryset=ReReferral.objects.select_related("earlier")),
            "texts",
        ),
        pk=pk,
    )


def assignable_workers(help_request: HelpRequest):
    """Staff who may be given this request: workers of its town, or MASH duty when with
    MASH; always of the request's own council, never another's."""
    users = get_user_model().objects.filter(is_active=True)
    if help_request.council_id is None:
        return users.none()
    in_council = Q(council_memberships__council_id=help_request.council_id) | Q(
        locality_memberships__locality__council_id=help_request.council_id
    )
    if help_request.in_mash_queue:
        return (
            users.filter(in_council, groups__name=roles.StaffRole.MASH_DUTY)
            .distinct()
            .order_by("first_name")
        )
    return (
        users.filter(
            locality_memberships__locality=help_request.locality,
            locality_memberships__locality__council_id=help_request.council_id,
            groups__name__in=[roles.StaffRole.LOCALITY_WORKER, roles.StaffRole.LOCALITY_MANAGER],
        )
        .distinct()
        .order_by("first_name")
    )


def family_practitioners(help_request: HelpRequest, *, window: timedelta) -> list[str]:
    """Lead practitioners this family has had within `window`, across linked requests."""
    linked = {help_request.pk}
    linked |= set(
        ReReferral.objects.filter(help_request=help_request).values_list("earlier_id", flat=True)
    )
    linked |= set(
        ReReferral.objects.filter(earlier=help_request).values_list("help_request_id", flat=True)
    )
    since = timezone.now() - window
    names: dict[str, str] = {}
    events = RequestEvent.objects.filter(
        help_request_id__in=linked, kind=EventKind.LEAD_CHANGED, created_at__gte=since
    )
    for data in events.values_list("data", flat=True):
        name = (data or {}).get("lead_practitioner", "").strip()
        if name:
            names.setdefault(name.casefold(), name)
    return list(names.values())


def audit_records_of(help_request: HelpRequest, *, limit: int = 500):
    return AuditRecord.objects.filter(help_request=help_request).select_related("user")[:limit]


def repeat_demand(*, requests, since: datetime) -> list[dict]:
    """Why families come back, per town: the requests of `requests` submitted since `since`
    that repeat an earlier one, how many for each reason workers gave, how many have no
    reason yet, and the avoidable share (`help_requests.models.AVOIDABLE`) of those with a
    reason, as a percentage (None when none has one). One aggregate query.

    Each row: locality, re_referrals, reasons ({label: count} in the list's order),
    untagged, avoidable, avoidable_share.
    """
    counts = (
        ReReferral.objects.filter(
            help_request__in=requests.filter(submitted_at__gte=since).order_by().values("pk")
        )
        .order_by()
        .values("help_request__locality__name", "reason")
        # A request linked to two earlier ones is one family coming back, with one reason.
        .annotate(n=Count("help_request", distinct=True))
    )
    towns: dict[str, dict] = {}
    for row in counts:
        town = towns.setdefault(
            row["help_request__locality__name"] or "",
            dict.fromkeys(["", *ReReferralReason.values], 0),
        )
        town[row["reason"]] += row["n"]
    rows = []
    for name in sorted(towns):
        town = towns[name]
        tagged = sum(n for reason, n in town.items() if reason)
        avoidable = sum(town[reason] for reason in AVOIDABLE)
        rows.append(
            {
                "locality": name,
                "re_referrals": tagged + town[""],
                "reasons": {label: town[value] for value, label in ReReferralReason.choices},
                "untagged": town[""],
                "avoidable": avoidable,
                "avoidable_share": round(100 * avoidable / tagged, 1) if tagged else None,
            }
        )
    return rows


def families_with_three_or_more_practitioners(*, requests, since: datetime) -> list[dict]:
    """Per town, the families of `requests` that have had three or more lead practitioners
    since `since`: the rule of `family_practitioners` (names on the "lead changed" lines of
    a request and the requests linked to it, compared without case), in SQL.

    A family is counted once, at its newest request: one that no later request repeats.
    Its family is then it and the earlier requests it repeats. Each row: locality, families.
    One query, whatever the number of requests.
    """
    practitioner = Lower(Trim(KT("data__lead_practitioner")))
    changes = RequestEvent.objects.filter(kind=EventKind.LEAD_CHANGED, created_at__gte=since)
    # Only a request with three changes of its own, or one that repeats an earlier request,
    # can reach three names: reading the names of those alone spares the rest of the year.
    candidates = Q(
        help_request_id__in=changes.order_by()
        .values("help_request_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=3)
        .values("help_request_id")
    ) | Q(help_request_id__in=ReReferral.objects.order_by().values("help_request_id"))
    own = (
        changes.filter(candidates)
        .order_by()
        .annotate(head=F("help_request_id"), name=practitioner)
        .values("head", "name")
    )
    # The names on the earlier requests a request repeats, counted for the later one.
    # One filter() call, so that the annotation reads the events the filter chose.
    inherited = (
        ReReferral.objects.filter(
            earlier__events__kind=EventKind.LEAD_CHANGED, earlier__events__created_at__gte=since
        )
        .order_by()
        .annotate(
            head=F("help_request_id"),
            name=Lower(Trim(KeyTextTransform("lead_practitioner", "earlier__events__data"))),
        )
        .values("head", "name")
    )
    family_names, names_params = own.union(inherited).query.sql_with_params()
    scope, scope_params = (
        requests.order_by()
        .annotate(scope_id=F("pk"), scope_town=F("locality_id"))
        .values("scope_id", "scope_town")
        .query.sql_with_params()
    )
    quote = connection.ops.quote_name
    # Grouping a union is beyond the ORM: the parts above are its SQL, this joins them up.
    # The families are few; every step before the HAVING reads only the year's changes.
    # Only compiled ORM SQL and quoted names are put together; every value is a parameter.
    sql = (
        f"SELECT town.{quote('name')}, COUNT(*) FROM ("  # noqa: S608 - see above
        f"  SELECT names.head FROM ({family_names}) names WHERE names.name <> ''"
        "   GROUP BY names.head HAVING COUNT(DISTINCT names.name) >= 3"
        f") heads JOIN ({scope}) scope ON scope.scope_id = heads.head"
        f" LEFT JOIN {quote(Locality._meta.db_table)} town"
        f"  ON town.{quote('id')} = scope.scope_town"
        f" WHERE NOT EXISTS (SELECT 1 FROM {quote(ReReferral._meta.db_table)} later"
        f"  WHERE later.{quote('earlier_id')} = heads.head)"
        f" GROUP BY town.{quote('name')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (*names_params, *scope_params))
        rows = cursor.fetchall()
    return sorted(
        ({"locality": name or "", "families": families} for name, families in rows),
        key=lambda row: row["locality"],
    )


# What a row of the export shows: nothing that names or reaches the family.
EXPORT_FIELDS = (
    "pk",
    "reference",
    "submitted_at",
    "status",
    "safeguarding_flag",
    "in_mash_queue",
    "locality__name",
    "lead_agency__name",
    "lead_practitioner",
    "assigned_to__first_name",
    "assigned_to__last_name",
    "assigned_to__email",
    "respond_by",
    "first_contact_at",
    "triaged_at",
    "closed_at",
    "outcome",
    "handover_count",
    "reopened_count",
)
EXPORT_CHUNK = 2000


def help_requests_for_export(*, user, filters: dict | None = None, everything: bool = False):
    """The requests a member of staff may download, oldest first: the queue as they have
    filtered it, or (`everything`) every request in their scope whatever its status."""
    if everything:
        requests = help_requests_visible_to(user)
    else:
        requests = _queue_matching(user=user, filters=filters or {})
    return requests.order_by("submitted_at", "pk")


def help_requests_export_rows(help_requests, *, chunk_size: int = EXPORT_CHUNK):
    """Each request as a dict of `EXPORT_FIELDS` plus its `needs` (a list of values),
    read a chunk at a time: plain values, not model instances, and one query for the
    needs of each chunk, so 100,000 rows cost what 2,000 do in memory."""
    rows = help_requests.values(*EXPORT_FIELDS).iterator(chunk_size=chunk_size)
    while chunk := list(itertools.islice(rows, chunk_size)):
        needs: dict[int, list[str]] = {}
        for help_request_id, need in (
            HelpRequestNeed.objects.filter(help_request_id__in=[row["pk"] for row in chunk])
            .order_by("pk")
            .values_list("help_request_id", "need")
        ):
            needs.setdefault(help_request_id, []).append(need)
        for row in chunk:
            row["needs"] = needs.get(row["pk"], [])
            yield row
