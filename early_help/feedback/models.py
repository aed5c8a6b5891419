"""Feedback on workers from young people and families, and workers' feedback links."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.panels import FieldPanel

from ..localities.models import Locality
from ..shared.answers import Answer


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
    return secrets.token_urlsafe(9)


class FeedbackLinkQuerySet(models.QuerySet):
    def live(self):
        return self.filter(revoked=False)


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

    objects = FeedbackLinkQuerySet.as_manager()

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


class FeedbackJourney(models.TextChoices):
    YOUNG_PERSON = "young_person", _("Young person")
    FAMILY = "family", _("Family")


class ReplyWanted(models.TextChoices):
    NO = "no", _("No")
    TEXT = "text", _("Yes, by text")
    WORKER = "worker", _("Yes, through my worker")


class FeedbackStatus(models.TextChoices):
    NEW = "new", _("New")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ACTED_ON = "acted_on", _("You said, we did recorded")


class Feedback(models.Model):
    """What a young person or family says about a worker. Anonymous means nothing that
    identifies them is stored: no name, no phone, no address, no browser details."""

    journey = models.CharField(max_length=20, choices=FeedbackJourney)
    link = models.ForeignKey(
        FeedbackLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback"
    )
    about_role = models.CharField(_("about"), max_length=30, choices=WorkerRole)
    worker_name = models.CharField(_("worker"), max_length=120, blank=True)
    team = models.ForeignKey(
        Locality, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    knows_worker = models.CharField(
        _("knows who their worker is"), max_length=10, blank=True, choices=Answer
    )
    trust = models.PositiveSmallIntegerField(_("trusts them"), null=True, blank=True)
    easy_to_contact = models.PositiveSmallIntegerField(_("easy to contact"), null=True, blank=True)
    listens = models.PositiveSmallIntegerField(_("listens"), null=True, blank=True)
    explains = models.PositiveSmallIntegerField(
        _("explains what is happening"), null=True, blank=True
    )
    worker_changed = models.CharField(
        _("worker changed in the last year"), max_length=10, blank=True, choices=Answer
    )
    worker_changes = models.PositiveSmallIntegerField(_("how many times"), null=True, blank=True)
    feels_safe = models.CharField(
        _("feels safe where they live"), max_length=10, blank=True, choices=Answer
    )
    going_well = models.TextField(_("what is going well"), blank=True)
    could_be_better = models.TextField(_("what could be better"), blank=True)
    anything_else = models.TextField(_("anything else"), blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=True)
    name = models.CharField(_("name"), max_length=100, blank=True)
    wants_reply = models.CharField(
        _("wants a reply"), max_length=10, blank=True, choices=ReplyWanted
    )
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
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        help_text=_("The language the feedback was given in; a reply text uses it."),
    )
    received_on = models.DateField(_("received"), default=timezone.localdate, db_index=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"Feedback {self.pk} about {self.get_about_role_display()}"

    @property
    def reference(self) -> str:
        """What staff and the person call this feedback; also the reference a reply text gives."""
        return f"FB-{self.pk}"
