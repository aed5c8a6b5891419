"""Feedback in the Wagtail admin: the queue, acting on it, reports, workers' QR codes."""

import io
from statistics import mean

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Avg, Count, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import roles, selectors, services
from .models import Feedback, FeedbackLink, FeedbackStatus
from .staff_views import Forbidden, forbidding


def can_read_feedback(user) -> bool:
    return user.is_active and (
        user.is_superuser
        or any(user.has_perm(p) for p in (roles.VIEW_ALL, roles.MASH, roles.ASSIGN))
    )


def _readers_only(user):
    if not can_read_feedback(user):
        raise Forbidden


@forbidding
def feedback_list(request):
    _readers_only(request.user)
    items = selectors.feedback_visible_to(request.user)
    if request.GET.get("urgent"):
        items = items.filter(urgent=True)
    if request.GET.get("status") in FeedbackStatus.values:
        items = items.filter(status=request.GET["status"])
    items = items.order_by("-urgent", "status", "-received_on", "-pk")[:200]
    links = _links_for(request.user)
    return TemplateResponse(
        request, "early_help/admin/feedback_list.html", {"items": items, "links": links}
    )


def _links_for(user):
    links = FeedbackLink.objects.select_related("team")
    if user.is_superuser or user.has_perm(roles.VIEW_ALL):
        return links
    return links.filter(team__memberships__user=user).distinct()


@forbidding
def feedback_detail(request, pk: int):
    _readers_only(request.user)
    feedback = get_object_or_404(selectors.feedback_visible_to(request.user), pk=pk)
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


@forbidding
def feedback_report(request):
    _readers_only(request.user)
    visible = selectors.feedback_visible_to(request.user)
    by_team_role = (
        visible.values("team__name", "about_role")
        .annotate(
            count=Count("pk"),
            trust=Avg("trust"),
            easy_to_contact=Avg("easy_to_contact"),
            listens=Avg("listens"),
            explains=Avg("explains"),
            changed=Count("pk", filter=Q(worker_changed="yes")),
            urgent=Count("pk", filter=Q(urgent=True)),
        )
        .order_by("team__name", "about_role")
    )
    by_month = (
        visible.values("received_on__year", "received_on__month")
        .annotate(count=Count("pk"), trust=Avg("trust"), listens=Avg("listens"))
        .order_by("received_on__year", "received_on__month")
    )
    changes = list(
        visible.filter(journey="young_person", worker_changes__isnull=False).values_list(
            "worker_changes", flat=True
        )
    )
    lowest = _lowest_scoring(visible)
    return TemplateResponse(
        request,
        "early_help/admin/feedback_report.html",
        {
            "by_team_role": by_team_role,
            "by_month": by_month,
            "young_changes_average": round(mean(changes), 1) if changes else None,
            "young_changes_count": len(changes),
            "lowest": lowest,
            "roles": dict(Feedback._meta.get_field("about_role").choices),
        },
    )


def _lowest_scoring(visible) -> list[tuple[str, float]]:
    """The themes: which question scores lowest, across everything in scope."""
    averages = visible.aggregate(
        trust=Avg("trust"),
        easy_to_contact=Avg("easy_to_contact"),
        listens=Avg("listens"),
        explains=Avg("explains"),
    )
    labels = {
        "trust": _("Trust"),
        "easy_to_contact": _("Easy to contact"),
        "listens": _("Listens"),
        "explains": _("Explains what is happening"),
    }
    return sorted(
        ((labels[k], round(v, 2)) for k, v in averages.items() if v is not None),
        key=lambda pair: pair[1],
    )


@forbidding
def feedback_mine(request):
    """A worker's own anonymous feedback: the answers, with no dates or other details."""
    items = selectors.feedback_about_me(request.user)
    return TemplateResponse(request, "early_help/admin/feedback_mine.html", {"items": items})


@forbidding
def link_qr(request, pk: int, kind: str):
    link = get_object_or_404(_links_for(request.user), pk=pk)
    if not (
        request.user.is_superuser
        or request.user.has_perm(roles.ASSIGN)
        or request.user.has_perm(roles.VIEW_ALL)
    ):
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
