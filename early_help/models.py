import re
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import PreviewableMixin, TranslatableMixin

from .postcodes import normalise_sector


class Locality(ClusterableModel):
    """One of Sandwell's six towns, with its early help team and the postcodes it covers."""

    name = models.CharField(
        _("town"), max_length=80, unique=True, help_text=_("For example Oldbury.")
    )
    slug = models.SlugField(
        unique=True, help_text=_("Used in addresses and reports. Lower case, no spaces.")
    )
    team_name = models.CharField(
        _("team name"),
        max_length=120,
        help_text=_("What families call the team, for example Oldbury Early Help Team."),
    )
    phone = models.CharField(
        _("team phone"),
        max_length=30,
        help_text=_("The number families ring, written as people read it: 0121 569 0000."),
    )
    email = models.EmailField(_("team email"), blank=True, help_text=_("Optional."))
    address = models.TextField(_("address"), blank=True, help_text=_("One line per line."))
    opening_hours = models.TextField(
        _("opening hours"), blank=True, help_text=_("For example Monday to Friday, 9am to 5pm.")
    )
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text=_("Lower numbers come first in lists of towns.")
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")], heading=_("Town")
        ),
        MultiFieldPanel(
            [
                FieldPanel("team_name"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("address"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Early help team"),
        ),
        InlinePanel("postcode_sectors", heading=_("Postcode sectors covered"), label=_("Sector")),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("locality")
        verbose_name_plural = _("localities")

    def __str__(self) -> str:
        return self.name


class PostcodeSector(models.Model):
    """A postcode sector ("B69 4") and the locality whose team serves it."""

    locality = ParentalKey(Locality, on_delete=models.CASCADE, related_name="postcode_sectors")
    sector = models.CharField(
        _("postcode sector"),
        max_length=8,
        unique=True,
        help_text=_("The postcode without its last two letters, for example B69 4."),
    )

    panels = [FieldPanel("sector")]

    class Meta:
        ordering = ["sector"]
        verbose_name = _("postcode sector")
        verbose_name_plural = _("postcode sectors")

    def __str__(self) -> str:
        return self.sector

    def save(self, *args, **kwargs) -> None:
        self.sector = normalise_sector(self.sector) or self.sector.strip().upper()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        normalised = normalise_sector(self.sector)
        if normalised is None:
            raise ValidationError(
                {
                    "sector": _(
                        "Enter a postcode sector like B69 4: the postcode without its last two letters."
                    )
                }
            )
        self.sector = normalised


class LocalityMembership(models.Model):
    """Which localities a member of staff works in. Scopes what they see in the queue."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="locality_memberships"
    )
    locality = models.ForeignKey(Locality, on_delete=models.CASCADE, related_name="memberships")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "locality"], name="unique_locality_membership")
        ]
        verbose_name = _("locality membership")

    def __str__(self) -> str:
        return f"{self.user} · {self.locality}"


class NeighbouringCouncil(models.Model):
    """A council next to Sandwell, where we send families whose postcode is not ours."""

    name = models.CharField(
        _("council"), max_length=120, help_text=_("For example Dudley Council.")
    )
    website = models.URLField(
        _("early help web page"), help_text=_("Where a family asks for help there.")
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True, help_text=_("Optional."))
    postcode_districts = models.CharField(
        _("postcode districts"),
        max_length=500,
        help_text=_(
            "The start of the postcodes it covers, separated by commas, for example DY1, DY2, B62."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(default=0, help_text=_("Lower comes first."))

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("neighbouring council")
        verbose_name_plural = _("neighbouring councils")

    def __str__(self) -> str:
        return self.name

    @property
    def districts(self) -> set[str]:
        return {d.strip().upper() for d in self.postcode_districts.split(",") if d.strip()}


class UrgentPhrase(models.Model):
    """Words that, written anywhere in a family's own words, send the request to MASH duty."""

    phrase = models.CharField(
        _("phrase"),
        max_length=100,
        unique=True,
        help_text=_("Matched without regard to capitals, as whole words: for example 'hit me'."),
    )
    active = models.BooleanField(
        _("in use"), default=True, help_text=_("Untick to stop matching it.")
    )

    class Meta:
        ordering = ["phrase"]
        verbose_name = _("urgent phrase")
        verbose_name_plural = _("urgent phrases")

    def __str__(self) -> str:
        return self.phrase


class RequesterType(models.TextChoices):
    PARENT_CARER = "parent_carer", _("Parent or carer")
    YOUNG_PERSON = "young_person", _("Young person asking for myself")
    FAMILY_MEMBER = "family_member", _("Another family member")


class Need(models.TextChoices):
    """The Supporting Families headline areas."""

    EDUCATION = "education", _("Getting a good education")
    EARLY_YEARS = "early_years", _("Good early years development")
    HEALTH = "health", _("Improved mental and physical health")
    SUBSTANCE_USE = "substance_use", _("Drugs or alcohol")
    FAMILY_RELATIONSHIPS = "family_relationships", _("Family relationships")
    SAFETY = "safety", _("Children safe from abuse and exploitation")
    CRIME = "crime", _("Crime or antisocial behaviour")
    DOMESTIC_ABUSE = "domestic_abuse", _("Domestic abuse")
    HOUSING = "housing", _("Somewhere safe and secure to live")
    MONEY_WORK = "money_work", _("Money and work")


class HelpRequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    TRIAGED = "triaged", _("Triaged")
    ALLOCATED = "allocated", _("Allocated")
    IN_CONTACT = "in_contact", _("In contact")
    CLOSED = "closed", _("Closed")
    PASSED_TO_MASH = "passed_to_mash", _("Passed to MASH")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class LeadAgency(models.Model):
    """An agency that can lead the work with a family: one per family at a time."""

    name = models.CharField(
        _("agency"), max_length=120, unique=True, help_text=_("For example Health visiting.")
    )
    active = models.BooleanField(
        _("in use"), default=True, help_text=_("Untick to stop offering it.")
    )
    sort_order = models.PositiveSmallIntegerField(default=0, help_text=_("Lower comes first."))

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("lead agency")
        verbose_name_plural = _("lead agencies")

    def __str__(self) -> str:
        return self.name


class Outcome(models.TextChoices):
    NEEDS_MET = "needs_met", _("Needs met: family doing well")
    STEPPED_DOWN = "stepped_down", _("Stepped down to universal services")
    STEPPED_UP = "stepped_up", _("Stepped up to children's social care")
    DECLINED = "declined", _("Family declined help")
    NO_CONTACT = "no_contact", _("Could not contact the family")
    MOVED_AWAY = "moved_away", _("Family moved out of Sandwell")
    ADVICE_GIVEN = "advice_given", _("Advice and signposting given")


class HelpRequestQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=[HelpRequestStatus.CLOSED, HelpRequestStatus.WITHDRAWN])


class HelpRequest(models.Model):
    """What a family or young person asks for. Never called Request (see DESIGN.md)."""

    reference = models.CharField(_("reference"), max_length=12, unique=True, editable=False)
    idempotency_key = models.UUIDField(unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=HelpRequestStatus, default=HelpRequestStatus.SUBMITTED
    )
    requester_type = models.CharField(_("who is asking"), max_length=20, choices=RequesterType)
    locality = models.ForeignKey(
        Locality, null=True, blank=True, on_delete=models.PROTECT, related_name="help_requests"
    )
    in_mash_queue = models.BooleanField(
        _("with MASH duty"), default=False, help_text=_("Waiting for the MASH duty team.")
    )
    safeguarding_flag = models.BooleanField(_("safeguarding flag"), default=False)
    safeguarding_reasons = models.JSONField(_("why it was flagged"), default=list, blank=True)

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    phone = PhoneNumberField(_("phone"), region="GB", blank=True)
    email = models.EmailField(_("email"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=8, blank=True)
    nearest_town = models.BooleanField(
        _("town chosen by the family"),
        default=False,
        help_text=_("The postcode was not on our list, so the family chose the nearest town."),
    )

    preferred_language = models.CharField(_("preferred language"), max_length=60, blank=True)
    interpreter_needed = models.BooleanField(_("interpreter needed"), default=False)
    bsl_needed = models.BooleanField(_("British Sign Language needed"), default=False)

    description = models.TextField(_("what is happening"), blank=True)
    not_safe_now = models.BooleanField(
        _("said they are not safe now"), default=False, help_text=_("Answered with domestic abuse.")
    )
    help_wanted = models.TextField(_("help they would like"), blank=True)
    other_agencies = models.TextField(_("other workers or agencies involved"), blank=True)

    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, db_index=True)
    respond_by = models.DateField(_("contact the family by"), null=True, blank=True)

    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_help_requests",
        verbose_name=_("worker"),
    )
    lead_agency = models.ForeignKey(
        LeadAgency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lead_practitioner = models.CharField(_("lead practitioner"), max_length=120, blank=True)
    handover_count = models.PositiveSmallIntegerField(
        _("handovers"), default=0, help_text=_("Changes of lead agency or lead practitioner.")
    )
    first_contact_at = models.DateTimeField(_("first contact"), null=True, blank=True)
    triaged_at = models.DateTimeField(_("triaged"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome, blank=True)
    has_unread_reply = models.BooleanField(
        _("unread text reply"),
        default=False,
        help_text=_("The family replied by text and nobody has read it yet."),
    )
    anonymised_at = models.DateTimeField(
        _("anonymised"),
        null=True,
        blank=True,
        help_text=_("Personal details removed at the end of the retention period."),
    )
    reopened_count = models.PositiveSmallIntegerField(
        _("times reopened"), default=0, help_text=_("How often it came back after closing.")
    )

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        # The queue reads urgent first, then oldest, within a town or the MASH queue.
        indexes = [
            models.Index(fields=["status", "submitted_at"]),
            models.Index(
                fields=["-safeguarding_flag", "submitted_at", "id"], name="queue_order_idx"
            ),
            models.Index(
                fields=["locality", "-safeguarding_flag", "submitted_at", "id"],
                name="queue_locality_idx",
            ),
            models.Index(fields=["in_mash_queue", "submitted_at"]),
        ]
        permissions = [
            ("work_on_help_request", "Can work on help requests in scope"),
            ("assign_help_request", "Can assign help requests in scope to workers"),
            ("view_all_help_requests", "Can see every help request (read only)"),
            ("triage_mash", "Can work the MASH duty queue"),
            ("route_help_request", "Can route help requests whose town is unknown"),
            ("view_help_request_reports", "Can see reports"),
            ("export_help_requests", "Can export reports"),
            ("view_audit_trail", "Can see who viewed a record"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class SafeContact(models.Model):
    """How the family said it is safe to contact them. Staff must honour every answer."""

    help_request = models.OneToOneField(
        HelpRequest, on_delete=models.CASCADE, related_name="safe_contact"
    )
    may_text = models.BooleanField(_("may we text"), default=False)
    may_leave_voicemail = models.BooleanField(_("may we leave a voicemail"), default=False)
    safe_times = models.JSONField(_("safe times to call"), default=list, blank=True)
    safe_times_note = models.CharField(_("more about safe times"), max_length=200, blank=True)
    may_post_letters = models.BooleanField(_("may we post letters"), default=False)

    class Meta:
        verbose_name = _("safe contact answers")

    def __str__(self) -> str:
        return f"Safe contact for {self.help_request}"


class Child(models.Model):
    help_request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="children")
    first_name = models.CharField(_("first name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    school = models.CharField(_("school or nursery"), max_length=200, blank=True)
    send = models.CharField(_("disability or SEND"), max_length=10, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("child")
        verbose_name_plural = _("children")

    def __str__(self) -> str:
        return self.first_name


class HelpRequestNeed(models.Model):
    help_request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="needs")
    need = models.CharField(_("need"), max_length=30, choices=Need)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["help_request", "need"], name="unique_need_per_request")
        ]
        verbose_name = _("need")

    def __str__(self) -> str:
        return self.get_need_display()


class Consent(models.Model):
    """What the family agreed to, in which words, and when."""

    help_request = models.OneToOneField(
        HelpRequest, on_delete=models.CASCADE, related_name="consent"
    )
    given = models.BooleanField(_("agreed to sharing"))
    wording_version = models.CharField(_("wording version"), max_length=20)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("consent")

    def __str__(self) -> str:
        return f"Consent {self.wording_version} for {self.help_request}"


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ROUTED = "routed", _("Routed")
    ASSIGNED = "assigned", _("Assigned")
    STATUS_CHANGED = "status_changed", _("Status changed")
    NOTE = "note", _("Note")
    CONTACT_ATTEMPT = "contact_attempt", _("Contact attempt")
    SMS_OUT = "sms_out", _("Text sent")
    SMS_IN = "sms_in", _("Text received")
    VIEWED = "viewed", _("Viewed")
    LEAD_CHANGED = "lead_changed", _("Lead changed")
    PASSED_TO_MASH = "passed_to_mash", _("Passed to MASH")
    PASSED_BACK = "passed_back", _("Passed back from MASH")


class RequestEvent(models.Model):
    """One line of a help request's timeline."""

    help_request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what happened"), max_length=20, choices=EventKind)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.CharField(_("summary"), max_length=300)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("event")

    def __str__(self) -> str:
        return f"{self.help_request}: {self.summary}"


class ReReferralMatch(models.TextChoices):
    SAME_PHONE = "same_phone", _("Same phone number")
    SAME_CHILD = "same_child", _("Same child (first name, date of birth and postcode)")


class ReReferral(models.Model):
    """An earlier request of the past year that this one seems to repeat."""

    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="re_referrals"
    )
    earlier = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="+")
    matched_on = models.CharField(max_length=20, choices=ReReferralMatch)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["help_request", "earlier", "matched_on"], name="unique_re_referral"
            )
        ]
        verbose_name = _("re-referral")

    def __str__(self) -> str:
        return f"{self.help_request} repeats {self.earlier}"


