"""Reads for staff access: which councils staff work for, and the audit trail."""

import datetime

from django.db.models import Q

from ..councils.models import Council, CouncilMembership, council_ids_of
from .models import AuditRecord


def councils_of(user):
    """The councils this member of staff works for: their memberships and their towns'
    councils. Superusers (the region's administrators) are members of none but see all."""
    return Council.objects.of(user)


def councils_in_scope(user):
    """The councils whose records this user's scopes reach: every council for the
    region's administrators, else their own."""
    if user.is_active and user.is_superuser:
        return Council.objects.all()
    return councils_of(user)


def audit_records_visible_to(user):
    """The audit records this administrator may export: all of them for the region's
    administrators (superusers); for a council's administrators, records about their
    councils' requests and feedback, and the rest (sign-ins, texts page, exports) of
    staff who belong to their councils."""
    records = AuditRecord.objects.all()
    if not user.is_active:
        return records.none()
    if user.is_superuser:
        return records
    councils = council_ids_of(user)
    members = CouncilMembership.objects.filter(council_id__in=councils).values("user_id")
    return records.filter(
        Q(help_request__council_id__in=councils)
        | Q(help_request__isnull=True, feedback__team__council_id__in=councils)
        | Q(help_request__isnull=True, feedback__isnull=True, user_id__in=members)
    )


def audit_records_between(*, user, start: datetime.datetime, end: datetime.datetime):
    """The audit records `user` may export from `start` (included) to `end` (excluded),
    oldest first, with who and what they are about joined in."""
    return (
        audit_records_visible_to(user)
        .filter(at__gte=start, at__lt=end)
        .select_related("user", "help_request", "feedback")
        .order_by("at", "pk")
    )
