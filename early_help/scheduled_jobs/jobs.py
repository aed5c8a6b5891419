"""The scheduled jobs themselves: thin calls into each capability, returning counts."""

from dataclasses import asdict

from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from ..asking_for_help.services import drafts_delete_expired
from ..outgoing_webhooks.tasks import webhooks_retry_due
from ..retention.services import retention_apply
from ..texts.delivery import sms_drain as texts_drain
from ..texts.tasks import sms_recover
from ..workers.services import tasks_recover


def recover_work() -> dict:
    return {"tasks": tasks_recover(), "texts": sms_recover()}


def sms_drain() -> dict:
    return {"sent": texts_drain()}


def retry_webhooks() -> dict:
    return {"queued": webhooks_retry_due()}


def delete_expired_drafts() -> dict:
    return {"deleted": drafts_delete_expired()}


def apply_retention() -> dict:
    return asdict(retention_apply())


def publish_scheduled() -> dict:
    """Wagtail's own command, which publishes approved revisions whose time has come."""
    due = Revision.page_revisions.filter(approved_go_live_at__lte=timezone.now()).count()
    call_command("publish_scheduled", verbosity=0)
    return {"due_revisions": due}
