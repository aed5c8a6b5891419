"""Which towns a member of staff works in, and the audit trail of what staff look at."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..help_requests.models import HelpRequest
from ..localities.models import Locality


class LocalityMembership(models.Model):
    """Which localities a member of staff works in. Scopes what they see in the queue."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="locality_memberships"
    )
    locality = models.ForeignKey(Locality, on_delete=models.CASCADE, related_name="memberships")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "locality"], name="unique_locality_membership")
        ]
        verbose_name = _("locality membership")

    def __str__(self) -> str:
        return f"{self.user} · {self.locality}"


class AuditAction(models.TextChoices):
    VIEWED = "viewed", _("Viewed")
    CHANGED = "changed", _("Changed")
    EXPORTED = "exported", _("Exported")


class AuditRecord(models.Model):
    """Who looked at, changed or exported what, and when (DESIGN.md rule 5)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=10, choices=AuditAction)
    help_request = models.ForeignKey(
        HelpRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="audit_records"
    )
    summary = models.CharField(max_length=300)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit record")

    def __str__(self) -> str:
        return f"{self.user} {self.action} {self.help_request or ''} at {self.at:%Y-%m-%d %H:%M}"
