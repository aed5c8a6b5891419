"""Outgoing webhooks: telling a case system that something happened, so it fetches it.

An administrator registers an endpoint for an API client and the events it wants. When
one of those events happens to a request or feedback the client may see, a delivery is
written in the same transaction and sent by the task worker, signed with the endpoint's
secret. A delivery carries ids, the reference and the event only: the case system reads
the details through the API, with its own token and its own scope.

The signing secret is kept as it is, not hashed: we must have it to sign. It is shown
once (when made or rotated) and never again; a leaked secret lets someone forge a
notice that makes the case system fetch a record through the API, nothing more.
"""

import ipaddress
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..api_clients.models import ApiClient

SECRET_PREFIX = "fvwh_"  # noqa: S105 - a marker that makes leaked secrets easy to spot


def secret_new() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


class WebhookEvent(models.TextChoices):
    REQUEST_SUBMITTED = "help_request.submitted", _("Request submitted")
    REQUEST_URGENT = "help_request.flagged_urgent", _("Request flagged urgent")
    STATUS_CHANGED = "help_request.status_changed", _("Request status changed")
    FEEDBACK_URGENT = "feedback.flagged_urgent", _("Feedback flagged urgent")


LOCAL_HOSTS = {"localhost"}


def _is_local(host: str) -> bool:
    if host in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def endpoint_url_validate(url: str) -> None:
    """HTTPS only. Plain HTTP only to this machine, and only where a dev or test setting
    allows it (a local receiver in the tests)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme == "https" and host:
        return
    if (
        parts.scheme == "http"
        and _is_local(host)
        and settings.FAMILY_VOICE_WEBHOOKS_ALLOW_LOCAL_HTTP
    ):
        return
    raise ValidationError(_("Enter an address that starts with https://."), code="https")


class WebhookEndpoint(models.Model):
    client = models.ForeignKey(
        ApiClient,
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
        verbose_name=_("API client"),
        help_text=_(
            "The case system this address belongs to. It is told only about what it may see."
        ),
    )
    url = models.URLField(
        _("address"),
        max_length=500,
        validators=[endpoint_url_validate],
        help_text=_("Where we send each notice, by HTTPS POST."),
    )
    events = models.JSONField(
        _("events"),
        default=list,
        help_text=_("What this address is told about."),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Nothing is sent to an address that is not active.")
    )
    secret = models.CharField(max_length=100, editable=False)
    secret_hint = models.CharField(
        _("secret starts"),
        max_length=12,
        editable=False,
        help_text=_("The first characters, so staff can tell secrets apart."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    secret_rotated_at = models.DateTimeField(_("secret last changed"), null=True, editable=False)

    class Meta:
        ordering = ["client__name", "pk"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self) -> str:
        return f"{self.client} {self.url}"

    def wants(self, event: str) -> bool:
        return event in (self.events or [])

    @property
    def event_labels(self) -> list[str]:
        return [WebhookEvent(event).label for event in self.events if event in WebhookEvent.values]

    def secret_set(self, secret: str) -> None:
        self.secret = secret
        self.secret_hint = secret[: len(SECRET_PREFIX) + 4]


class WebhookDeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed: will try again")
    GIVEN_UP = "given_up", _("Given up")

    @classmethod
    def to_send(cls) -> tuple[str, str]:
        return (cls.PENDING.value, cls.FAILED.value)


class WebhookDelivery(models.Model):
    """One notice to one endpoint, however many tries it takes. Its payload holds ids, a
    reference and the event only, never anyone's details."""

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(_("event"), max_length=40, choices=WebhookEvent)
    payload = models.JSONField(_("payload"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=WebhookDeliveryStatus,
        default=WebhookDeliveryStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("tries"), default=0)
    next_attempt_at = models.DateTimeField(_("next try"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    resent_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resends",
        verbose_name=_("a resend of"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [
            # The retry job reads only what is still to send, soonest first.
            models.Index(
                fields=["next_attempt_at"],
                name="webhook_delivery_due_idx",
                condition=models.Q(status__in=["pending", "failed"]),
            ),
        ]

    def __str__(self) -> str:
        return f"Delivery {self.pk} ({self.event})"


class WebhookAttempt(models.Model):
    """One try at a delivery: when, what the receiver answered, how long it took."""

    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    duration_ms = models.PositiveIntegerField(_("took (ms)"), default=0)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("webhook attempt")
        verbose_name_plural = _("webhook attempts")

    def __str__(self) -> str:
        return f"Attempt at {self.at:%Y-%m-%d %H:%M} ({self.http_status or self.error})"

    @property
    def succeeded(self) -> bool:
        return self.http_status is not None and 200 <= self.http_status < 300
