"""Writes for staff access: the audit trail (DESIGN.md rule 5)."""

from .models import AuditAction, AuditRecord


def audit_record(*, user, action: AuditAction, summary: str, help_request=None) -> AuditRecord:
    """Record who viewed, changed or exported what. Summaries never hold personal details."""
    return AuditRecord.objects.create(
        user=user, action=action, help_request=help_request, summary=summary[:300]
    )
