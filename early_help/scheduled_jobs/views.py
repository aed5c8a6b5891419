"""Scheduled jobs in the admin: when each last succeeded, for administrators."""

from django.template.response import TemplateResponse

from ..staff_access.decorators import Forbidden, forbidding
from .selectors import job_statuses


@forbidding
def scheduled_jobs(request):
    if not request.user.is_superuser:
        raise Forbidden
    return TemplateResponse(
        request, "early_help/admin/scheduled_jobs.html", {"statuses": job_statuses()}
    )
