"""Feedback in the Wagtail admin: the queue, acting on it, reports, workers' QR codes."""

import io

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..staff_access.decorators import Forbidden, forbidding
from ..staff_access.models import AuditAction, AuditSubject
from ..staff_access.permissions import (
    can_download_qr_codes,
    can_manage_feedback_links,
    can_read_feedback,
)
from ..staff_access.services import audit_record
from . import selectors, services
from .models import Feedback


def _readers_only(user):
    if not can_read_feedback(user):
        raise Forbidden


@forbidding
def feedback_list(request):
    _readers_only(request.user)
    items = selectors.feedback_list(
        user=request.user,
        urgent_only=bool(request.GET.get("urgent")),
        status=request.GET.get("status", ""),
    )
    items = list(items)  # read once: the audit and the page share it
    named = [item.reference for item in items if not item.anonymous and item.name]
    if named:
        # Named feedback shows who gave it: record which, never the names.
        audit_record(
            user=request.user,
            action=AuditAction.VIEWED,
            subject=AuditSubject.FEEDBACK_LIST,
            summary=f"Viewed the feedback list: {len(named)} named of {len(items)} shown",
            details={"named_shown": named, "shown": len(items)},
        )
    links = selectors.feedback_links_for(request.user)
    return TemplateResponse(
        request,
        "early_help/admin/feedback_list.html",
        {
            "items": items,
            "links": links,
            "can_manage_links": can_manage_feedback_links(request.user),
        },
    )


@forbidding
def feedback_detail(request, pk: int):
    _readers_only(request.user)
    feedback = get_object_or_404(selectors.feedback_visible_to(request.user), pk=pk)
    audit_record(
        user=request.user,
        action=AuditAction.VIEWED,
        feedback=feedback,
        summary=f"Viewed feedback {feedback.reference}"
        + ("" if feedback.anonymous else " (named)"),
    )
    return TemplateResponse(
        request,
        "early_help/admin/feedback_detail.html",
        {"feedback": feedback, "texts": feedback.texts.all()},
    )


@require_POST
@forbidding
def feedback_act(request, pk: int, action: str):
    _readers_only(request.user)
    feedback = get_object_or_404(selectors.feedback_visible_to(request.user), pk=pk)
    try:
        if action == "acknowledge":
            services.feedback_acknowledge(
                feedback=feedback,
                user=request.user,
                reply_by_text=bool(request.POST.get("reply_by_text")),
            )
        elif action == "you-said-we-did":
            services.feedback_record_action(
                feedback=feedback,
                user=request.user,
                you_said_we_did=request.POST.get("you_said_we_did", "")[:2000],
                approved_to_quote=bool(request.POST.get("approved_to_quote")),
                quote=request.POST.get("quote", "")[:1000],
            )
        else:
            return HttpResponse(status=404)
    except PermissionDenied:
        raise Forbidden from None
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Saved."))
    return HttpResponseRedirect(reverse("feedback:detail", args=[pk]))


SCALE_LABELS = {
    "trust": _("Trust"),
    "easy_to_contact": _("Easy to contact"),
    "listens": _("Listens"),
    "explains": _("Explains what is happening"),
}


@forbidding
def feedback_report(request):
    _readers_only(request.user)
    figures = selectors.feedback_report(user=request.user)
    figures["lowest"] = [(SCALE_LABELS[scale], value) for scale, value in figures["lowest"]]
    return TemplateResponse(
        request,
        "early_help/admin/feedback_report.html",
        {**figures, "roles": dict(Feedback._meta.get_field("about_role").choices)},
    )


@forbidding
def feedback_mine(request):
    """A worker's own anonymous feedback: the answers, with no dates or other details."""
    items = selectors.feedback_about_me(request.user)
    return TemplateResponse(request, "early_help/admin/feedback_mine.html", {"items": items})


LINK_ACTIONS = {
    "revoke": (
        services.feedback_link_revoke,
        _("%(worker)s's link is revoked: it no longer works."),
    ),
    "reissue": (
        services.feedback_link_reissue,
        _("%(worker)s has a new link: print their new QR code. The old link no longer works."),
    ),
}


@require_POST
@forbidding
def link_act(request, pk: int, action: str):
    """Revoke or reissue a worker's feedback link; out of scope is a 404."""
    if action not in LINK_ACTIONS:
        return HttpResponse(status=404)
    link = get_object_or_404(selectors.feedback_links_for(request.user), pk=pk)
    service, message = LINK_ACTIONS[action]
    try:
        service(link=link, user=request.user)
    except PermissionDenied:
        raise Forbidden from None
    messages.success(request, message % {"worker": link.worker_name})
    return HttpResponseRedirect(reverse("feedback:list"))


@forbidding
def link_qr(request, pk: int, kind: str):
    link = get_object_or_404(selectors.feedback_links_for(request.user), pk=pk)
    if not can_download_qr_codes(request.user):
        raise Forbidden
    url = selectors.feedback_link_url(link)
    if url is None:
        return HttpResponse(_("Publish a feedback page first."), status=404)
    qr = segno.make(url, error="m")
    buffer = io.BytesIO()
    if kind == "svg":
        qr.save(buffer, kind="svg", scale=8, border=2, title=link.worker_name)
        content_type = "image/svg+xml"
    else:
        qr.save(buffer, kind="png", scale=10, border=2)
        content_type = "image/png"
    response = HttpResponse(buffer.getvalue(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="feedback-{link.pk}.{kind}"'
    return response
