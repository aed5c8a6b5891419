"""Writes for API clients: creating them, their tokens, the account each acts as, and the
one change to a request that belongs to the API alone (acknowledging an import).

What a case system records about a request (status, lead, contact) goes through the staff
queue's own services with the client's service user, so the timeline, the Wagtail log,
the audit trail, texts and handover counts are exactly those of the staff UI.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..councils.models import Council, CouncilMembership, sole_council_id
from ..help_requests.models import EventKind, HelpRequest, RequestEvent
from ..staff_access import roles
from ..staff_access.models import AuditAction, AuditSubject, LocalityMembership
from ..staff_access.services import audit_record
from .models import ApiClient, token_hash, token_new

# The service user's own permissions: work on requests in its towns, and MASH's queue for
# MASH's own system. Deliberately not `wagtailadmin.access_admin`, and in no group.
SERVICE_PERMISSIONS = [roles.WORK]
MASH_PERMISSIONS = [roles.MASH]


def _permissions(codenames: list[str]) -> list[Permission]:
    found = []
    for dotted in codenames:
        app_label, codename = dotted.split(".", 1)
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def _council_of(council, localities):
    """The client's council: the one chosen, else its towns' (or the deployment's only)
    council. Raises ValidationError when a town belongs to another council."""
    towns = list(localities)
    if council is None:
        theirs = {town.council_id for town in towns}
        council_id = theirs.pop() if len(theirs) == 1 else sole_council_id()
        council = Council.objects.filter(pk=council_id).first()
    if council is None:
        raise ValidationError(_("Choose the council whose case system this is."))
    if any(town.council_id != council.pk for town in towns):
        raise ValidationError(_("Choose only the council's own towns."))
    return council


def _service_user_sync(client: ApiClient) -> None:
    """Bring the client's account in line with the client: its name, its towns, its
    permissions, and active only while the client is."""
    user = client.service_user
    if user is None:
        user = get_user_model()(username=f"api-client-{client.pk}")
        user.set_unusable_password()
    user.first_name = client.name[:150]
    user.last_name = _("(case system)")[:150]
    user.email = ""
    user.is_staff = False
    user.is_superuser = False
    user.is_active = client.is_active
    user.save()
    if client.service_user_id != user.pk:
        client.service_user = user
        client.save(update_fields=["service_user"])
    user.groups.clear()
    wanted = SERVICE_PERMISSIONS + (MASH_PERMISSIONS if client.sees_mash_queue else [])
    user.user_permissions.set(_permissions(wanted))
    towns = set(client.localities.values_list("pk", flat=True))
    LocalityMembership.objects.filter(user=user).exclude(locality_id__in=towns).delete()
    have = set(LocalityMembership.objects.filter(user=user).values_list("locality_id", flat=True))
    LocalityMembership.objects.bulk_create(
        LocalityMembership(user=user, locality_id=town) for town in towns - have
    )
    CouncilMembership.objects.filter(user=user).exclude(council_id=client.council_id).delete()
    if client.council_id is not None:
        CouncilMembership.objects.get_or_create(user=user, council_id=client.council_id)


def _admin_record(*, user, client: ApiClient, summary: str) -> None:
    log(instance=client, action="wagtail.edit", user=user, data={"summary": summary})


@transaction.atomic
def api_client_create(
    *,
    user,
    name: str,
    localities,
    sees_mash_queue: bool,
    access: str,
    rate_limit_per_minute: int,
    council=None,
) -> tuple[ApiClient, str]:
    """A new client and its first token. Returns the token itself, which is never stored:
    show it once."""
    token = token_new()
    client = ApiClient.objects.create(
        name=name,
        council=_council_of(council, localities),
        sees_mash_queue=sees_mash_queue,
        access=access,
        rate_limit_per_minute=rate_limit_per_minute,
        token_hash=token_hash(token),
        token_hint=token[:12],
    )
    client.localities.set(localities)
    _service_user_sync(client)
    log(instance=client, action="wagtail.create", user=user)
    return client, token


@transaction.atomic
def api_client_update(
    *,
    user,
    client: ApiClient,
    name: str,
    localities,
    sees_mash_queue: bool,
    access: str,
    rate_limit_per_minute: int,
    council=None,
) -> ApiClient:
    """Change what a client may see and do; its account follows at once."""
    client.name = name
    client.council = _council_of(council, localities)
    client.sees_mash_queue = sees_mash_queue
    client.access = access
    client.rate_limit_per_minute = rate_limit_per_minute
    client.save()
    client.localities.set(localities)
    _service_user_sync(client)
    _admin_record(user=user, client=client, summary="Changed")
    return client


@transaction.atomic
def api_client_token_rotate(*, user, client: ApiClient) -> str:
    """A new token for the client; the old one stops working now. Returns the new token."""
    client = ApiClient.objects.select_for_update().get(pk=client.pk)
    if not client.is_active:
        raise ValidationError(_("A revoked client cannot have a new token."))
    token = token_new()
    client.token_hash = token_hash(token)
    client.token_hint = token[:12]
    client.token_rotated_at = timezone.now()
    client.save(update_fields=["token_hash", "token_hint", "token_rotated_at"])
    _admin_record(user=user, client=client, summary="Token rotated")
    return token


@transaction.atomic
def api_client_revoke(*, user, client: ApiClient) -> ApiClient:
    """Stop the client for good: its token is refused and its account switched off."""
    client = ApiClient.objects.select_for_update().get(pk=client.pk)
    if client.revoked_at is None:
        client.revoked_at = timezone.now()
        client.save(update_fields=["revoked_at"])
        _service_user_sync(client)
        _admin_record(user=user, client=client, summary="Revoked")
    return client


def api_client_used(*, client: ApiClient) -> None:
    """Note when the client last called, at most once a minute per client (a write per call
    would be a write per call)."""
    now = timezone.now()
    if client.last_used_at is None or (now - client.last_used_at).total_seconds() >= 60:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        client.last_used_at = now


def api_call_audit(
    *,
    client: ApiClient,
    summary: str,
    subject: str = "",
    help_request: HelpRequest | None = None,
    details: dict | None = None,
) -> None:
    """Record an API read like a staff view: the client's account as who, its name in the
    details (the account may be renamed with the client)."""
    audit_record(
        user=client.service_user,
        action=AuditAction.VIEWED,
        subject=subject,
        help_request=help_request,
        summary=f"API ({client.name}): {summary}",
        details={"api_client": client.pk, "api_client_name": client.name, **(details or {})},
    )


def api_list_audit(*, client: ApiClient, references: list[str], later_page: bool) -> None:
    """A page of the change feed, recorded as the staff queue records its pages."""
    api_call_audit(
        client=client,
        subject=AuditSubject.QUEUE,
        summary=f"Listed {len(references)} changed help requests",
        details={"references": references, "later_page": later_page},
    )


@transaction.atomic
def help_request_acknowledge_import(
    *, client: ApiClient, help_request: HelpRequest, case_reference: str
) -> HelpRequest:
    """The case system has taken the request in under its own reference. Staff see the
    reference on the request; the timeline says so. Acknowledging again with a new
    reference replaces it (the case system re-imported it)."""
    case_reference = case_reference.strip()
    if not case_reference:
        raise ValidationError(_("Enter the case system's reference."))
    help_request = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    user = client.service_user
    help_request.case_reference = case_reference[:60]
    help_request.imported_at = timezone.now()
    help_request.imported_by_client = client
    help_request.save(update_fields=["case_reference", "imported_at", "imported_by_client"])
    summary = f"Imported into {client.name} as {help_request.case_reference}"[:300]
    RequestEvent.objects.create(
        help_request=help_request,
        kind=EventKind.IMPORTED,
        actor=user,
        summary=summary,
        data={"api_client": client.pk, "case_reference": help_request.case_reference},
    )
    log(instance=help_request, action="early_help.imported", user=user, data={"summary": summary})
    audit_record(
        user=user,
        action=AuditAction.CHANGED,
        help_request=help_request,
        summary=f"API ({client.name}): {summary}",
        details={"api_client": client.pk, "api_client_name": client.name},
    )
    return help_request
