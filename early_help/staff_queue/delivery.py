"""Sending a continuity alert: an email to the managers of the request's town.

Like MASH duty's alerts it says the reference and links to the record, nothing that
would identify a family to someone reading over a shoulder.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..staff_access.roles import StaffRole
from .models import ContinuityAlert

logger = logging.getLogger(__name__)


def town_managers(locality_id: int | None):
    """Active locality managers who work in this town."""
    if locality_id is None:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name=StaffRole.LOCALITY_MANAGER.value,
            locality_memberships__locality_id=locality_id,
        )
        .exclude(email="")
        .distinct()
    )


def continuity_alert_deliver(*, alert_id: int) -> int:
    """Email the town's managers if nobody has yet. Returns how many it went to."""
    with transaction.atomic():
        alert = (
            ContinuityAlert.objects.select_for_update()
            .filter(pk=alert_id, sent_at__isnull=True)
            .first()
        )
        if alert is None:
            return 0  # already sent, or a duplicate task
        help_request = alert.help_request
        recipients = sorted(town_managers(help_request.locality_id).values_list("email", flat=True))
        if recipients:
            reference = help_request.reference
            link = settings.PUBLIC_BASE_URL + reverse(
                "help_requests:detail", args=[help_request.pk]
            )
            send_mail(
                subject=_("%(reference)s: a third lead practitioner in 12 months")
                % {"reference": reference},
                message=_(
                    "The family of %(reference)s now has %(count)s lead practitioners in "
                    "12 months. Each change means telling their story again.\n\n"
                    "Open it here: %(link)s\n\n"
                    "This message has no personal details on purpose."
                )
                % {"reference": reference, "count": alert.practitioners, "link": link},
                from_email=None,
                recipient_list=recipients,
            )
        else:
            logger.warning("Continuity alert %s: the town has no manager to tell", alert.pk)
        alert.sent_at = timezone.now()
        alert.managers_told = len(recipients)
        alert.save(update_fields=["sent_at", "managers_told"])
        return len(recipients)
