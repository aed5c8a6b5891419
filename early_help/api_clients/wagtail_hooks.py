"""API clients in the admin's Settings menu, for administrators; the API's log actions."""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from ..staff_access.permissions import can_manage_api_clients
from . import urls


@hooks.register("register_admin_urls")
def register_api_client_urls():
    return [path("api-clients/", include((urls, "api_clients"), namespace="api_clients"))]


class ApiClientsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_api_clients(request.user)


@hooks.register("register_settings_menu_item")
def register_api_clients_menu_item():
    return ApiClientsMenuItem(
        _("API clients"), reverse_lazy("api_clients:index"), icon_name="link", order=910
    )


@hooks.register("register_log_actions")
def register_api_log_actions(actions):
    label = _("Imported into a case system")
    actions.register_action("early_help.imported", label, label)
