"""A help request: what a family asked for, and everything that happened to it since."""

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, Case, ExpressionWrapper, F, Q, Value, When
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.models.audit_log import BaseLogEntry, BaseLogEntryManager

from ..councils.models import council_ids_of, sole_council_id
from ..localities.models import Locality
from ..shared.languages import OTHER as OTHER_LANGUAGE
from ..shared.languages import language_name
from ..staff_access import roles
from ..staff_queue.models import LeadAgency


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

    @classmethod
    def finished(cls) -> frozenset[str]:
        """The statuses in which nobody is working on the request any more."""
        return frozenset({cls.CLOSED.value, cls.WITHDRAWN.value})


# Where staff may move a request from each status. Reopening a finished request counts as
# the family coming back.
ALLOWED_STATUS_CHANGES = {
    HelpRequestStatus.SUBMITTED: {"triaged", "allocated", "in_contact", "closed", "withdrawn"},
    HelpRequestStatus.TRIAGED: {"allocated", "in_contact", "closed", "withdrawn"},
    HelpRequestStatus.ALLOCATED: {"triaged", "in_contact", "closed", "withdrawn"},
    HelpRequestStatus.IN_CONTACT: {"allocated", "closed", "withdrawn"},
    HelpRequestStatus.PASSED_TO_MASH: {"triaged", "closed", "withdrawn"},
    HelpRequestStatus.CLOSED: {"allocated"},
    HelpRequestStatus.WITHDRAWN: {"allocated"},
}


class Outcome(models.TextChoices):
    NEEDS_MET = "needs_met", _("Needs met: family doing well")
    STEPPED_DOWN = "stepped_down", _("Stepped down to universal services")
    STEPPED_UP = "stepped_up", _("Stepped up to children's social care")
    DECLINED = "declined", _("Family declined help")
    NO_CONTACT = "no_contact", _("Could not contact the family")
    MOVED_AWAY = "moved_away", _("Family moved away")
    ADVICE_GIVEN = "advice_given", _("Advice and signposting given")


def open_q() -> Q:
    """A request is open until it is closed or withdrawn."""
    # Sorted, so the SQL (and the partial indexes built from it) never depends on set order.
    return ~Q(status__in=sorted(HelpRequestStatus.finished()))


def awaiting_contact_q() -> Q:
    """Open and still waiting for the first step the service promised: no contact made yet,
    or flagged and with MASH duty but not triaged. The part of the overdue rule that does
    not depend on today's date, so the queue keeps an index of exactly these requests.
    """
    not_contacted = Q(first_contact_at__isnull=True)
    untriaged_with_mash = Q(in_mash_queue=True, triaged_at__isnull=True)
    return (not_contacted | untriaged_with_mash) & open_q()


def overdue_q() -> Q:
    """The overdue rule, the one definition the queue filter, the menu counts, the reports
    and the "Overdue" tags all use: an open request past its respond-by date with no
    contact made yet, or flagged and with MASH duty but not triaged by then.
    """
    return Q(respond_by__lt=timezone.localdate()) & awaiting_contact_q()


def urgent_first():
    """0 for a flagged (urgent) request, 1 for the rest: the queue's first sort key.

    An ascending number rather than "flag descending", so that the whole queue order
    (urgent_first, submitted_at, id) is one ascending key: a page boundary is then a single
    row comparison that an index answers, however deep the page.
    """
    return Case(When(safeguarding_flag=True, then=Value(0)), default=Value(1))


def queue_order() -> list:
    """Urgent first, then oldest first; the id breaks ties so every row has one place."""
    return [urgent_first(), F("submitted_at"), F("id")]


def queue_indexes() -> list:
    """The indexes the queue reads, one for each way staff narrow it, each in queue order.

    Partial on the requests a view can show, so each stays the size of what it lists
    rather than of the ten years of closed requests beside them.
    """
    order = queue_order()
    return [
        models.Index(*order, name="queue_open_idx", condition=open_q()),
        # A council's queue as its service managers see it, with several councils on one
        # deployment.
        models.Index(F("council"), *order, name="queue_council_idx", condition=open_q()),
        # A town's queue as its staff see it: requests with MASH duty are not theirs.
        models.Index(
            F("locality"),
            *order,
            name="queue_town_idx",
            condition=open_q() & Q(in_mash_queue=False),
        ),
        models.Index(*order, name="queue_awaiting_idx", condition=awaiting_contact_q()),
        models.Index(
            *order,
            name="queue_mash_idx",
            condition=open_q() & (Q(in_mash_queue=True) | Q(safeguarding_flag=True)),
        ),
        models.Index(*order, name="queue_replies_idx", condition=Q(has_unread_reply=True)),
        models.Index(*order, name="queue_family_idx", condition=Q(has_family_message=True)),
        models.Index(F("status"), *order, name="queue_status_idx"),
    ]


class HelpRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(open_q())

    def overdue(self):
        return self.filter(overdue_q())

    def urgent(self):
        """Flagged requests, asked as `urgent_first() = 0`: the queue's indexes lead with
        that expression, so they find the urgent requests without reading the rest.
        """
        return self.filter(Exact(urgent_first(), 0))

    def with_overdue(self):
        """Annotate `is_overdue` for display, from the same rule as `overdue()`."""
        return self.annotate(is_overdue=ExpressionWrapper(overdue_q(), output_field=BooleanField()))

    def visible_to(self, user):
        """The requests this member of staff may see: the one definition of a queue's scope,
        shared by the queue and by Wagtail's own screens (their log entries).

        Superusers are the region's administrators and see all. Everyone else sees only
        their own councils' requests (`Council.objects.of`): service managers all of
        them; MASH duty what is with MASH or flagged; locality staff their towns' requests
        once MASH has passed them on. Anyone else (comms editors, region managers,
        inactive accounts) sees none.
        """
        if not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        councils = council_ids_of(user)
        if not councils:
            return self.none()
        if user.has_perm(roles.VIEW_ALL):
            return self.filter(council_id__in=councils)
        scope = Q(pk__in=[])
        if user.has_perm(roles.MASH):
            scope |= Q(in_mash_queue=True) | Q(safeguarding_flag=True)
        if user.has_perm(roles.WORK):
            towns = user.locality_memberships.values_list("locality_id", flat=True)
            scope |= Q(locality_id__in=list(towns), in_mash_queue=False)
        return self.filter(scope, council_id__in=councils)


