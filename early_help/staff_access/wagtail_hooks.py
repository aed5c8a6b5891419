"""Staff access in the Wagtail admin: addresses administrators set are verified, the audit
trail export for administrators, and hardening of Wagtail's own screens that our roles
would otherwise see through."""

from django.http import HttpResponseForbidden
from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params
from wagtail_localize.views.snippets_api import SnippetViewSet as LocalizeSnippetsApi

from . import urls
from .email_addresses import staff_email_verify
from .permissions import can_export_audit_trail


@hooks.register("register_admin_urls")
def register_audit_trail_urls():
    return [path("audit-trail/", include((urls, "audit_trail"), namespace="audit_trail"))]


class AuditTrailMenuItem(MenuItem):
    def is_shown(self, request):
        return can_export_audit_trail(request.user)


@hooks.register("register_settings_menu_item")
def register_audit_trail_menu_item():
    return AuditTrailMenuItem(
        _("Audit trail"), reverse_lazy("audit_trail:export"), icon_name="history", order=900
    )


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


# The address as it was when an administrator opened the edit screen, so that saving
# someone's name does not verify an address they typed in their own account settings.
EMAIL_BEFORE_EDIT = "_family_voice_email_before_edit"


@hooks.register("after_create_user")
def verify_email_of_created_user(request, user):
    staff_email_verify(user=user)


@hooks.register("before_edit_user")
def remember_email_before_edit(request, user):
    setattr(request, EMAIL_BEFORE_EDIT, user.email)


@hooks.register("after_edit_user")
def verify_email_an_administrator_set(request, user):
    if user.email.lower() != (getattr(request, EMAIL_BEFORE_EDIT, None) or "").lower():
        staff_email_verify(user=user)
