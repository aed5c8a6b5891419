"""Writes for outgoing webhooks: raising an event, and what administrators do to endpoints.

An event becomes one delivery per endpoint that asked for it and whose client may see the
record, written in the caller's transaction and sent by the task worker after the commit.
"""

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..api_clients.models import ApiClient
from ..feedback.models import Feedback
from ..help_requests.models import HelpRequest
from ..staff_access.models import AuditAction
from ..staff_access.permissions import can_manage_webhooks
from ..staff_access.services import audit_record
from .delivery import QUEUED_LEASE
from .models import (
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
    endpoint_url_validate,
    secret_new,
)
from .selectors import client_sees_feedback, client_sees_help_request, endpoints_wanting
from .tasks import webhook_send


def _payload(event: str, help_request: HelpRequest | None, feedback: Feedback | None) -> dict:
    """Ids, the reference and the event: never a name, a number or anyone's words."""
    payload = {"id": str(uuid.uuid4()), "event": event, "occurred_at": timezone.now().isoformat()}
    if help_request is not None:
        payload |= {"help_request_id": help_request.pk, "reference": help_request.reference}
    if feedback is not None:
        payload |= {"feedback_id": feedback.pk, "reference": feedback.reference}
    return payload


def _sees(client: ApiClient, help_request, feedback) -> bool:
    if help_request is not None:
        return client_sees_help_request(client, help_request)
    return client_sees_feedback(client, feedback)


def _deliveries_queue(deliveries: list[WebhookDelivery]) -> None:
    ids = [delivery.pk for delivery in deliveries]
    transaction.on_commit(lambda: [webhook_send.enqueue(pk, 1) for pk in ids])


def webhook_event_raise(
    *, event: str, help_request: HelpRequest | None = None, feedback: Feedback | None = None
) -> list[WebhookDelivery]:
    """Tell the case systems that asked for this event and may see the record.

    Call it inside the transaction that made the change: the deliveries are written with
    it (so a rollback sends nothing) and queued after the commit. Scope is the API's
    (`ApiClient.scope_q`) as the record is after the change.
    """
    if (help_request is None) == (feedback is None):
        raise ValueError("Name one help request or one feedback")
    endpoints = endpoints_wanting(event)
    if not endpoints:
        return []
    payload = _payload(event, help_request, feedback)
    seen: dict[int, bool] = {}
    deliveries = []
    for endpoint in endpoints:
        if endpoint.client_id not in seen:
            seen[endpoint.client_id] = _sees(endpoint.client, help_request, feedback)
        if seen[endpoint.client_id]:
            deliveries.append(
                WebhookDelivery.objects.create(
                    endpoint=endpoint,
                    event=event,
                    payload=payload,
                    next_attempt_at=timezone.now() + QUEUED_LEASE,
                )
            )
    _deliveries_queue(deliveries)
    return deliveries


def webhook_status_changed(*, help_request: HelpRequest, previous: str) -> None:
    """Raise "status changed" when a service moved the request to another status."""
    if help_request.status != previous:
        webhook_event_raise(event=WebhookEvent.STATUS_CHANGED, help_request=help_request)


def _require(user) -> None:
    if not can_manage_webhooks(user):
        raise PermissionDenied


def _events_clean(events) -> list[str]:
    chosen = [event for event in WebhookEvent.values if event in set(events)]
    if not chosen:
        raise ValidationError(_("Choose at least one event."))
    return chosen


def _audit(user, summary: str, endpoint: WebhookEndpoint, **details) -> None:
    audit_record(
        user=user,
        action=AuditAction.CHANGED,
        summary=summary,
        details={"webhook_endpoint": endpoint.pk, "api_client": endpoint.client_id, **details},
    )


@transaction.atomic
def webhook_endpoint_create(
    *, user, client: ApiClient, url: str, events: list[str]
) -> tuple[WebhookEndpoint, str]:
    """Register an address for a client. Returns the endpoint and its signing secret,
    which is shown this once."""
    _require(user)
    endpoint_url_validate(url)
    secret = secret_new()
    endpoint = WebhookEndpoint(client=client, url=url, events=_events_clean(events))
    endpoint.secret_set(secret)
    endpoint.save()
    _audit(user, f"Webhook address {endpoint.pk} added for API client {client.pk}", endpoint)
    return endpoint, secret


@transaction.atomic
def webhook_endpoint_change(
    *, user, endpoint: WebhookEndpoint, url: str, events: list[str]
) -> WebhookEndpoint:
    """Change where notices go and which events. The secret stays."""
    _require(user)
    endpoint_url_validate(url)
    endpoint.url, endpoint.events = url, _events_clean(events)
    endpoint.save(update_fields=["url", "events"])
    _audit(user, f"Webhook address {endpoint.pk} changed", endpoint, events=endpoint.events)
    return endpoint


@transaction.atomic
def webhook_endpoint_secret_rotate(*, user, endpoint: WebhookEndpoint) -> str:
    """A new signing secret, at once: tries from now on are signed with it. Returns it,
    shown this once."""
    _require(user)
    secret = secret_new()
    endpoint.secret_set(secret)
    endpoint.secret_rotated_at = timezone.now()
    endpoint.save(update_fields=["secret", "secret_hint", "secret_rotated_at"])
    _audit(user, f"Webhook address {endpoint.pk}: new signing secret", endpoint)
    return secret


@transaction.atomic
def webhook_endpoint_set_active(*, user, endpoint: WebhookEndpoint, active: bool):
    """Stop (or start again) sending to an address. Deliveries still waiting are given up
    when their turn comes."""
    _require(user)
    endpoint.active = active
    endpoint.save(update_fields=["active"])
    verb = "reactivated" if active else "deactivated"
    _audit(user, f"Webhook address {endpoint.pk} {verb}", endpoint)
    return endpoint


@transaction.atomic
def webhook_delivery_resend(*, user, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send the same notice again, as a new delivery (the receiver can tell it is the same
    event by the payload's `id`). Refused when the address is not active or its client may
    no longer see the record."""
    _require(user)
    endpoint = delivery.endpoint
    if not endpoint.active or not endpoint.client.is_active:
        raise ValidationError(_("This address is not active: nothing was sent."))
    payload = delivery.payload
    help_request = HelpRequest.objects.filter(pk=payload.get("help_request_id")).first()
    feedback = Feedback.objects.filter(pk=payload.get("feedback_id")).first()
    if (help_request or feedback) is None or not _sees(endpoint.client, help_request, feedback):
        raise ValidationError(_("This API client may no longer see that record: nothing was sent."))
    resend = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event=delivery.event,
        payload=payload,
        resent_from=delivery,
        next_attempt_at=timezone.now() + QUEUED_LEASE,
    )
    _audit(
        user,
        f"Webhook delivery {delivery.pk} resent as {resend.pk}",
        endpoint,
        delivery=delivery.pk,
        resend=resend.pk,
    )
    _deliveries_queue([resend])
    return resend
