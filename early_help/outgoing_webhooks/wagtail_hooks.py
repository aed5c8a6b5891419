"""Webhook addresses in the admin, under Settings, for administrators."""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem

from . import urls


@hooks.register("register_admin_urls")
def register_webhooks_urls():
    return [path("webhooks/", include((urls, "webhooks"), namespace="webhooks"))]


@hooks.register("register_settings_menu_item")
def register_webhooks_menu_item():
    return AdminOnlyMenuItem(
        _("Webhooks"), reverse_lazy("webhooks:list"), icon_name="link", order=910
    )
