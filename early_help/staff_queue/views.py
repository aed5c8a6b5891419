"""The staff queue in the Wagtail admin. Scope first (404), then permission (403)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..blockages import selectors as blockage_selectors
from ..blockages import services as blockage_services
from ..blockages.forms import BlockageForm
from ..staff_access.decorators import Forbidden, forbidding, require_queue_user
from ..staff_access.models import AuditAction, AuditSubject
from ..staff_access.permissions import (
    Action,
    can,
    can_export,
    can_read_all_texts,
    can_see_region_reports,
    can_see_reports,
)
from ..staff_access.services import audit_record
from ..texts import selectors as text_selectors
from ..texts.segments import segment_info
from ..texts.services import TextIncomplete, sms_render
from ..waiting_times import selectors as waiting_selectors
from . import exports, reports, selectors, services
from . import forms as staff_forms


@forbidding
def queue(request):
    require_queue_user(request.user)
    form = staff_forms.QueueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = selectors.help_request_queue_page(
        user=request.user,
        filters=filters,
        per_page=filters.get("per_page") or 25,
        after=request.GET.get("after", ""),
        before=request.GET.get("before", ""),
    )
    _queue_view_audit(request.user, filters, page)
    return TemplateResponse(
        request,
        "early_help/admin/queue.html",
        {
            "form": form,
            "page": page,
            "query_string": _without_page(request),
            "can_export": can_export(request.user),
        },
    )


# Excel stops at 1,048,576 rows; one is the header.
EXCEL_MAX_ROWS = 1_048_575


@forbidding
def export(request):
    """One row per request in the user's scope, as CSV or Excel: the queue as filtered
    (the same filters as the queue page), or with `scope=all` every request in scope
    whatever its status. Audited with the filters and how many rows, never the search
    words."""
    require_queue_user(request.user)
    if not can_export(request.user):
        raise Forbidden
    kind = request.GET.get("format")
    if kind not in {"csv", "xlsx"}:
        raise Http404
    everything = request.GET.get("scope") == "all"
    form = staff_forms.QueueFilterForm(request.GET or None)
    filters = {} if everything or not form.is_valid() else form.cleaned_data
    help_requests = selectors.help_requests_for_export(
        user=request.user, filters=filters, everything=everything
    )
    rows = selectors.count_up_to(help_requests, limit=EXCEL_MAX_ROWS)
    if kind == "xlsx" and rows.more:
        messages.error(request, _("Too many requests for Excel: choose CSV, or filter the queue."))
        return HttpResponseRedirect(reverse("help_requests:queue"))
    used = {name: filters[name] for name in AUDITED_FILTERS if filters.get(name)}
    searched = bool(filters.get("q"))
    services.help_requests_export_record(
        user=request.user,
        subject=AuditSubject.QUEUE,
        summary=(
            f"Exported {int(rows)} requests ({kind})"
            + (", every status in scope" if everything else "")
            + (f", filtered by {', '.join(sorted(used))}" if used else "")
            + (", after a search" if searched else "")
        ),
        details={
            "format": kind,
            "rows": int(rows),
            "everything": everything,
            "filters": used,
            "searched": searched,
        },
    )
    stamp = timezone.localdate().isoformat()
    return exports.help_requests_export(
        help_requests, kind=kind, filename=f"family-voice-requests-{stamp}"
    )


# Filters that choose rows without saying anything about a person; the search box does
# not qualify, so only the fact of a search is recorded, never what was typed.
AUDITED_FILTERS = (
    "locality",
    "status",
    "assigned",
    "older_than_days",
    "urgent",
    "overdue",
    "replies",
    "family",
)


def _queue_view_audit(user, filters: dict, page) -> None:
    """Record which references the page showed (names and phones are on it), the filters
    and whether a search was made; never the search words, which may be a name or number."""
    searched = bool(filters.get("q"))
    shown = [help_request.reference for help_request in page.rows]
    used = {name: filters[name] for name in AUDITED_FILTERS if filters.get(name)}
    matching = f"more than {page.count.limit}" if page.count.more else str(int(page.count))
    summary = (
        f"Viewed the queue: {len(shown)} of {matching} requests"
        + (", a later page" if page.previous_cursor else "")
        + (f", filtered by {', '.join(sorted(used))}" if used else "")
        + (", after a search" if searched else "")
    )
    audit_record(
        user=user,
        action=AuditAction.VIEWED,
        subject=AuditSubject.QUEUE,
        summary=summary,
        details={
            "later_page": bool(page.previous_cursor),
            "matching": int(page.count),
            "matching_capped": page.count.more,
            "filters": used,
            "searched": searched,
            "shown": shown,
        },
    )


def _without_page(request) -> str:
    params = request.GET.copy()
    for key in ("after", "before", "p"):
        params.pop(key, None)
    return params.urlencode()


@forbidding
def detail(request, pk: int):
    require_queue_user(request.user)
    help_request = selectors.help_request_detail(user=request.user, pk=pk)
    services.help_request_view(help_request=help_request, user=request.user)
    user = request.user
    actions = {action.value: can(user, action, help_request) for action in Action}
    context = {
        "help_request": help_request,
        "can": actions,
        "practitioners": services.family_practitioners(help_request),
        "assign_form": staff_forms.AssignForm(workers=selectors.assignable_workers(help_request)),
        "lead_form": staff_forms.LeadForm(
            initial={
                "lead_agency": help_request.lead_agency_id,
                "lead_practitioner": help_request.lead_practitioner,
            }
        ),
        "status_form": staff_forms.StatusForm(),
        "mash_form": staff_forms.ReasonForm(),
        "locality_form": staff_forms.LocalityForm(initial={"locality": help_request.locality_id}),
        "note_form": staff_forms.NoteForm(),
        "contact_form": staff_forms.ContactForm(),
        "tracking_form": staff_forms.TrackingForm(
            initial={"allowed": "on" if help_request.tracking_allowed else "off"}
        ),
        "text_previews": text_previews(help_request),
        "texts": help_request.texts.all(),
        "blockage": blockage_selectors.open_blockage(help_request),
        "blockage_form": BlockageForm(),
        "came_back_form": staff_forms.CameBackForm(
            initial={"reason": _came_back_reason(help_request)}
        ),
    }
    return TemplateResponse(request, "early_help/admin/detail.html", context)


def _came_back_reason(help_request) -> str:
    # The links were prefetched with the request; each has the one reason.
    return next((link.reason for link in help_request.re_referrals.all() if link.reason), "")


@dataclass(frozen=True)
class StaffAction:
    """One action on a request: who may do it, the form it takes, and the service it calls."""

    permission: Action
    form: Callable | None  # (help_request, data) -> bound form
    perform: Callable  # (help_request, user, cleaned_data) -> anything


ACTIONS = {
    "claim": StaffAction(
        Action.WORK,
        None,
        lambda hr, user, data: services.help_request_claim(help_request=hr, user=user),
    ),
    "assign": StaffAction(
        Action.ASSIGN,
        lambda hr, data: staff_forms.AssignForm(data, workers=selectors.assignable_workers(hr)),
        lambda hr, user, data: services.help_request_assign(
            help_request=hr, user=user, worker=data["worker"]
        ),
    ),
    "lead": StaffAction(
        Action.WORK,
        lambda hr, data: staff_forms.LeadForm(data),
        lambda hr, user, data: services.help_request_set_lead(help_request=hr, user=user, **data),
    ),
    "status": StaffAction(
        Action.WORK,
        lambda hr, data: staff_forms.StatusForm(data),
        lambda hr, user, data: services.help_request_change_status(
            help_request=hr, user=user, **data
        ),
    ),
    "mash": StaffAction(
        Action.PASS_TO_MASH,
        lambda hr, data: staff_forms.ReasonForm(data),
        lambda hr, user, data: services.help_request_pass_to_mash(
            help_request=hr, user=user, reason=data["reason"]
        ),
    ),
    "pass-back": StaffAction(
        Action.PASS_BACK,
        lambda hr, data: staff_forms.LocalityForm(data),
        lambda hr, user, data: services.help_request_pass_back(help_request=hr, user=user, **data),
    ),
    "route": StaffAction(
        Action.ROUTE,
        lambda hr, data: staff_forms.LocalityForm(data),
        lambda hr, user, data: services.help_request_route(
            help_request=hr, user=user, locality=data["locality"]
        ),
    ),
    "note": StaffAction(
        Action.WORK,
        lambda hr, data: staff_forms.NoteForm(data),
        lambda hr, user, data: services.help_request_add_note(
            help_request=hr, user=user, text=data["text"]
        ),
    ),
    "contact": StaffAction(
        Action.WORK,
        lambda hr, data: staff_forms.ContactForm(data),
        lambda hr, user, data: services.help_request_record_contact(
            help_request=hr, user=user, **data
        ),
    ),
    "tracking": StaffAction(
        Action.WORK,
        lambda hr, data: staff_forms.TrackingForm(data),
        lambda hr, user, data: services.help_request_tracking_set(
            help_request=hr, user=user, allowed=data["allowed"]
        ),
    ),
    "family-seen": StaffAction(
        Action.WORK,
        None,
        lambda hr, user, data: services.help_request_family_message_seen(
            help_request=hr, user=user
        ),
    ),
    "waiting": StaffAction(
        Action.WORK,
        lambda hr, data: BlockageForm(data),
        lambda hr, user, data: blockage_services.blockage_start(
            help_request=hr, user=user, reason=data["reason"]
        ),
    ),
    "waiting-over": StaffAction(
        Action.WORK,
        None,
        lambda hr, user, data: blockage_services.blockage_clear(help_request=hr, user=user),
    ),
    "came-back": StaffAction(
        Action.WORK,
        lambda hr, data: staff_forms.CameBackForm(data),
        lambda hr, user, data: services.help_request_tag_came_back(
            help_request=hr, user=user, reason=data["reason"]
        ),
    ),
    "text": StaffAction(
        Action.WORK,
        lambda hr, data: staff_forms.TextForm(
            data, previews=[(k, k) for k, _p in text_previews(hr)]
        ),
        lambda hr, user, data: services.help_request_text(
            help_request=hr, user=user, key=data["template"]
        ),
    ),
}


def text_previews(help_request) -> list[tuple[str, dict]]:
    """Each text staff may send, exactly as the family would read it, with its segment count.

    A text that would go out with a blank (no practitioner yet) is not offered.
    """
    previews = []
    for key in services.STAFF_TEMPLATES:
        try:
            rendered = sms_render(help_request=help_request, key=key)
        except TextIncomplete:
            continue
        if rendered is None:
            continue
        template, body = rendered
        previews.append(
            (key, {"label": template.get_key_display(), "body": body, "info": segment_info(body)})
        )
    return previews


@require_POST
@forbidding
def act(request, pk: int, action: str):
    require_queue_user(request.user)
    if action not in ACTIONS:
        raise Http404
    help_request = selectors.help_request_detail(user=request.user, pk=pk)
    staff_action = ACTIONS[action]
    if not can(request.user, staff_action.permission, help_request):
        raise Forbidden
    data = {}
    if staff_action.form is not None:
        form = staff_action.form(help_request, request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return HttpResponseRedirect(reverse("help_requests:detail", args=[pk]))
        data = form.cleaned_data
    try:
        staff_action.perform(help_request, request.user, data)
    except services.ThirdPractitionerWarning as warning:
        messages.warning(
            request,
            _(
                "This would be the family's third lead practitioner in 12 months (before: %(names)s). Tick the box to confirm, or keep the same person."
            )
            % {"names": ", ".join(warning.practitioners)},
        )
    except services.TextNotAllowed as refusal:
        messages.error(request, str(refusal))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Saved."))
    return HttpResponseRedirect(reverse("help_requests:detail", args=[pk]))


@forbidding
def audit(request, pk: int):
    require_queue_user(request.user)
    help_request = selectors.help_request_detail(user=request.user, pk=pk)
    if not can(request.user, Action.AUDIT, help_request):
        raise Forbidden
    records = selectors.audit_records_of(help_request)
    return TemplateResponse(
        request, "early_help/admin/audit.html", {"help_request": help_request, "records": records}
    )


@forbidding
def report(request):
    user = request.user
    if not can_see_reports(user):
        raise Forbidden
    localities = reports.localities_for_reports(user)
    chosen = request.GET.get("locality", "")
    if chosen and not localities.filter(slug=chosen).exists():
        raise Http404
    scope = localities.filter(slug=chosen) if chosen else localities
    figures = reports.locality_figures(user=user, localities=scope)
    months = waiting_selectors.month_starts()
    # An unknown month (an old bookmark, a typo) shows this month rather than an error.
    month = next((m for m in months if f"{m:%Y-%m}" == request.GET.get("month")), months[0])
    export = request.GET.get("format")
    if export in {"csv", "xlsx"}:
        if not can_export(user):
            raise Forbidden
        services.help_requests_export_record(
            user=user, summary=f"Exported report ({export}) for {chosen or 'all towns in scope'}"
        )
        return exports.export(figures, export)
    return TemplateResponse(
        request,
        "early_help/admin/report.html",
        {
            "figures": figures,
            "localities": localities,
            "chosen": chosen,
            "months": months,
            "month": month,
            "stages": reports.time_at_each_stage(user=user, localities=scope, month=month),
            "longest_waiting": reports.longest_waiting(user=user, localities=scope),
            "can_export": can_export(user),
            **reports.stuck_and_returning(user=user, localities=scope),
        },
    )


@forbidding
def region_report(request):
    """Each council's headline figures and the region's: for region managers, who see no
    request and no person."""
    if not can_see_region_reports(request.user):
        raise Forbidden
    figures = reports.region_figures()
    audit_record(
        user=request.user,
        action=AuditAction.VIEWED,
        subject=AuditSubject.REPORT,
        summary="Viewed the region report",
        details={"councils": [row["council"] for row in figures["councils"]]},
    )
    keys = [key for key, _label in reports.REGION_COLUMNS]
    return TemplateResponse(
        request,
        "early_help/admin/region_report.html",
        {
            "columns": [label for _key, label in reports.REGION_COLUMNS],
            "councils": [
                {"name": row["council"], "values": [row[key] for key in keys]}
                for row in figures["councils"]
            ],
            "region": [figures["region"][key] for key in keys],
        },
    )


@forbidding
def texts(request):
    """Texts in and out. Replies from unknown numbers wait here for staff to match them."""
    user = request.user
    if not can_read_all_texts(user):
        raise Forbidden
    unmatched = list(text_selectors.unmatched_replies(user=user))
    recent = list(text_selectors.recent_texts()) if user.is_superuser else []
    # The page shows numbers and the words of texts: record which texts, not what they say.
    audit_record(
        user=user,
        action=AuditAction.VIEWED,
        subject=AuditSubject.TEXTS,
        summary=f"Viewed the Texts page: {len(unmatched)} unmatched replies, "
        f"{len(recent)} texts in the list of all texts",
        details={
            "unmatched": [text.pk for text in unmatched],
            "texts": [text.pk for text in recent],
            "help_requests": sorted(
                {text.help_request.reference for text in recent if text.help_request_id}
            ),
        },
    )
    return TemplateResponse(
        request, "early_help/admin/texts.html", {"unmatched": unmatched, "recent": recent}
    )
