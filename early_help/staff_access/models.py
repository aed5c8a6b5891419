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


class AuditSubject(models.TextChoices):
    """What kind of thing was looked at, changed or exported."""

    HELP_REQUEST = "help_request", _("Help request")
    QUEUE = "queue", _("Help requests queue")
    TEXTS = "texts", _("Texts page")
    FEEDBACK = "feedback", _("Feedback")
    FEEDBACK_LIST = "feedback_list", _("Feedback list")
    REPORT = "report", _("Report")
    AUDIT_TRAIL = "audit_trail", _("Audit trail")


class AuditRecord(models.Model):
    """Who looked at, changed or exported what, and when (DESIGN.md rule 5).

    Neither `summary` nor `details` holds personal details of a family: a list page
    records which references it showed and that a search was made, never what was
    searched for.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=10, choices=AuditAction)
    help_request = models.ForeignKey(
        HelpRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="audit_records"
    )
    feedback = models.ForeignKey(
        "early_help.Feedback",
        null=True,
        blank=True,
        # The record of who read the feedback outlives the feedback itself.
        on_delete=models.SET_NULL,
        related_name="audit_records",
    )
    subject = models.CharField(
        max_length=20,
        choices=AuditSubject,
        blank=True,
        help_text=_("What kind of page or record; blank on records made before it was kept."),
    )
    summary = models.CharField(max_length=300)
    details = models.JSONField(
        default=dict,
        blank=True,
        help_text=_(
            "What a page showed, without personal details: references shown, filters, "
            "whether a search was made, how many rows."
        ),
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit record")

    def __str__(self) -> str:
        return f"{self.user} {self.action} {self.help_request or ''} at {self.at:%Y-%m-%d %H:%M}"
