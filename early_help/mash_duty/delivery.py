"""Sending a MASH alert: an email to the duty inbox and, when set, a text to the duty mobile.

What the alert says is the reference and a link to the record: nothing that would
identify a family to someone reading over a shoulder.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ..feedback.models import Feedback
from ..help_requests.models import HelpRequest
from ..texts.services import sms_queue_to_staff
from .models import MashAlert, MashAlertChannel
from .selectors import mash_duty_settings

logger = logging.getLogger(__name__)


def _link(alert: MashAlert) -> str:
    if alert.help_request_id:
        path = reverse("help_requests:detail", args=[alert.help_request_id])
    else:
        path = reverse("feedback:detail", args=[alert.feedback_id])
    return settings.PUBLIC_BASE_URL + path


def _council_site(alert: MashAlert):
    if alert.help_request_id:
        council = (
            HelpRequest.objects.select_related("council__site")
            .get(pk=alert.help_request_id)
            .council
        )
    elif alert.feedback_id:
        team = Feedback.objects.select_related("team__council__site").get(pk=alert.feedback_id).team
        council = team.council if team is not None else None
    else:
        council = None
    return council.site if council is not None else None


def mash_alert_deliver(*, alert_id: int) -> list[str]:
    """Send the alert if nobody has yet. Returns the channels it went by."""
    with transaction.atomic():
        # Lock the alert row alone: PostgreSQL cannot lock the nullable side of a join.
        alert = (
            MashAlert.objects.select_for_update().filter(pk=alert_id, sent_at__isnull=True).first()
        )
        if alert is None:
            return []  # already sent, or a duplicate task
        # The duty team of the council the request (or the worker's team) belongs to.
        duty = mash_duty_settings(_council_site(alert))
        reference, link = alert.subject_reference, _link(alert)
        channels = []
        if duty.alert_email:
            send_mail(
                subject=f"Urgent: {reference} is waiting for MASH duty",
                message=(
                    f"{reference} needs MASH duty now.\n\nOpen it here: {link}\n\n"
                    "This message has no personal details on purpose."
                ),
                from_email=None,
                recipient_list=[duty.alert_email],
            )
            channels.append(MashAlertChannel.EMAIL.value)
        if duty.alert_phone:
            sms_queue_to_staff(phone=duty.alert_phone, body=f"Urgent: {reference} {link}")
            channels.append(MashAlertChannel.TEXT.value)
        if not channels:
            logger.warning("MASH alert %s: no duty inbox or mobile is set", alert.pk)
        alert.sent_at = timezone.now()
        alert.channels = channels
        alert.save(update_fields=["sent_at", "channels"])
        return channels
