"""Writes for staff access: the audit trail (DESIGN.md rule 5)."""

from .models import AuditAction, AuditRecord, AuditSubject


def audit_record(
    *,
    user,
    action: AuditAction,
    summary: str,
    help_request=None,
    feedback=None,
    subject: AuditSubject | str = "",
    details: dict | None = None,
) -> AuditRecord:
    """Record who viewed, changed or exported what. Summaries and details never hold
    personal details: say that a search was made, never what was searched for."""
    if not subject:
        if help_request is not None:
            subject = AuditSubject.HELP_REQUEST
        elif feedback is not None:
            subject = AuditSubject.FEEDBACK
    return AuditRecord.objects.create(
        user=user,
        action=action,
        help_request=help_request,
        feedback=feedback,
        subject=subject,
        summary=summary[:300],
        details=details or {},
    )


def audit_trail_export_record(*, user, start, end, kind: str, records: int) -> AuditRecord:
    """Record that someone exported the audit trail itself: the dates, the format, how many."""
    return audit_record(
        user=user,
        action=AuditAction.EXPORTED,
        subject=AuditSubject.AUDIT_TRAIL,
        summary=f"Exported the audit trail ({kind}) from {start:%Y-%m-%d} to {end:%Y-%m-%d}: "
        f"{records} records",
        details={
            "from": start.isoformat(),
            "to": end.isoformat(),
            "format": kind,
            "records": records,
        },
    )
