"""Reads for the staff queue. Every read starts from what the user may see."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ..help_requests.models import (
    Child,
    EventKind,
    HelpRequest,
    RequestEvent,
    ReReferral,
    overdue_q,
)
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


def help_request_queue(*, user, filters: dict | None = None):
    """The queue a member of staff works from: urgent first, then oldest first.

    Joins what each row shows, so a page of 25 or 100 rows costs the same queries.
    """
    filters = filters or {}
    # A correlated subquery, not Count(): a GROUP BY would aggregate every row in scope
    # before the page is cut; this is worked out for the rows shown only.
    children = Child.objects.filter(help_request=OuterRef("pk")).order_by().values("help_request")
    queryset = (
        help_requests_visible_to(user)
        .select_related("locality", "assigned_to", "lead_agency")
        .with_overdue()
        .annotate(
            children_count=Subquery(children.annotate(n=Count("pk")).values("n")[:1]),
            text_failed=Exists(
                OutboxMessage.objects.filter(
                    help_request=OuterRef("pk"),
                    status__in=[SmsStatus.UNDELIVERED, SmsStatus.FAILED],
                )
            ),
        )
    )
    if filters.get("locality"):
        queryset = queryset.filter(locality__slug=filters["locality"])
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    else:
        queryset = queryset.open()
    if filters.get("urgent"):
        queryset = queryset.filter(safeguarding_flag=True)
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
    if filters.get("q"):
        queryset = queryset.filter(search_q(filters["q"]))
    return queryset.order_by("-safeguarding_flag", "submitted_at", "pk")


def search_q(text: str) -> Q:
    """Find by reference, name, or phone typed any way (07700 900123, +44 7700 900123)."""
    text = text.strip()[:100]
    query = Q(reference__iexact=text) | Q(reference__iexact=f"FV-{text}")
    for word in text.split():
        query |= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    number = parse_phone(text)
    if number is not None:
        query |= Q(phone=number.as_e164)
    return query


def queue_counts(user) -> dict:
    """For the admin menu badge and the dashboard: open, urgent and overdue in scope."""
    visible = help_requests_visible_to(user).open()
    return visible.aggregate(
        open=Count("pk"),
        urgent=Count("pk", filter=Q(safeguarding_flag=True)),
        overdue=Count("pk", filter=overdue_q()),
    )


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
    """Staff who may be given this request: workers of its town, or MASH duty when with MASH."""
    users = get_user_model().objects.filter(is_active=True)
    if help_request.in_mash_queue:
        return (
            users.filter(groups__name=roles.StaffRole.MASH_DUTY).distinct().order_by("first_name")
        )
    return (
        users.filter(
            locality_memberships__locality=help_request.locality,
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
