"""MASH duty: when the team answers, and where an urgent request or feedback alerts it."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from ..feedback.models import Feedback
from ..help_requests.models import HelpRequest


@register_setting(icon="warning")
class MashDutySettings(BaseSiteSetting):
    """When MASH duty is open, and how it is told at once about urgent requests and feedback.

    Out of these hours (and on weekends and bank holidays) the site tells people to call the
    emergency duty team or 999 instead of promising that someone will look today.
    """

    opens_at = models.TimeField(
        _("opens at"),
        default=datetime.time(8, 45),
        help_text=_("Monday to Friday, UK time. Weekends and bank holidays are closed."),
    )
    closes_at = models.TimeField(_("closes at, Monday to Thursday"), default=datetime.time(17, 15))
    closes_at_friday = models.TimeField(_("closes at on Friday"), default=datetime.time(16, 45))
    alert_email = models.EmailField(
        _("duty inbox"),
        blank=True,
        help_text=_(
            "Told at once about every urgent request and urgent feedback: the reference and a "
            "link, never personal details."
        ),
    )
    alert_phone = PhoneNumberField(
        _("duty mobile for alert texts"),
        blank=True,
        region="GB",
        help_text=_("Optional. Gets the same alert by text."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("opens_at"), FieldPanel("closes_at"), FieldPanel("closes_at_friday")],
            heading=_("Opening hours"),
        ),
        MultiFieldPanel(
            [FieldPanel("alert_email"), FieldPanel("alert_phone")], heading=_("Urgent alerts")
        ),
    ]

    class Meta:
        verbose_name = _("MASH duty")

    @property
    def hours_display(self) -> str:
        """The opening hours as people read them, in the active language."""
        return _(
            "Monday to Thursday %(opens)s to %(closes)s, Friday %(opens)s to %(closes_friday)s"
        ) % {
            "opens": time_format(self.opens_at),
            "closes": time_format(self.closes_at),
            "closes_friday": time_format(self.closes_at_friday),
        }


class MashAlertChannel(models.TextChoices):
    EMAIL = "email", _("Email to the duty inbox")
    TEXT = "text", _("Text to the duty mobile")


class MashAlert(models.Model):
    """One alert to MASH duty about one urgent request or feedback. Sent once."""

    help_request = models.ForeignKey(
        HelpRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="mash_alerts"
    )
    feedback = models.ForeignKey(
        Feedback, null=True, blank=True, on_delete=models.CASCADE, related_name="mash_alerts"
    )
    reason = models.CharField(_("why"), max_length=40)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    channels = models.JSONField(_("sent by"), default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("MASH alert")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(help_request__isnull=False) | models.Q(feedback__isnull=False),
                name="mash_alert_is_about_something",
            )
        ]

    def __str__(self) -> str:
        return f"MASH alert {self.pk}"

    @property
    def subject_reference(self) -> str:
        return self.help_request.reference if self.help_request_id else self.feedback.reference
