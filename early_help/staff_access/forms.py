"""Forms for staff access: choosing the dates of an audit trail export."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Excel stops at 1,048,576 rows; one is the header.
EXCEL_MAX_ROWS = 1_048_575


class AuditExportForm(forms.Form):
    start = forms.DateField(
        label=pgettext_lazy("start of a date range", "From"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Enter the first day to export."),
            "invalid": _("Enter the first day as a real date, like 2026-04-01."),
        },
    )
    end = forms.DateField(
        label=_("To (inclusive)"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Enter the last day to export."),
            "invalid": _("Enter the last day as a real date, like 2026-04-30."),
        },
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("csv", _("CSV")), ("xlsx", _("Excel"))],
        initial="csv",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose CSV or Excel.")},
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The first day must be on or before the last day."))
        return cleaned

    def time_range(self) -> tuple[datetime.datetime, datetime.datetime]:
        """From the start of the first day to the end of the last, in UK time."""
        start = datetime.datetime.combine(self.cleaned_data["start"], datetime.time.min)
        end = datetime.datetime.combine(
            self.cleaned_data["end"] + datetime.timedelta(days=1), datetime.time.min
        )
        return timezone.make_aware(start), timezone.make_aware(end)
