"""Reads for outgoing webhooks: who is told about what, and what staff see of deliveries."""

from django.db.models import Count, Max, Q
from django.utils import timezone

from ..api_clients.models import ApiClient
from ..councils.models import sole_council_id
from ..feedback.models import Feedback
from ..help_requests.models import HelpRequest
from .models import WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint


def endpoints_wanting(event: str) -> list[WebhookEndpoint]:
    """Active endpoints of clients still allowed in that asked for this event."""
    endpoints = WebhookEndpoint.objects.filter(
        active=True, client__revoked_at__isnull=True
    ).select_related("client")
    return [endpoint for endpoint in endpoints if endpoint.wants(event)]


def client_sees_help_request(client: ApiClient, help_request: HelpRequest) -> bool:
    """The API's own scope rule (`ApiClient.scope_q`), asked of the request as it is now."""
    return HelpRequest.objects.filter(client.scope_q(), pk=help_request.pk).exists()


def client_sees_feedback(client: ApiClient, feedback: Feedback) -> bool:
    """A town's system hears of feedback about its towns' teams; MASH's own system hears
    of urgent feedback from anywhere in its council, as MASH duty reads it."""
    if client.council_id is None:
        return False
    if client.sees_mash_queue and feedback.urgent:
        # Feedback about no team is the deployment's only council's, if it has one.
        council_id = feedback.team.council_id if feedback.team_id else sole_council_id()
        return council_id == client.council_id
    if feedback.team_id is None:
        return False
    return client.localities.filter(pk=feedback.team_id, council_id=client.council_id).exists()


def deliveries_due(*, now=None, limit: int = 500):
    """Deliveries whose next try has come, soonest first."""
    now = now or timezone.now()
    return WebhookDelivery.objects.filter(
        status__in=WebhookDeliveryStatus.to_send(), next_attempt_at__lte=now
    ).order_by("next_attempt_at", "pk")[:limit]


def endpoints_for_admin():
    """Every endpoint, with how its deliveries are going."""
    return WebhookEndpoint.objects.select_related("client").annotate(
        failing=Count(
            "deliveries",
            filter=Q(
                deliveries__status__in=[
                    WebhookDeliveryStatus.FAILED,
                    WebhookDeliveryStatus.GIVEN_UP,
                ]
            ),
        ),
        last_delivery_at=Max("deliveries__created_at"),
    )


def endpoint_deliveries(endpoint: WebhookEndpoint, *, failures_only: bool = False, limit=100):
    """An endpoint's latest deliveries, each with its tries."""
    deliveries = endpoint.deliveries.prefetch_related("attempt_log")
    if failures_only:
        deliveries = deliveries.filter(
            status__in=[WebhookDeliveryStatus.FAILED, WebhookDeliveryStatus.GIVEN_UP]
        )
    return deliveries[:limit]
