"""Forms for administrators registering case systems' webhook addresses."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..api_clients.models import ApiClient
from .models import WebhookEndpoint, WebhookEvent, endpoint_url_validate


class EndpointForm(forms.Form):
    client = forms.ModelChoiceField(
        label=_("API client"),
        queryset=ApiClient.objects.none(),
        help_text=_("It is told only about requests and feedback it may see through the API."),
    )
    url = forms.URLField(
        label=_("Address"),
        max_length=500,
        assume_scheme="https",
        validators=[endpoint_url_validate],
        help_text=_("Starts with https://. We POST each notice here."),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=WebhookEvent.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one event.")},
    )

    def __init__(self, *args, endpoint: WebhookEndpoint | None = None, **kwargs):
        if endpoint is not None:
            kwargs.setdefault("initial", {"url": endpoint.url, "events": endpoint.events})
        super().__init__(*args, **kwargs)
        if endpoint is not None:
            # The client of an address never changes: register a new one instead.
            del self.fields["client"]
        else:
            self.fields["client"].queryset = ApiClient.objects.active()
