"""Sending the request, and carrying on with a saved one."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ...shared.govuk_forms import (
    GovukForm,
)


class SubmitForm(GovukForm):
    """The check-answers page. `website` is a honeypot: people never see or fill it."""

    website = forms.CharField(required=False, label=_("Leave this empty"))


class ResumeForm(GovukForm):
    code = forms.CharField(
        label=_("Your code"),
        help_text=_("8 letters and numbers, for example 7K3Q 9MXP"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "width": "10"}),
        error_messages={
            "required": _("Enter your code"),
            "max_length": _("Enter the 8 letters and numbers of your code"),
        },
    )
    phone_last_four = forms.CharField(
        label=_("Last 4 digits of the phone number you gave us"),
        help_text=_("For example, if your number is 07700 900 982, enter 0982"),
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "width": "4"}),
        error_messages={
            "required": _("Enter the last 4 digits of your phone number"),
            "max_length": _("Enter 4 digits, like 0982"),
        },
    )

    def clean_code(self):
        code = "".join(ch for ch in self.cleaned_data["code"] if ch.isalnum())
        if len(code) != 8:
            raise ValidationError(_("Enter the 8 letters and numbers of your code"))
        return code

    def clean_phone_last_four(self):
        digits = self.cleaned_data["phone_last_four"].strip()
        if len(digits) != 4 or not digits.isdigit():
            raise ValidationError(_("Enter 4 digits, like 0982"))
        return digits
