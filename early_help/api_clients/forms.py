"""The administrator's form for an API client."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..councils.models import Council, sole_council_id
from ..localities.models import Locality
from .models import ApiAccess, ApiClient


class ApiClientForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_(
            "The case system and who runs it, for example Liquidlogic EHM, early help team."
        ),
    )
    council = forms.ModelChoiceField(
        label=_("Council"),
        queryset=Council.objects.all(),
        required=False,
        help_text=_("Its towns must be this council's; it sees nothing of another council's."),
    )
    localities = forms.ModelMultipleChoiceField(
        label=_("Towns"),
        queryset=Locality.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("It sees these towns' requests, as a locality worker of them would."),
    )
    sees_mash_queue = forms.BooleanField(
        label=_("Sees the MASH queue"),
        required=False,
        help_text=_("Only for the MASH team's own case system."),
    )
    access = forms.ChoiceField(label=_("Access"), choices=ApiAccess.choices)
    rate_limit_per_minute = forms.IntegerField(
        label=_("Calls per minute"), min_value=1, max_value=10_000, initial=120
    )

    def __init__(self, *args, client: ApiClient | None = None, user=None, **kwargs):
        self.client = client
        if client is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": client.name,
                "council": client.council_id,
                "localities": list(client.localities.all()),
                "sees_mash_queue": client.sees_mash_queue,
                "access": client.access,
                "rate_limit_per_minute": client.rate_limit_per_minute,
            }
        super().__init__(*args, **kwargs)
        if user is not None and not (user.is_active and user.is_superuser):
            # A council's administrators give their own councils' systems their own towns.
            councils = Council.objects.of(user)
            self.fields["council"].queryset = councils
            self.fields["localities"].queryset = Locality.objects.filter(council__in=councils)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = ApiClient.objects.filter(name__iexact=name)
        if self.client is not None:
            taken = taken.exclude(pk=self.client.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another API client has this name."))
        return name

    def clean(self):
        cleaned = super().clean()
        council = cleaned.get("council")
        if council is None and "council" not in self.errors:
            # Left blank: the towns' council, or the deployment's only one.
            theirs = {town.council_id for town in cleaned.get("localities") or []}
            council_id = theirs.pop() if len(theirs) == 1 else sole_council_id()
            council = cleaned["council"] = (
                self.fields["council"].queryset.filter(pk=council_id).first()
            )
            if council is None:
                self.add_error("council", _("Choose the council whose case system this is."))
        others = (
            [town.name for town in cleaned.get("localities") or [] if town.council_id != council.pk]
            if council is not None
            else []
        )
        if others:
            self.add_error(
                "localities",
                _("Choose only the council's own towns. Not: %(towns)s")
                % {"towns": ", ".join(others)},
            )
        if not cleaned.get("localities") and not cleaned.get("sees_mash_queue"):
            raise forms.ValidationError(
                _("Choose at least one town, or the MASH queue: otherwise it sees nothing.")
            )
        return cleaned
