"""Reads for staff access: the audit trail."""

import datetime

from .models import AuditRecord


def audit_records_between(*, start: datetime.datetime, end: datetime.datetime):
    """Audit records from `start` (included) to `end` (excluded), oldest first, with who
    and what they are about joined in."""
    return (
        AuditRecord.objects.filter(at__gte=start, at__lt=end)
        .select_related("user", "help_request", "feedback")
        .order_by("at", "pk")
    )
