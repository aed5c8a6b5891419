"""A record of every run of a scheduled job: when, how it ended, what it did."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobOutcome(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class JobRun(models.Model):
    """One run of one job. (job, scheduled_for) is unique, so two schedulers on two
    machines never run the same tick twice."""

    job = models.CharField(_("job"), max_length=60)
    scheduled_for = models.DateTimeField(_("scheduled for"))
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=JobOutcome, default=JobOutcome.QUEUED
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    counts = models.JSONField(_("what it did"), default=dict, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)

    class Meta:
        ordering = ["-scheduled_for"]
        verbose_name = _("scheduled job run")
        constraints = [
            models.UniqueConstraint(fields=["job", "scheduled_for"], name="one_run_per_tick")
        ]
        indexes = [models.Index(fields=["job", "outcome", "-finished_at"])]

    def __str__(self) -> str:
        return f"{self.job} at {self.scheduled_for:%Y-%m-%d %H:%M}"