class HelpRequest(models.Model):
    """What a family or young person asks for. Never called Request (see DESIGN.md)."""

    reference = models.CharField(_("reference"), max_length=12, unique=True, editable=False)
    idempotency_key = models.UUIDField(unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=HelpRequestStatus, default=HelpRequestStatus.SUBMITTED
    )
    requester_type = models.CharField(_("who is asking"), max_length=20, choices=RequesterType)
    council = models.ForeignKey(
        "early_help.Council",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="help_requests",
        verbose_name=_("council"),
    )
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

    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        blank=True,
        help_text=_("A language code such as pl or ur, or 'other' (see other_language)."),
    )
    other_language = models.CharField(
        _("other language"),
        max_length=60,
        blank=True,
        help_text=_("The language the family named when it is not one of ours."),
    )
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
    tracking_allowed = models.BooleanField(
        _("'Where is my request?' allowed"),
        default=True,
        help_text=_(
            "The family may see where their request is online, with a code we text them. "
            "Staff switch it off when a text or the page could put someone at risk."
        ),
    )
    has_family_message = models.BooleanField(
        _("unread message from 'Where is my request?'"),
        default=False,
        help_text=_(
            "The family asked for a different worker or added something online, and nobody "
            "has marked it as seen yet."
        ),
    )
    # What case systems read changes by (see `RequestEvent.save`): every change writes a
    # timeline event, and every event but "viewed" moves this on.
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    case_reference = models.CharField(
        _("case system reference"),
        max_length=60,
        blank=True,
        help_text=_("The reference the council's case system gave it when it was imported."),
    )
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)
    imported_by_client = models.ForeignKey(
        "early_help.ApiClient",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("imported by"),
    )

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        indexes = [
            models.Index(fields=["status", "submitted_at"]),
            models.Index(fields=["in_mash_queue", "submitted_at"]),
            # Search by phone (the column holds E.164) and re-referral matching.
            models.Index(fields=["phone"], name="help_request_phone_idx"),
            # The API's change feed walks (updated_at, id) from a cursor.
            models.Index(fields=["updated_at", "id"], name="help_request_changes_idx"),
            *queue_indexes(),
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
            ("view_region_reports", "Can see the region's figures for each council"),
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs) -> None:
        # Every request belongs to a council, or only the region's administrators see it:
        # one that arrives without one takes its town's, or the deployment's only council.
        if self.council_id is None:
            if self.locality_id is not None:
                self.council_id = (
                    Locality.objects.filter(pk=self.locality_id)
                    .values_list("council_id", flat=True)
                    .first()
                )
            if self.council_id is None:
                self.council_id = sole_council_id()
            if self.council_id is not None and kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "council"}
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_open(self) -> bool:
        return self.status not in HelpRequestStatus.finished()

    @property
    def language_display(self) -> str:
        if self.preferred_language == OTHER_LANGUAGE:
            return self.other_language
        return language_name(self.preferred_language)


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
    TRACKING_CHANGED = "tracking_changed", _("'Where is my request?' switched")
    FAMILY_CHECKED = "family_checked", _("Family checked online")
    FAMILY_ASKED_CHANGE = "family_asked_change", _("Family asked for a different worker")
    FAMILY_ADDED = "family_added", _("Family added something")
    IMPORTED = "imported", _("Imported into a case system")
    WAITING_STARTED = "waiting_started", _("Waiting")
    WAITING_CLEARED = "waiting_cleared", _("Waiting over")
    CAME_BACK_TAGGED = "came_back_tagged", _("Why the family came back")
    MANAGERS_TOLD = "managers_told", _("Managers told")


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
        indexes = [
            # Continuity: the lead changes of the past year, read per request by the reports.
            models.Index(
                fields=["help_request", "created_at"],
                name="event_lead_changed_idx",
                condition=Q(kind="lead_changed"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.help_request}: {self.summary}"

    def save(self, *args, **kwargs) -> None:
        """Every change to a request, its texts or its children writes an event, so an
        event is where the request's `updated_at` moves on: case systems then see the
        change in the API's feed. Opening a record changes nothing, so "viewed" does not.
        """
        super().save(*args, **kwargs)
        if self.kind != EventKind.VIEWED:
            HelpRequest.objects.filter(pk=self.help_request_id).update(updated_at=timezone.now())


class HelpRequestLogEntryManager(BaseLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        kwargs.update(help_request=instance)
        return super().log_action(instance, action, **kwargs)

    def viewable_by_user(self, user):
        """What Wagtail's screens (site history, its CSV and Excel exports and their
        filters) may show this user: entries of requests in their queue's scope only.

        Wagtail's own rule for other models is "any permission on the model", and every
        staff role holds one on HelpRequest, which would show every town's history.
        """
        if user.is_active and user.is_superuser:
            # Superusers also keep the history of requests since deleted.
            return self.all()
        return self.filter(help_request__in=HelpRequest.objects.visible_to(user).values("pk"))

    def for_instance(self, instance):
        return self.filter(help_request=instance)


class HelpRequestLogEntry(BaseLogEntry):
    """A Wagtail log entry for a help request (claim, note, text...): the administrator's
    history of staff actions, which Wagtail shows in its site history report.

    A model of its own, registered with Wagtail's log registry, so that the entries are
    shown only within the viewer's scope (see the manager).
    """

    # Like Wagtail's page log, the history outlives the record: no constraint, no cascade.
    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )

    objects = HelpRequestLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("help request log entry")
        verbose_name_plural = _("help request log entries")

    def __str__(self) -> str:
        return f"HelpRequestLogEntry {self.pk}: {self.action} on {self.help_request_id}"

    @cached_property
    def object_id(self):
        # What Wagtail's report and exports show in their ID column.
        return self.help_request_id


class ReReferralMatch(models.TextChoices):
    SAME_PHONE = "same_phone", _("Same phone number")
    SAME_CHILD = "same_child", _("Same child (first name, date of birth and postcode)")


class ReReferralReason(models.TextChoices):
    """Why a family came back, as the worker who picks the new request up judges it."""

    SAME_NEED_NOT_MET = "same_need_not_met", _("The same need was not met")
    NEW_NEED = "new_need", _("A new need")
    CLOSED_TOO_EARLY = "closed_too_early", _("We closed too early")
    FAMILY_NOT_ENGAGED = "family_not_engaged", _("The family did not engage")
    MOVED_IN = "moved_in", _("Moved in from elsewhere")
    OTHER = "other", _("Other")


# The returns that better work the first time would have saved: the need we were asked
# about is still there, or we stopped before it was met. A new need, a family that did not
# engage or a move into the area would have brought the family back whatever we did.
AVOIDABLE = frozenset({ReReferralReason.SAME_NEED_NOT_MET, ReReferralReason.CLOSED_TOO_EARLY})


class ReReferral(models.Model):
    """An earlier request of the past year that this one seems to repeat.

    The worker says why the family came back; a request linked to several earlier ones
    has the one reason on each link (`help_request_tag_came_back`).
    """

    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="re_referrals"
    )
    earlier = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="+")
    matched_on = models.CharField(max_length=20, choices=ReReferralMatch)
    reason = models.CharField(
        _("why the family came back"),
        max_length=20,
        choices=ReReferralReason,
        blank=True,
        help_text=_("Blank until a worker says why."),
    )
    tagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tagged_at = models.DateTimeField(_("reason given"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["help_request", "earlier", "matched_on"], name="unique_re_referral"
            )
        ]
        verbose_name = _("re-referral")

    def __str__(self) -> str:
        return f"{self.help_request} repeats {self.earlier}"
