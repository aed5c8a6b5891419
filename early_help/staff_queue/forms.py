"""Forms for the staff queue in the Wagtail admin."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..help_requests.models import HelpRequestStatus, Outcome, ReReferralReason
from ..localities.models import Locality
from .models import LeadAgency


class QueueFilterForm(forms.Form):
    q = forms.CharField(label=_("Reference, name or phone"), required=False, max_length=100)
    # "Requests from the number of this text", from the Texts page: the id stands in for
    # the number, so no phone number is ever put in an address.
    from_text = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    locality = forms.ChoiceField(label=_("Town"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Open (any)")), *HelpRequestStatus.choices],
    )
    assigned = forms.ChoiceField(
        label=_("Worker"),
        required=False,
        choices=[("", _("Anyone")), ("me", _("Assigned to me")), ("nobody", _("Unassigned"))],
    )
    older_than_days = forms.TypedChoiceField(
        label=_("Waiting"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", _("Any time")),
            ("2", _("More than 2 days")),
            ("7", _("More than a week")),
            ("28", _("More than 4 weeks")),
        ],
    )
    urgent = forms.BooleanField(label=_("Urgent only"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    replies = forms.BooleanField(label=_("Unread text replies"), required=False)
    family = forms.BooleanField(label=_("Family asked online"), required=False)
    per_page = forms.TypedChoiceField(
        label=_("Per page"),
        required=False,
        coerce=int,
        empty_value=25,
        choices=[("25", "25"), ("100", "100")],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locality"].choices = [
            ("", _("All towns")),
            *Locality.objects.values_list("slug", "name"),
        ]


class AssignForm(forms.Form):
    worker = forms.ModelChoiceField(label=_("Worker"), queryset=None)

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers
        self.fields["worker"].label_from_instance = lambda user: user.get_full_name() or user.email


class LeadForm(forms.Form):
    lead_agency = forms.ModelChoiceField(
        label=_("Lead agency"), queryset=LeadAgency.objects.filter(active=True)
    )
    lead_practitioner = forms.CharField(label=_("Lead practitioner"), max_length=120)
    confirmed = forms.BooleanField(
        label=_("I know this gives the family a third lead practitioner in 12 months"),
        required=False,
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[c for c in HelpRequestStatus.choices if c[0] != "passed_to_mash"],
    )
    outcome = forms.ChoiceField(
        label=_("Outcome (needed to close)"), required=False, choices=[("", "—"), *Outcome.choices]
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you worried?"), max_length=250, widget=forms.Textarea(attrs={"rows": 3})
    )


class LocalityForm(forms.Form):
    locality = forms.ModelChoiceField(
        label=_("Town's early help team"), queryset=Locality.objects.all()
    )
    note = forms.CharField(label=_("Note for the team"), required=False, max_length=200)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ContactForm(forms.Form):
    made_contact = forms.TypedChoiceField(
        label=_("Did you reach the family?"),
        coerce=lambda value: value == "yes",
        choices=[("yes", _("Yes, we spoke")), ("no", _("No answer"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=250)


class TextForm(forms.Form):
    template = forms.ChoiceField(label=_("Text to send"))

    def __init__(self, *args, previews: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = previews


class TrackingForm(forms.Form):
    allowed = forms.TypedChoiceField(
        label=_("'Where is my request?'"),
        coerce=lambda value: value == "on",
        choices=[
            ("on", _("The family may see where their request is online")),
            ("off", _("Switched off")),
        ],
        widget=forms.RadioSelect,
    )


class CameBackForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why did the family come back?"),
        choices=ReReferralReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose why the family came back.")},
    )
