"""Blockages: a request waiting on something outside the worker's hands, and why."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..help_requests.models import HelpRequest


class BlockageReason(models.Model):
    """What a request can be waiting for. Editable: the council names its own blockages."""

    name = models.CharField(
        _("reason"),
        max_length=120,
        unique=True,
        help_text=_("As staff choose it and managers read it, for example Waiting for school."),
    )
    help_text = models.CharField(
        _("help for staff"),
        max_length=250,
        blank=True,
        help_text=_("Shown to staff with the list: when to choose this reason."),
    )
    waits_on_other_agency = models.BooleanField(
        _("waits on another agency"),
        default=False,
        help_text=_(
            "Tick when the request waits for another agency's answer or decision: the time "
            "counts as waiting for other agencies."
        ),
    )
    active = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_("Untick to stop offering it. Past waits keep their reason."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower comes first.")
    )

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("waiting reason")
        verbose_name_plural = _("waiting reasons")

    def __str__(self) -> str:
        return self.name


class BlockageQuerySet(models.QuerySet):
    def open(self):
        return self.filter(cleared_at__isnull=True)


class Blockage(models.Model):
    """One time a request waited: from when a worker marked it until the wait was over.

    The clock runs until it is cleared, by a worker or by the request closing, being
    withdrawn or passing to MASH duty.
    """

    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="blockages"
    )
    reason = models.ForeignKey(
        BlockageReason,
        on_delete=models.PROTECT,
        related_name="blockages",
        verbose_name=_("waiting for"),
    )
    started_at = models.DateTimeField(_("waiting since"), default=timezone.now)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cleared_at = models.DateTimeField(_("wait over"), null=True, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = BlockageQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("wait")
        verbose_name_plural = _("waits")
        constraints = [
            # One wait at a time: hours lost must not be counted twice for one request.
            models.UniqueConstraint(
                fields=["help_request"],
                condition=Q(cleared_at__isnull=True),
                name="one_open_blockage_per_request",
            ),
            models.CheckConstraint(
                condition=Q(cleared_at__isnull=True) | Q(cleared_at__gte=models.F("started_at")),
                name="blockage_clears_after_it_starts",
            ),
        ]
        indexes = [
            # The report reads the waits of the past year: the open ones (the partial unique
            # index above) and those cleared since a date.
            models.Index(fields=["cleared_at"], name="blockage_cleared_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.help_request} waiting: {self.reason}"

    @property
    def is_open(self) -> bool:
        return self.cleared_at is None