def _draft_expiry():
    return timezone.now() + timedelta(days=7)


class HelpRequestDraft(models.Model):
    """A request for help being written. Saved after every step; gone after 7 days."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    idempotency_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    answers = models.JSONField(default=dict)
    resume_code_hash = models.CharField(max_length=64, blank=True, db_index=True)
    phone_last_four = models.CharField(max_length=4, blank=True)
    failed_resumes = models.PositiveSmallIntegerField(default=0)
    help_request = models.OneToOneField(
        HelpRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    expires_at = models.DateTimeField(default=_draft_expiry, db_index=True)

    class Meta:
        verbose_name = _("draft request")

    def __str__(self) -> str:
        return f"Draft {self.pk}"

    @property
    def is_submitted(self) -> bool:
        return self.help_request_id is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


class AuditAction(models.TextChoices):
    VIEWED = "viewed", _("Viewed")
    CHANGED = "changed", _("Changed")
    EXPORTED = "exported", _("Exported")


class AuditRecord(models.Model):
    """Who looked at, changed or exported what, and when (DESIGN.md rule 5)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=10, choices=AuditAction)
    help_request = models.ForeignKey(
        HelpRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="audit_records"
    )
    summary = models.CharField(max_length=300)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit record")

    def __str__(self) -> str:
        return f"{self.user} {self.action} {self.help_request or ''} at {self.at:%Y-%m-%d %H:%M}"


