"""Hardening of Wagtail's own admin screens that our roles would otherwise see through."""

from django.http import HttpResponseForbidden
from django.urls import path
from wagtail import hooks
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params
from wagtail_localize.views.snippets_api import SnippetViewSet as LocalizeSnippetsApi

_listing = LocalizeSnippetsApi.as_view({"get": "list"})
_detail = LocalizeSnippetsApi.as_view({"get": "retrieve"})


def _may_see_snippets(user, app_label: str, model_name: str) -> bool:
    model = get_snippet_model_from_url_params(app_label, model_name)
    return any(
        user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")
        for action in ("view", "change", "add")
    )


def localize_snippets_listing(request, app_label: str, model_name: str):
    """wagtail-localize lists every object of any snippet model to anyone in the admin (it
    feeds its chooser): answer only those who may see that model's snippets."""
    if not _may_see_snippets(request.user, app_label, model_name):
        return HttpResponseForbidden()
    return _listing(request, app_label=app_label, model_name=model_name)


def localize_snippets_detail(request, app_label: str, model_name: str, pk: str):
    if not _may_see_snippets(request.user, app_label, model_name):
        return HttpResponseForbidden()
    return _detail(request, app_label=app_label, model_name=model_name, pk=pk)


@hooks.register("register_admin_urls")
def shadow_localize_snippets_api():
    # early_help comes before wagtail_localize in INSTALLED_APPS, so these match first.
    return [
        path(
            "localize/api/snippets/<slug:app_label>/<slug:model_name>/",
            localize_snippets_listing,
        ),
        path(
            "localize/api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/",
            localize_snippets_detail,
        ),
    ]
