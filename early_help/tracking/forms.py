"""The forms of "Where is my request?". Messages follow the GOV.UK error message patterns."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..shared.govuk_forms import GovukForm
from ..shared.references import normalise_reference
from . import rules


class ReferenceForm(GovukForm):
    reference = forms.CharField(
        label=_("Your reference"),
        help_text=_(
            "It starts with FV, for example FV-7K3Q9. It was on the page and in the text we sent when you asked for help."
        ),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "width": "10"}),
        error_messages={
            "required": _("Enter your reference"),
            "max_length": _("Enter your reference, for example FV-7K3Q9"),
        },
    )

    def clean_reference(self):
        reference = normalise_reference(self.cleaned_data["reference"])
        if reference is None:
            raise ValidationError(_("Enter your reference, for example FV-7K3Q9"))
        return reference


class CodeForm(GovukForm):
    code = forms.CharField(
        label=_("Code"),
        help_text=_("The 6 numbers in the text, for example 123456"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "width": "5"}
        ),
        error_messages={
            "required": _("Enter the code we sent you"),
            "max_length": _("Enter the 6 numbers of the code"),
        },
    )

    def clean_code(self):
        code = rules.normalise_typed_code(self.cleaned_data["code"])
        if code is None:
            raise ValidationError(_("Enter the 6 numbers of the code"))
        return code


class ChangeOfWorkerForm(GovukForm):
    reason = forms.CharField(
        label=_("Why would you like a different worker? (optional)"),
        help_text=_("You do not have to say why."),
        required=False,
        max_length=rules.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _("Keep the reason to %(limit_value)d characters or fewer"),
        },
    )


class AddSomethingForm(GovukForm):
    text = forms.CharField(
        label=_("What would you like to add?"),
        max_length=rules.FAMILY_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Enter what you would like to add"),
            "max_length": _("Keep it to %(limit_value)d characters or fewer"),
        },
    )