# --- Text messages ---------------------------------------------------------------------


class SmsTemplateKey(models.TextChoices):
    REQUEST_RECEIVED = "request_received", _("Request received")
    PRACTITIONER_ALLOCATED = "practitioner_allocated", _("Lead practitioner allocated")
    STATUS_UPDATE = "status_update", _("Update from the team")
    TRY_TO_CALL = "try_to_call", _("We tried to call")
    RESUME_LINK = "resume_link", _("Carry on with a saved request")
    FEEDBACK_ACKNOWLEDGED = "feedback_acknowledged", _("Feedback received")
    HELP_REPLY = "help_reply", _("Reply to HELP")


SMS_PLACEHOLDERS = {
    "reference": _("the request's reference, like FV-7K3Q9"),
    "first_name": _("the family member's first name"),
    "practitioner": _("the lead practitioner's name"),
    "team_phone": _("the town team's phone number"),
    "link": _("a link (only for carrying on a saved request)"),
    "code": _("the code for carrying on a saved request"),
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


class SmsTemplate(PreviewableMixin, TranslatableMixin, models.Model):
    """The words of one kind of text, in one language. Comms staff edit these in Wagtail."""

    key = models.CharField(_("which text"), max_length=30, choices=SmsTemplateKey)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Use {reference}, {first_name}, {practitioner}, {team_phone}, {link} or {code}. Keep it "
            "discreet: never name the service, a worry or a child."
        ),
    )

    panels = [FieldPanel("key"), FieldPanel("body")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("text message template")
        constraints = [
            models.UniqueConstraint(fields=["key", "locale"], name="unique_sms_template_per_locale")
        ]

    def __str__(self) -> str:
        return f"{self.get_key_display()} ({self.locale})"

    def clean(self) -> None:
        unknown = set(re.findall(r"\{(\w*)\}", self.body)) - SMS_PLACEHOLDERS.keys()
        if unknown:
            raise ValidationError(
                {
                    "body": _("Unknown placeholder: %(names)s")
                    % {"names": ", ".join(sorted(unknown))}
                }
            )
        lowered = self.body.casefold()
        found = [word for word in SMS_FORBIDDEN_WORDS if word in lowered]
        if found:
            raise ValidationError(
                {"body": _("Keep texts discreet: remove %(words)s") % {"words": ", ".join(found)}}
            )

    def render(self, **values) -> str:
        safe = {name: str(values.get(name, "")) for name in SMS_PLACEHOLDERS}
        return self.body.format_map(safe)

    def get_preview_template(self, request, mode_name):
        return "early_help/admin/sms_preview.html"

    def get_preview_context(self, request, mode_name):
        from .sms.segments import segment_info

        try:
            text = self.render(
                reference="FV-7K3Q9",
                first_name="Jo",
                practitioner="Sam Green",
                team_phone="0121 496 0110",
                link="https://example.org/ask-for-help/carry-on/",
                code="7K3Q9MXP",
            )
        except (KeyError, ValueError, IndexError):
            text = self.body
        return {"object": self, "text": text, "info": segment_info(text)}


class SmsStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
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
    last_error = models.CharField(max_length=200, blank=True)
    error_code = models.IntegerField(null=True, blank=True)
    send_after = models.DateTimeField(default=timezone.now, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    read_by_staff = models.BooleanField(default=False)

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


# --- Feedback on workers ----------------------------------------------------------------


class WorkerRole(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("Social worker")
    EARLY_HELP_WORKER = "early_help_worker", _("Early help worker")
    FOSTER_CARER = "foster_carer", _("Foster carer")
    RESIDENTIAL_KEY_WORKER = "residential_key_worker", _("Residential key worker")
    PERSONAL_ADVISER = "personal_adviser", _("Personal adviser")
    IRO = "iro", _("Independent reviewing officer")
    TEACHER = "teacher", _("Teacher")
    HEALTH_WORKER = "health_worker", _("Health worker")
    OTHER = "other", _("Someone else")


def _link_token() -> str:
    import secrets

    return secrets.token_urlsafe(9)


class FeedbackLink(models.Model):
    """A worker's personal feedback link (and QR code). Revoking it stops it working."""

    token = models.CharField(max_length=20, unique=True, default=_link_token, editable=False)
    worker_name = models.CharField(
        _("worker's name"),
        max_length=120,
        help_text=_("As young people know them, e.g. Sam Green."),
    )
    worker_role = models.CharField(_("role"), max_length=30, choices=WorkerRole)
    team = models.ForeignKey(
        Locality,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("team"),
        help_text=_("The town team whose managers read this feedback."),
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_links",
        help_text=_("The worker's staff account, if they have one."),
    )
    revoked = models.BooleanField(
        _("revoked"), default=False, help_text=_("Tick to stop this link and its QR code working.")
    )
    created_at = models.DateTimeField(default=timezone.now)

    panels = [
        FieldPanel("worker_name"),
        FieldPanel("worker_role"),
        FieldPanel("team"),
        FieldPanel("worker"),
        FieldPanel("revoked"),
    ]

    class Meta:
        ordering = ["worker_name"]
        verbose_name = _("feedback link")

    def __str__(self) -> str:
        return f"{self.worker_name} ({self.get_worker_role_display()})"


class FeedbackStatus(models.TextChoices):
    NEW = "new", _("New")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ACTED_ON = "acted_on", _("You said, we did recorded")


class Feedback(models.Model):
    """What a young person or family says about a worker. Anonymous means nothing that
    identifies them is stored: no name, no phone, no address, no browser details."""

    journey = models.CharField(
        max_length=20, choices=[("young_person", _("Young person")), ("family", _("Family"))]
    )
    link = models.ForeignKey(
        FeedbackLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback"
    )
    about_role = models.CharField(_("about"), max_length=30, choices=WorkerRole)
    worker_name = models.CharField(_("worker"), max_length=120, blank=True)
    team = models.ForeignKey(
        Locality, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    knows_worker = models.CharField(_("knows who their worker is"), max_length=10, blank=True)
    trust = models.PositiveSmallIntegerField(_("trusts them"), null=True, blank=True)
    easy_to_contact = models.PositiveSmallIntegerField(_("easy to contact"), null=True, blank=True)
    listens = models.PositiveSmallIntegerField(_("listens"), null=True, blank=True)
    explains = models.PositiveSmallIntegerField(
        _("explains what is happening"), null=True, blank=True
    )
    worker_changed = models.CharField(
        _("worker changed in the last year"), max_length=10, blank=True
    )
    worker_changes = models.PositiveSmallIntegerField(_("how many times"), null=True, blank=True)
    feels_safe = models.CharField(_("feels safe where they live"), max_length=10, blank=True)
    going_well = models.TextField(_("what is going well"), blank=True)
    could_be_better = models.TextField(_("what could be better"), blank=True)
    anything_else = models.TextField(_("anything else"), blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=True)
    name = models.CharField(_("name"), max_length=100, blank=True)
    wants_reply = models.CharField(_("wants a reply"), max_length=10, blank=True)
    reply_phone = PhoneNumberField(_("phone for a reply"), blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)
    urgent_reasons = models.JSONField(default=list, blank=True)
    in_mash_queue = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=FeedbackStatus, default=FeedbackStatus.NEW)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    you_said_we_did = models.TextField(_("you said, we did"), blank=True)
    approved_to_quote = models.BooleanField(_("approved to quote"), default=False)
    quote = models.TextField(
        _("quote for publishing"),
        blank=True,
        help_text=_("Anonymised: no names, places or details that identify anyone."),
    )
    received_on = models.DateField(_("received"), default=timezone.localdate, db_index=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"Feedback {self.pk} about {self.get_about_role_display()}"
