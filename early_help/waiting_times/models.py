"""How long each request spends at each step, worked out from its timeline.

A `StatusSpell` is one stretch of time a request spent at one stage. Spells are never
typed in: `services.status_spells_refresh` rebuilds a request's spells from its timeline
whenever the timeline changes, with the rules in `rules.py`. They are kept as rows only so
that the reports can take medians over a region's requests without replaying timelines.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..help_requests.models import HelpRequest
from ..localities.models import Locality


class Stage(models.TextChoices):
    """Where a request waits. The first five follow its status; waiting for another
    agency runs alongside them, while staff say the request waits on another agency."""

    SUBMITTED = "submitted", _("Submitted")
    TRIAGED = "triaged", _("Triaged")
    ALLOCATED = "allocated", _("Allocated")
    IN_CONTACT = "in_contact", _("In contact")
    WITH_MASH = "with_mash", _("With MASH")
    WAITING_FOR_AGENCY = "waiting_for_agency", _("Waiting for another agency")


class StatusSpell(models.Model):
    help_request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="spells")
    # The request's town when the spell was worked out: the reports group by it without
    # a join, and a request routed to another town moves all its spells with it.
    locality = models.ForeignKey(
        Locality, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage)
    started_at = models.DateTimeField(_("started"))
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    hours = models.FloatField(_("hours"), null=True, blank=True, help_text=_("Once ended."))

    class Meta:
        verbose_name = _("time at a stage")
        verbose_name_plural = _("times at each stage")
        indexes = [
            models.Index(fields=["ended_at", "locality", "stage"], name="spell_month_idx"),
            # The requests waiting longest right now: open spells, oldest first.
            models.Index(
                fields=["started_at"], name="spell_open_idx", condition=Q(ended_at__isnull=True)
            ),
            models.Index(
                fields=["locality", "started_at"],
                name="spell_open_town_idx",
                condition=Q(ended_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.help_request_id} {self.stage} from {self.started_at:%Y-%m-%d %H:%M}"
