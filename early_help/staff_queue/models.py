"""What the staff queue needs besides the requests themselves."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LeadAgency(models.Model):
    """An agency that can lead the work with a family: one per family at a time."""

    name = models.CharField(
        _("agency"), max_length=120, unique=True, help_text=_("For example Health visiting.")
    )
    active = models.BooleanField(
        _("in use"), default=True, help_text=_("Untick to stop offering it.")
    )
    sort_order = models.PositiveSmallIntegerField(default=0, help_text=_("Lower comes first."))

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("lead agency")
        verbose_name_plural = _("lead agencies")

    def __str__(self) -> str:
        return self.name


class ContinuityAlert(models.Model):
    """The town's managers told that a family has a third lead practitioner in 12 months:
    every change of person is a family telling its story again. Sent once.
    """

    # By name: this module is imported by the one that defines HelpRequest.
    help_request = models.ForeignKey(
        "early_help.HelpRequest", on_delete=models.CASCADE, related_name="continuity_alerts"
    )
    practitioners = models.PositiveSmallIntegerField(
        _("lead practitioners in 12 months"), default=3
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    managers_told = models.PositiveSmallIntegerField(
        _("managers told"), default=0, help_text=_("How many managers the email went to.")
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("continuity alert")

    def __str__(self) -> str:
        return f"Continuity alert {self.pk}"
