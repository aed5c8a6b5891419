"""API v1 for councils' case-management systems, built with django-ninja.

Why django-ninja: Wagtail already depends on it (no new dependency), it builds the OpenAPI 3
document from the typed schemas the views use, and it serves its Swagger docs from its own
static files (with "ninja" in INSTALLED_APPS), so the docs page runs under the site's
strict Content Security Policy unchanged: no CDN, no inline script, no exception.

A call is a bearer token's client acting as its service user: reads are scoped by
`ApiClient.scope_q` (out of scope is a 404, as for staff) and audited like a staff view;
what a case system records goes through the staff queue's services, so permissions, the
timeline, the audit, texts and handovers work exactly as in the staff UI.
"""

from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import NinjaAPI, Path, Query
from ninja.openapi.docs import Swagger

from ..help_requests.models import HelpRequest
from ..staff_access.models import AuditSubject
from ..staff_queue import reports
from ..staff_queue import services as queue_services
from ..staff_queue.models import LeadAgency
from . import schemas, selectors, services
from .auth import ClientToken, RateLimited
from .models import ApiClient

# Ids are 64-bit: a larger number is refused as invalid rather than sent to the database.
Id = Annotated[int, Path(ge=1, le=2**63 - 1)]

# 400: a body or cursor that cannot be read; 422: one that breaks the schema or a rule.
READ_ERRORS = {400: schemas.Error, 401: schemas.Error, 422: schemas.Error, 429: schemas.Error}
ONE_ERRORS = {**READ_ERRORS, 404: schemas.Error}
WRITE_ERRORS = {**ONE_ERRORS, 403: schemas.Error}

DESCRIPTION = """
For councils' case-management systems. Every call needs a client's token:
`Authorization: Bearer fv_...` (administrators create clients in the admin under
Settings → API clients; the token is shown once).

A client sees the requests of its towns as a locality worker of those towns would (never
what is with MASH duty, unless it is MASH's own system). A request out of scope answers 404.
Read-only clients may read and acknowledge imports; recording status, lead or contact needs
read-and-record access (403 otherwise). Calls over the client's limit per minute answer
429 with `Retry-After`.

Read changes with `GET /help-requests?cursor=...`: keep the `next_cursor` of the last page
and call again with it later to get what changed since. A change is listed once it is a
few seconds old, so a write still committing is never skipped.
"""

