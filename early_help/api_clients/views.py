"""API clients in the Wagtail admin, for administrators: list, create, change, rotate,
revoke. A token is shown once, in the answer to the POST that made it, and never again."""

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
from ..staff_access.permissions import can_manage_api_clients
from . import selectors, services
from .forms import ApiClientForm
from .models import ApiClient


def _require_admin(user) -> None:
    if not can_manage_api_clients(user):
        raise Forbidden


def _token_page(request, client: ApiClient, token: str) -> TemplateResponse:
    response = TemplateResponse(
        request, "early_help/admin/api_client_token.html", {"client": client, "token": token}
    )
    # The token must not stay in any cache: this page is its one showing.
    add_never_cache_headers(response)
    response["Cache-Control"] += ", no-store"
    return response


@forbidding
def index(request):
    _require_admin(request.user)
    clients = selectors.api_clients_managed_by(request.user).prefetch_related("localities")
    return TemplateResponse(request, "early_help/admin/api_clients.html", {"clients": clients})


@forbidding
def create(request):
    _require_admin(request.user)
    form = ApiClientForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        client, token = services.api_client_create(user=request.user, **form.cleaned_data)
        return _token_page(request, client, token)
    return TemplateResponse(
        request,
        "early_help/admin/api_client_form.html",
        {"form": form, "title": _("New API client")},
    )


@forbidding
def edit(request, pk: int):
    _require_admin(request.user)
    client = get_object_or_404(selectors.api_clients_managed_by(request.user), pk=pk)
    form = ApiClientForm(request.POST or None, client=client, user=request.user)
    if request.method == "POST" and client.is_active and form.is_valid():
        services.api_client_update(user=request.user, client=client, **form.cleaned_data)
        messages.success(request, _("API client saved."))
        return HttpResponseRedirect(reverse("api_clients:index"))
    return TemplateResponse(
        request,
        "early_help/admin/api_client_form.html",
        {"form": form, "client": client, "title": client.name},
    )


@forbidding
@require_POST
def rotate(request, pk: int):
    _require_admin(request.user)
    client = get_object_or_404(selectors.api_clients_managed_by(request.user), pk=pk)
    try:
        token = services.api_client_token_rotate(user=request.user, client=client)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(reverse("api_clients:index"))
    client.refresh_from_db()
    return _token_page(request, client, token)


@forbidding
@require_POST
def revoke(request, pk: int):
    _require_admin(request.user)
    client = get_object_or_404(selectors.api_clients_managed_by(request.user), pk=pk)
    services.api_client_revoke(user=request.user, client=client)
    messages.success(request, _("API client revoked: its token no longer works."))
    return HttpResponseRedirect(reverse("api_clients:index"))
