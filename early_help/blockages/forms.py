"""The form a worker marks a request as waiting with."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import BlockageReason


class BlockageForm(forms.Form):
    reason = forms.ModelChoiceField(
        label=_("What is it waiting for?"),
        queryset=BlockageReason.objects.filter(active=True),
        empty_label=None,
        error_messages={
            "required": _("Choose what the request is waiting for."),
            "invalid_choice": _("Choose what the request is waiting for."),
        },
    )
