"""Drafts: a request for help while the family is still writing it."""

import uuid
from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..help_requests.models import HelpRequest

# How long a draft lives after its last save: the journey's pages, the texts and the
# expired-drafts job all read it from here.
DRAFT_LIFETIME = timedelta(days=7)


def _draft_expiry():
    return timezone.now() + DRAFT_LIFETIME


class HelpRequestDraft(models.Model):
    """A request for help being written. Saved after every step; deleted DRAFT_LIFETIME
    after the last save. The resume code is stored only as a hash."""

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
