"""The audit trail export, for the council's information governance team."""

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import exports, selectors, services
from .decorators import Forbidden, forbidding
from .forms import EXCEL_MAX_ROWS, AuditExportForm
from .permissions import can_export_audit_trail


@forbidding
def audit_trail(request):
    """Choose dates and a format; a valid choice downloads the audit records of those days."""
    if not can_export_audit_trail(request.user):
        raise Forbidden
    form = AuditExportForm(request.GET or None)
    if form.is_valid():
        start, end = form.time_range()
        kind = form.cleaned_data["format"]
        # Up to now: the record of this export goes in the next one, so the count it
        # states is the number of rows in the file.
        records = selectors.audit_records_between(
            user=request.user, start=start, end=min(end, timezone.now())
        )
        count = records.count()
        if kind == "xlsx" and count > EXCEL_MAX_ROWS:
            form.add_error(
                None,
                _("%(count)s records are too many for Excel: choose CSV or fewer days.")
                % {"count": count},
            )
        else:
            services.audit_trail_export_record(
                user=request.user,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                kind=kind,
                records=count,
            )
            stamp = timezone.localdate().isoformat()
            return exports.audit_trail_export(
                records, kind=kind, filename=f"family-voice-audit-trail-{stamp}"
            )
    return TemplateResponse(
        request,
        "early_help/admin/audit_trail.html",
        {"form": form, "retention_days": settings.FAMILY_VOICE_RETENTION_DAYS_AUDIT},
    )
