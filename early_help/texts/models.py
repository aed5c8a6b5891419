"""Text messages: their editable words, and the outbox of every text in and out."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.panels import FieldPanel
from wagtail.models import PreviewableMixin, TranslatableMixin

from ..help_requests.models import HelpRequest
from ..shared.safeguarding import phrases_in


class SmsTemplateKey(models.TextChoices):
    REQUEST_RECEIVED = "request_received", _("Request received")
    PRACTITIONER_ALLOCATED = "practitioner_allocated", _("Lead practitioner allocated")
    STATUS_UPDATE = "status_update", _("Update from the team")
    TRY_TO_CALL = "try_to_call", _("We tried to call")
    RESUME_LINK = "resume_link", _("Carry on with a saved request")
    FEEDBACK_ACKNOWLEDGED = "feedback_acknowledged", _("Feedback received")
    HELP_REPLY = "help_reply", _("Reply to HELP")
    TRACKING_CODE = "tracking_code", _("Code to see where a request is")


SMS_PLACEHOLDERS = {
    "reference": _("the request's reference, like FV-7K3Q9"),
    "first_name": _("the family member's first name"),
    "practitioner": _("the lead practitioner's name"),
    "team_phone": _("the town team's phone number"),
    "link": _("a link (only for carrying on a saved request)"),
    "code": _("a one-time code: for carrying on a saved request, or seeing where a request is"),
}

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
PREVIEW_VALUES = {
    "reference": "FV-7K3Q9",
    "first_name": "Jo",
    "practitioner": "Sam Green",
    "team_phone": "0121 496 0110",
    "link": "https://example.org/ask-for-help/carry-on/",
    "code": "7K3Q9MXP",
}

# Texts may be read by the wrong person: nothing may say what the service is or why.
SMS_FORBIDDEN_WORDS = [
    "family voice",
    "early help",
    "social care",
    "social worker",
    "safeguarding",
    "mash",
    "abuse",
    "domestic",
    "police",
    "children's services",
    "referral",
    "council",
]


def template_problems(body: str) -> list[str]:
    """What is wrong with a template's words, in the editor's terms; empty when nothing."""
    problems = []
    names = PLACEHOLDER.findall(body)
    unknown = sorted({name for name in names if name not in SMS_PLACEHOLDERS})
    if unknown:
        problems.append(
            _("Use only these placeholders, exactly as written: %(allowed)s. Not: %(names)s")
            % {
                "allowed": ", ".join(f"{{{name}}}" for name in SMS_PLACEHOLDERS),
                "names": ", ".join(f"{{{name}}}" for name in unknown),
            }
        )
    if "{" in PLACEHOLDER.sub("", body) or "}" in PLACEHOLDER.sub("", body):
        problems.append(_("Curly brackets are only for placeholders, like {reference}."))
    found = phrases_in(body, SMS_FORBIDDEN_WORDS)
    if found:
        problems.append(_("Keep texts discreet: remove %(words)s") % {"words": ", ".join(found)})
    return problems


class SmsTemplate(PreviewableMixin, TranslatableMixin, models.Model):
    """The words of one kind of text, in one language. Comms staff edit these in Wagtail."""

    key = models.CharField(_("which text"), max_length=30, choices=SmsTemplateKey)
    council = models.ForeignKey(
        "early_help.Council",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sms_templates",
        verbose_name=_("council"),
        help_text=_(
            "Leave blank for the words every council uses. Choose a council to give it its "
            "own words for this text; its families get them instead."
        ),
    )
    body = models.TextField(
        _("text"),
        help_text=_(
            "Use {reference}, {first_name}, {practitioner}, {team_phone}, {link} or {code}. Keep it "
            "discreet: never name the service, a worry or a child."
        ),
    )

    panels = [FieldPanel("key"), FieldPanel("council"), FieldPanel("body")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("text message template")
        constraints = [
            # One shared template per text and language (NULLs are distinct in a plain
            # unique constraint), and one of each council's own.
            models.UniqueConstraint(
                fields=["key", "locale"],
                condition=models.Q(council__isnull=True),
                name="unique_sms_template_per_locale",
            ),
            models.UniqueConstraint(
                fields=["key", "locale", "council"],
                condition=models.Q(council__isnull=False),
                name="unique_sms_template_per_locale_council",
            ),
        ]

    def __str__(self) -> str:
        if self.council_id:
            return f"{self.get_key_display()} ({self.locale}, {self.council})"
        return f"{self.get_key_display()} ({self.locale})"

    def clean(self) -> None:
        problems = template_problems(self.body)
        if problems:
            raise ValidationError({"body": problems})

    def placeholders(self) -> set[str]:
        return set(PLACEHOLDER.findall(self.body))

    def missing_values(self, values: dict) -> list[str]:
        """The placeholders this template uses that `values` leaves empty."""
        return sorted(name for name in self.placeholders() if not str(values.get(name) or ""))

    def render(self, **values) -> str:
        """The text with each bare {name} replaced. Anything else stays as written, so a
        template saved before validation can never reach into an object's attributes."""

        def replace(match: re.Match) -> str:
            name = match.group(1)
            return str(values.get(name) or "") if name in SMS_PLACEHOLDERS else match.group(0)

        return PLACEHOLDER.sub(replace, self.body)

    def cost(self) -> str:
        """What one text costs, as comms staff read it in the list: the character set and the
        number of segments, filled with sample values (Urdu, Punjabi and Bengali texts are
        UCS-2, 70 characters a segment, so they cost more)."""
        from .segments import segment_info

        info = segment_info(self.render(**PREVIEW_VALUES))
        return _("%(encoding)s, %(segments)s segment(s), %(characters)s characters") % {
            "encoding": info.encoding,
            "segments": info.segments,
            "characters": info.characters,
        }

    cost.short_description = _("cost of one text")

    def get_preview_template(self, request, mode_name):
        return "early_help/admin/sms_preview.html"

    def get_preview_context(self, request, mode_name):
        from .segments import segment_info

        text = self.render(**PREVIEW_VALUES)
        return {"object": self, "text": text, "info": segment_info(text)}


class SmsStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    # Twilio may have taken it but we never heard: only a look-up in Twilio settles it.
    UNCONFIRMED = "unconfirmed", _("Maybe sent: checking")
    SENT = "sent", _("Sent")
    DELIVERED = "delivered", _("Delivered")
    UNDELIVERED = "undelivered", _("Undelivered")
    FAILED = "failed", _("Failed")
    OPTED_OUT = "opted_out", _("Not sent: opted out")
    NOT_SAFE = "not_safe", _("Not sent: texting not safe")
    RECEIVED = "received", _("Received")


class SmsDirection(models.TextChoices):
    OUTBOUND = "out", _("Sent to the family")
    INBOUND = "in", _("From the family")


class OutboxMessage(models.Model):
    """One text, in or out, with where it got to."""

    direction = models.CharField(max_length=3, choices=SmsDirection, default=SmsDirection.OUTBOUND)
    phone = PhoneNumberField(_("phone"), help_text=_("To, for texts we send; from, for replies."))
    body = models.TextField(_("text"))
    template_key = models.CharField(max_length=30, choices=SmsTemplateKey, blank=True)
    language = models.CharField(max_length=10, blank=True)
    help_request = models.ForeignKey(
        HelpRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="texts"
    )
    feedback = models.ForeignKey(
        "early_help.Feedback", null=True, blank=True, on_delete=models.CASCADE, related_name="texts"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=12, choices=SmsStatus, default=SmsStatus.QUEUED, db_index=True
    )
    twilio_sid = models.CharField(max_length=64, null=True, blank=True, unique=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Tries Twilio turned away with 429 (it was pacing us): they do not count towards
    # giving up on a text.
    rate_limited = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)
    error_code = models.IntegerField(null=True, blank=True)
    send_after = models.DateTimeField(default=timezone.now, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    read_by_staff = models.BooleanField(default=False)
    to_staff = models.BooleanField(
        default=False,
        help_text=_("An alert to a member of staff: sent at once, even in quiet hours."),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("text message")

    def __str__(self) -> str:
        return f"SMS {self.pk} {self.direction} {self.status}"

    @property
    def needs_attention(self) -> bool:
        return self.status in {SmsStatus.UNDELIVERED, SmsStatus.FAILED}


class SmsOptOut(models.Model):
    """A number that replied STOP. Nothing is sent to it until it replies START."""

    phone = PhoneNumberField(unique=True)
    opted_out_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("text opt-out")

    def __str__(self) -> str:
        return f"Opt-out {self.pk}"
