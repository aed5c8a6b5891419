"""Reads for feedback. Every read starts from what the user may see."""

from statistics import mean

from django.db.models import Avg, Count, Q

from ..councils.models import council_ids_of, sole_council_id
from ..shared.answers import Answer
from ..staff_access import roles
from .models import Feedback, FeedbackJourney, FeedbackLink, FeedbackStatus


def feedback_visible_to(user):
    """Within their own councils: managers see feedback about their teams' workers; MASH
    duty sees urgent feedback; service managers see all. The region's administrators
    (superusers) see everything. Workers use `feedback_about_me`."""
    feedback = Feedback.objects.select_related("team", "link")
    if not user.is_active:
        return feedback.none()
    if user.is_superuser:
        return feedback
    councils = council_ids_of(user)
    if not councils:
        return feedback.none()
    in_councils = Q(team__council_id__in=councils)
    if sole_council_id() in councils:
        # Feedback about no team is the deployment's only council's.
        in_councils |= Q(team__isnull=True)
    in_councils = feedback.filter(in_councils)
    if user.has_perm(roles.VIEW_ALL):
        return in_councils
    scope = Q(pk__in=[])
    if user.has_perm(roles.MASH):
        scope |= Q(urgent=True)
    if user.has_perm(roles.ASSIGN):
        scope |= Q(team__memberships__user=user)
    return in_councils.filter(scope).distinct()


def feedback_list(*, user, urgent_only: bool = False, status: str = "", limit: int = 200):
    """The feedback queue: urgent first, then new, newest first."""
    items = feedback_visible_to(user)
    if urgent_only:
        items = items.filter(urgent=True)
    if status in FeedbackStatus.values:
        items = items.filter(status=status)
    return items.order_by("-urgent", "status", "-received_on", "-pk")[:limit]


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


def feedback_links_for(user):
    """Workers' feedback links this member of staff looks after: their teams', or all."""
    links = FeedbackLink.objects.select_related("team")
    if not user.is_active:
        return links.none()
    if user.is_superuser:
        return links
    if user.has_perm(roles.VIEW_ALL):
        return links.filter(team__council_id__in=council_ids_of(user))
    return links.filter(team__memberships__user=user).distinct()


SCALES = ("trust", "easy_to_contact", "listens", "explains")


def feedback_report(*, user) -> dict:
    """The figures of the feedback report, over everything this user may see."""
    visible = feedback_visible_to(user)
    by_team_role = (
        visible.values("team__name", "about_role")
        .annotate(
            count=Count("pk"),
            **{scale: Avg(scale) for scale in SCALES},
            changed=Count("pk", filter=Q(worker_changed=Answer.YES)),
            urgent=Count("pk", filter=Q(urgent=True)),
        )
        .order_by("team__name", "about_role")
    )
    by_month = (
        visible.values("received_on__year", "received_on__month")
        .annotate(count=Count("pk"), trust=Avg("trust"), listens=Avg("listens"))
        .order_by("received_on__year", "received_on__month")
    )
    changes = list(
        visible.filter(
            journey=FeedbackJourney.YOUNG_PERSON, worker_changes__isnull=False
        ).values_list("worker_changes", flat=True)
    )
    averages = visible.aggregate(**{scale: Avg(scale) for scale in SCALES})
    lowest = sorted(
        ((scale, round(value, 2)) for scale, value in averages.items() if value is not None),
        key=lambda pair: pair[1],
    )
    return {
        "by_team_role": by_team_role,
        "by_month": by_month,
        "young_changes_average": round(mean(changes), 1) if changes else None,
        "young_changes_count": len(changes),
        "lowest": lowest,
    }


# `cms` publishes the feedback page and tells us how to build its links (early_help
# never imports cms): see cms.apps.CmsConfig.ready.
feedback_link_url_builder = None


def feedback_link_url(link) -> str | None:
    """The full address a worker's QR code points to, or None without a live feedback page."""
    return feedback_link_url_builder(link) if feedback_link_url_builder else None
