"""Reads. Views ask here rather than building querysets themselves."""

from datetime import timedelta

from django.contrib.sessions.backends.base import SessionBase
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import (
    Child,
    Feedback,
    HelpRequest,
    HelpRequestDraft,
    HelpRequestStatus,
    NeighbouringCouncil,
    OutboxMessage,
    RequestEvent,
    ReReferral,
    SmsStatus,
)
from .phones import parse_phone
from .services import DRAFT_SESSION_KEY


def draft_for_session(session: SessionBase) -> HelpRequestDraft | None:
    """The visitor's draft: live, or already submitted (so a resubmit finds its request)."""
    key = session.get(DRAFT_SESSION_KEY)
    if not key:
        return None
    return (
        HelpRequestDraft.objects.select_related("help_request", "help_request__locality")
        .filter(Q(help_request__isnull=False) | Q(expires_at__gt=timezone.now()), key=key)
        .first()
    )


def neighbouring_council(pk: int | None) -> NeighbouringCouncil | None:
    return NeighbouringCouncil.objects.filter(pk=pk).first() if pk else None


# --- The staff queue -------------------------------------------------------------------


def localities_of(user) -> list[int]:
    return list(user.locality_memberships.values_list("locality_id", flat=True))


def help_requests_visible_to(user):
    """Every help request this member of staff may see; out of scope answers 404.

    Administrators and service managers see all; MASH duty sees what is with MASH or
    flagged; locality staff see their towns' requests once MASH has passed them on.
    """
    from . import roles

    requests = HelpRequest.objects.all()
    if not user.is_active:
        return requests.none()
    if user.is_superuser or user.has_perm(roles.VIEW_ALL):
        return requests
    scope = Q(pk__in=[])
    if user.has_perm(roles.MASH):
        scope |= Q(in_mash_queue=True) | Q(safeguarding_flag=True)
    if user.has_perm(roles.WORK):
        scope |= Q(locality_id__in=localities_of(user), in_mash_queue=False)
    return requests.filter(scope)


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
        queryset = queryset.filter(overdue_q())
    if filters.get("replies"):
        queryset = queryset.filter(has_unread_reply=True)
    if filters.get("q"):
        queryset = queryset.filter(search_q(filters["q"]))
    return queryset.order_by("-safeguarding_flag", "submitted_at", "pk")


def overdue_q() -> Q:
    """Past the promised first-contact date with no contact yet, or flagged and untriaged."""
    today = timezone.localdate()
    not_contacted = Q(first_contact_at__isnull=True, respond_by__lt=today)
    return (
        not_contacted | Q(in_mash_queue=True, triaged_at__isnull=True, respond_by__lt=today)
    ) & ~Q(status__in=[HelpRequestStatus.CLOSED, HelpRequestStatus.WITHDRAWN])


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


def help_request_detail(*, user, pk: int) -> HelpRequest:
    """One request with all it shows, or Http404 when it is out of this user's scope."""
    return get_object_or_404(
        help_requests_visible_to(user)
        .select_related("locality", "assigned_to", "lead_agency", "safe_contact", "consent")
        .prefetch_related(
            "children",
            "needs",
            Prefetch("events", queryset=RequestEvent.objects.select_related("actor")),
            Prefetch("re_referrals", queryset=ReReferral.objects.select_related("earlier")),
            "texts",
        ),
        pk=pk,
    )


def assignable_workers(help_request: HelpRequest):
    """Staff who may be given this request: workers of its town, or MASH duty when with MASH."""
    from django.contrib.auth import get_user_model

    from .roles import StaffRole

    users = get_user_model().objects.filter(is_active=True)
    if help_request.in_mash_queue:
        return users.filter(groups__name=StaffRole.MASH_DUTY).distinct().order_by("first_name")
    return (
        users.filter(
            locality_memberships__locality=help_request.locality,
            groups__name__in=[StaffRole.LOCALITY_WORKER, StaffRole.LOCALITY_MANAGER],
        )
        .distinct()
        .order_by("first_name")
    )


def today():
    return timezone.localdate()


def queue_counts_cached(user) -> dict:
    """The menu's counts, kept for a minute: every admin page shows them."""
    from django.core.cache import cache

    key = f"queue-counts:{user.pk}"
    counts = cache.get(key)
    if counts is None:
        counts = queue_counts(user)
        cache.set(key, counts, 60)
    return counts


# --- Feedback ----------------------------------------------------------------------------


def feedback_visible_to(user):
    """Managers see feedback about their teams' workers; MASH duty sees urgent feedback;
    service managers and administrators see all. Workers use `feedback_about_me`."""
    from . import roles

    feedback = Feedback.objects.select_related("team", "link")
    if not user.is_active:
        return feedback.none()
    if user.is_superuser or user.has_perm(roles.VIEW_ALL):
        return feedback
    scope = Q(pk__in=[])
    if user.has_perm(roles.MASH):
        scope |= Q(urgent=True)
    if user.has_perm(roles.ASSIGN):
        scope |= Q(team__memberships__user=user)
    return feedback.filter(scope).distinct()


def feedback_about_me(user):
    """What a worker may read about themselves: anonymous feedback only, answers only."""
    return Feedback.objects.filter(link__worker=user, anonymous=True, urgent=False).only(
        "about_role",
        "trust",
        "easy_to_contact",
        "listens",
        "explains",
        "going_well",
        "could_be_better",
    )


# `cms` publishes the feedback page and tells us how to build its links (early_help
# never imports cms): see cms.apps.CmsConfig.ready.
feedback_link_url_builder = None


def feedback_link_url(link) -> str | None:
    """The full address a worker's QR code points to, or None without a live feedback page."""
    return feedback_link_url_builder(link) if feedback_link_url_builder else None
