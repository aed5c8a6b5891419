"""Webhook addresses in the admin, for administrators: register, change, rotate the
secret, deactivate, see the deliveries and their tries, and resend."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..staff_access.decorators import Forbidden, forbidding
from ..staff_access.permissions import can_manage_webhooks
from . import selectors, services
from .forms import EndpointForm
from .models import WebhookDelivery, WebhookEndpoint


def _require(user) -> None:
    if not can_manage_webhooks(user):
        raise Forbidden


def _secret_shown_once(request, endpoint: WebhookEndpoint, secret: str, *, rotated: bool):
    """The secret is in this answer and nowhere else: no redirect, no cache."""
    response = TemplateResponse(
        request,
        "early_help/admin/webhook_secret.html",
        {"endpoint": endpoint, "secret": secret, "rotated": rotated},
    )
    add_never_cache_headers(response)
    return response


@forbidding
def endpoints(request):
    _require(request.user)
    return TemplateResponse(
        request,
        "early_help/admin/webhooks.html",
        {"endpoints": selectors.endpoints_for_admin()},
    )


@forbidding
def endpoint_add(request):
    _require(request.user)
    form = EndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint, secret = services.webhook_endpoint_create(
                user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _secret_shown_once(request, endpoint, secret, rotated=False)
    return TemplateResponse(
        request, "early_help/admin/webhook_form.html", {"form": form, "endpoint": None}
    )


@forbidding
def endpoint_edit(request, pk: int):
    _require(request.user)
    endpoint = get_object_or_404(WebhookEndpoint.objects.select_related("client"), pk=pk)
    form = EndpointForm(request.POST or None, endpoint=endpoint)
    if request.method == "POST" and form.is_valid():
        try:
            services.webhook_endpoint_change(
                user=request.user, endpoint=endpoint, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return HttpResponseRedirect(reverse("webhooks:detail", args=[endpoint.pk]))
    return TemplateResponse(
        request, "early_help/admin/webhook_form.html", {"form": form, "endpoint": endpoint}
    )


@forbidding
def endpoint_detail(request, pk: int):
    _require(request.user)
    endpoint = get_object_or_404(WebhookEndpoint.objects.select_related("client"), pk=pk)
    failures_only = request.GET.get("failures") == "1"
    return TemplateResponse(
        request,
        "early_help/admin/webhook_detail.html",
        {
            "endpoint": endpoint,
            "failures_only": failures_only,
            "deliveries": selectors.endpoint_deliveries(endpoint, failures_only=failures_only),
        },
    )


@require_POST
@forbidding
def endpoint_rotate(request, pk: int):
    _require(request.user)
    endpoint = get_object_or_404(WebhookEndpoint.objects.select_related("client"), pk=pk)
    secret = services.webhook_endpoint_secret_rotate(user=request.user, endpoint=endpoint)
    return _secret_shown_once(request, endpoint, secret, rotated=True)


@require_POST
@forbidding
def endpoint_set_active(request, pk: int):
    _require(request.user)
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    active = request.POST.get("active") == "1"
    services.webhook_endpoint_set_active(user=request.user, endpoint=endpoint, active=active)
    messages.success(
        request,
        _("Notices go to this address again.")
        if active
        else _("Nothing more is sent to this address."),
    )
    return HttpResponseRedirect(reverse("webhooks:detail", args=[endpoint.pk]))


@require_POST
@forbidding
def delivery_resend(request, pk: int):
    _require(request.user)
    delivery = get_object_or_404(WebhookDelivery.objects.select_related("endpoint__client"), pk=pk)
    try:
        resend = services.webhook_delivery_resend(user=request.user, delivery=delivery)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Sent again as delivery %(number)s.") % {"number": resend.pk})
    return HttpResponseRedirect(reverse("webhooks:detail", args=[delivery.endpoint_id]))
