"""The one-time code a family types to see where their request is ("Where is my request?")."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..help_requests.models import HelpRequest


class TrackingCode(models.Model):
    """The code we last texted for one request. Only its hash is kept; a new code replaces
    the old one, so a request has at most one that works."""

    help_request = models.OneToOneField(
        HelpRequest, on_delete=models.CASCADE, related_name="tracking_code"
    )
    code_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(
        default=0, help_text=_("Wrong codes typed since this one was sent.")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("'where is my request?' code")

    def __str__(self) -> str:
        return f"Tracking code for {self.help_request_id}"