api = NinjaAPI(
    title="Family Voice API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api_v1",
    auth=ClientToken(),
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.exception_handler(RateLimited)
def _rate_limited(request, exc: RateLimited):
    response = api.create_response(
        request, {"detail": "Too many calls: wait and try again."}, status=429
    )
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(
        request, {"detail": "This client may read but not record."}, status=403
    )


@api.exception_handler(DjangoValidationError)
def _refused(request, exc: DjangoValidationError):
    return api.create_response(request, {"detail": exc.messages}, status=422)


@api.exception_handler(queue_services.ThirdPractitionerWarning)
def _third_practitioner(request, exc: queue_services.ThirdPractitionerWarning):
    return api.create_response(
        request,
        {
            "detail": "This would be the family's third lead practitioner in 12 months: "
            "send again with confirmed true to go ahead.",
            "practitioners": exc.practitioners,
        },
        status=409,
    )


@api.exception_handler(selectors.BadCursor)
def _bad_cursor(request, exc):
    return api.create_response(request, {"detail": "That cursor is not one we gave."}, status=400)


def _client(request) -> ApiClient:
    return request.auth


def _in_scope(client: ApiClient, pk: int) -> HelpRequest:
    help_request = selectors.help_request_for_client(client=client, pk=pk)
    if help_request is None:
        raise Http404
    return help_request


def _may_record(client: ApiClient) -> None:
    if not client.can_record:
        raise PermissionDenied


def _town(locality) -> dict | None:
    return {"slug": locality.slug, "name": locality.name} if locality else None


def _changed_out(row: dict) -> dict:
    slug, name = row.pop("locality__slug"), row.pop("locality__name")
    row["town"] = {"slug": slug, "name": name} if slug else None
    return row


def _detail_out(help_request: HelpRequest) -> dict:
    safe_contact = getattr(help_request, "safe_contact", None)
    consent = getattr(help_request, "consent", None)
    return {
        **{
            field: getattr(help_request, field)
            for field in (
                "reference",
                "status",
                "outcome",
                "requester_type",
                "first_name",
                "last_name",
                "date_of_birth",
                "email",
                "postcode",
                "preferred_language",
                "other_language",
                "interpreter_needed",
                "bsl_needed",
                "description",
                "help_wanted",
                "other_agencies",
                "submitted_at",
                "first_contact_at",
                "triaged_at",
                "closed_at",
                "updated_at",
                "case_reference",
                "imported_at",
            )
        },
        "id": help_request.pk,
        "phone": str(help_request.phone or ""),
        "children": [
            {
                "first_name": child.first_name,
                "date_of_birth": child.date_of_birth,
                "age": child.age,
                "due_date": child.due_date,
                "school": child.school,
                "send": child.send,
            }
            for child in help_request.children.all()
        ],
        "needs": sorted(need.need for need in help_request.needs.all()),
        "safe_contact": {
            "may_text": safe_contact.may_text,
            "may_leave_voicemail": safe_contact.may_leave_voicemail,
            "may_post_letters": safe_contact.may_post_letters,
            "safe_times": [str(time) for time in safe_contact.safe_times],
            "safe_times_note": safe_contact.safe_times_note,
        }
        if safe_contact
        else None,
        "consent": {
            "given": consent.given,
            "wording_version": consent.wording_version,
            "recorded_at": consent.recorded_at,
        }
        if consent
        else None,
        "urgency": {
            "safeguarding_flag": help_request.safeguarding_flag,
            "reasons": [str(reason) for reason in help_request.safeguarding_reasons],
            "not_safe_now": help_request.not_safe_now,
        },
        "routing": {
            "town": _town(help_request.locality),
            "in_mash_queue": help_request.in_mash_queue,
            "nearest_town": help_request.nearest_town,
            "respond_by": help_request.respond_by,
        },
        "lead": {
            "agency_id": help_request.lead_agency_id,
            "agency": help_request.lead_agency.name if help_request.lead_agency else "",
            "practitioner": help_request.lead_practitioner,
            "handover_count": help_request.handover_count,
        },
        "worker": help_request.assigned_to.get_full_name() if help_request.assigned_to else "",
        "timeline": [
            {
                "kind": event.kind,
                "summary": event.summary,
                "actor": (event.actor.get_full_name() or str(event.actor)) if event.actor else "",
                "at": event.created_at,
            }
            for event in help_request.timeline
        ],
    }


@api.get(
    "/help-requests",
    response={200: schemas.ChangesPage, **READ_ERRORS},
    summary="Requests new or changed since a cursor",
    tags=["help requests"],
)
def help_requests_changed(
    request,
    cursor: Annotated[
        str, Query(max_length=300, description="From the last page; omit to start.")
    ] = "",
    limit: Annotated[int, Query(ge=1, le=selectors.MAX_LIMIT)] = 100,
):
    client = _client(request)
    page = selectors.help_request_changes(client=client, cursor=cursor, limit=limit)
    services.api_list_audit(
        client=client,
        references=[row["reference"] for row in page.rows],
        later_page=bool(cursor),
    )
    body = {
        "items": [_changed_out(row) for row in page.rows],
        "next_cursor": page.next_cursor,
        "has_more": page.has_more,
    }
    # Rendered as built, not validated row by row against ChangesPage (which cost more than
    # the query for a page of 1,000); the schema fuzzer holds these rows to the schema.
    return api.create_response(request, body, status=200)


@api.get(
    "/help-requests/{id}",
    response={200: schemas.HelpRequestOut, **ONE_ERRORS},
    summary="One request with its children, needs, safe contact, consent, urgency, "
    "routing, lead and timeline",
    tags=["help requests"],
)
def help_request_detail(request, id: Id):
    client = _client(request)
    help_request = _in_scope(client, id)
    queue_services.help_request_view(help_request=help_request, user=client.service_user)
    return _detail_out(help_request)


def _after_write(client: ApiClient, pk: int) -> dict:
    return _detail_out(_in_scope(client, pk))


@api.post(
    "/help-requests/{id}/import",
    response={200: schemas.HelpRequestOut, **ONE_ERRORS},
    summary="Acknowledge the request as imported, with your reference",
    tags=["recording"],
)
def help_request_import(request, id: Id, body: schemas.ImportIn):
    client = _client(request)
    help_request = _in_scope(client, id)
    services.help_request_acknowledge_import(
        client=client, help_request=help_request, case_reference=body.case_reference
    )
    return _after_write(client, id)


@api.post(
    "/help-requests/{id}/status",
    response={200: schemas.HelpRequestOut, **WRITE_ERRORS},
    summary="Move the request on; closing needs an outcome",
    tags=["recording"],
)
def help_request_status(request, id: Id, body: schemas.StatusIn):
    client = _client(request)
    help_request = _in_scope(client, id)
    _may_record(client)
    queue_services.help_request_change_status(
        help_request=help_request,
        user=client.service_user,
        status=body.status,
        outcome=body.outcome or "",
    )
    return _after_write(client, id)


@api.post(
    "/help-requests/{id}/lead",
    response={200: schemas.HelpRequestOut, 409: schemas.Error, **WRITE_ERRORS},
    summary="Set the lead agency and lead practitioner (a change is a handover)",
    tags=["recording"],
)
def help_request_lead(request, id: Id, body: schemas.LeadIn):
    client = _client(request)
    help_request = _in_scope(client, id)
    _may_record(client)
    agency = LeadAgency.objects.filter(pk=body.agency_id, active=True).first()
    if agency is None:
        raise DjangoValidationError("Choose an active lead agency from /lead-agencies.")
    queue_services.help_request_set_lead(
        help_request=help_request,
        user=client.service_user,
        lead_agency=agency,
        lead_practitioner=body.practitioner,
        confirmed=body.confirmed,
    )
    return _after_write(client, id)


@api.post(
    "/help-requests/{id}/contacts",
    response={200: schemas.HelpRequestOut, **WRITE_ERRORS},
    summary="Record a call, visit or message to the family",
    tags=["recording"],
)
def help_request_contact(request, id: Id, body: schemas.ContactIn):
    client = _client(request)
    help_request = _in_scope(client, id)
    _may_record(client)
    queue_services.help_request_record_contact(
        help_request=help_request,
        user=client.service_user,
        made_contact=body.made_contact,
        note=body.note.strip(),
    )
    return _after_write(client, id)


@api.get(
    "/lead-agencies",
    response={200: list[schemas.LeadAgencyOut], **READ_ERRORS},
    summary="The lead agencies a request's lead may be",
    tags=["reference data"],
)
def lead_agencies(request):
    return list(LeadAgency.objects.filter(active=True).order_by("name").values("id", "name"))


@api.get(
    "/feedback-summaries",
    response={200: list[schemas.FeedbackSummaryOut], **READ_ERRORS},
    summary="Anonymous feedback figures per team of your towns",
    tags=["figures"],
)
def feedback_summaries(request):
    client = _client(request)
    summaries = selectors.feedback_summaries(client=client)
    services.api_call_audit(
        client=client,
        subject=AuditSubject.REPORT,
        summary="Viewed the feedback summaries",
        details={"teams": [row["town"] for row in summaries]},
    )
    return summaries


@api.get(
    "/town-figures",
    response={200: list[schemas.TownFiguresOut], **READ_ERRORS},
    summary="The reports page's figures for each of your towns",
    tags=["figures"],
)
def town_figures(request):
    client = _client(request)
    towns = client.localities.order_by("sort_order", "name")
    figures = reports.locality_figures(user=client.service_user, localities=towns)
    for row in figures:
        # Keyed by the outcomes' labels, which are lazy translations.
        row["outcomes"] = {str(label): count for label, count in row["outcomes"].items()}
    services.api_call_audit(
        client=client,
        subject=AuditSubject.REPORT,
        summary="Viewed the town figures",
        details={"towns": [town.slug for town in towns]},
    )
    return figures
