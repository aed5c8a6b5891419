"""Answering 403 in the admin's staff screens, from a view or from a service's refusal."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from .permissions import can_use_queue


class Forbidden(Exception):
    """Raised inside a view to answer 403 (Wagtail would turn PermissionDenied into a redirect)."""


def _forbidden(request) -> TemplateResponse:
    return TemplateResponse(request, "early_help/admin/forbidden.html", status=403)


def require_queue_user(user) -> None:
    # Comms editors reach the admin for pages but never see request data.
    if not can_use_queue(user):
        raise Forbidden


def forbidding(view):
    """Answer 403 when the view or a service says the user may not do this."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except (Forbidden, PermissionDenied):
            return _forbidden(request)

    return wrapper
