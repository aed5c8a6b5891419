"""Form fields and widgets that render as GOV.UK Frontend components.

Templates live in templates/forms/. Messages follow the GOV.UK error message patterns:
say what went wrong and how to fix it, in the person's words.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class GovukForm(forms.Form):
    """Base for journey forms: labels and hints shown the GOV.UK way, no colon suffix.

    `conditionals` maps a radio field to {choice: [fields revealed by that choice]}.
    """

    conditionals: dict[str, dict[str, list[str]]] = {}
    label_suffix = ""

    def revealed_fields(self) -> set[str]:
        return {
            name
            for choices in self.conditionals.values()
            for names in choices.values()
            for name in names
        }

    def top_level_fields(self):
        hidden = self.revealed_fields()
        return [field for field in self if field.name not in hidden]

    def conditional_fields_for(self, field_name: str, choice: str):
        return [self[name] for name in self.conditionals.get(field_name, {}).get(choice, [])]

    def answer_is(self, field_name: str, choice: str) -> bool:
        """What the person chose, for deciding whether a revealed field is required."""
        return self.data.get(self.add_prefix(field_name)) == choice


YOUNG_PERSON = "young_person"
ADULT = "adult"


class JourneyForm(GovukForm):
    """A step form that knows whose journey it is."""

    young_person_labels: dict[str, str] = {}
    young_person_help: dict[str, str] = {}
    # Answers the form works out in clean() from its questions, stored beside them.
    derived_fields: tuple[str, ...] = ()

    def __init__(self, *args, journey: str = ADULT, context: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.journey = journey
        self.context = context or {}
        if journey == YOUNG_PERSON:
            for name, label in self.young_person_labels.items():
                if name in self.fields:
                    self.fields[name].label = label
            for name, text in self.young_person_help.items():
                if name in self.fields:
                    self.fields[name].help_text = text


class GovukRadioSelect(forms.RadioSelect):
    """GOV.UK radios. templates/forms/field.html knows it by its widget_type and renders
    it, with any revealed fields, through templates/forms/choices.html."""


class GovukCheckboxes(forms.CheckboxSelectMultiple):
    """GOV.UK checkboxes, rendered like GovukRadioSelect."""


class DateWidget(forms.MultiWidget):
    template_name = "forms/widgets/date.html"

    def __init__(self, attrs=None):
        number = {"inputmode": "numeric", "class": "govuk-input govuk-date-input__input"}
        super().__init__(
            [
                forms.TextInput(
                    {
                        **number,
                        "class": number["class"] + " govuk-input--width-2",
                        "autocomplete": "bday-day",
                    }
                ),
                forms.TextInput(
                    {
                        **number,
                        "class": number["class"] + " govuk-input--width-2",
                        "autocomplete": "bday-month",
                    }
                ),
                forms.TextInput(
                    {
                        **number,
                        "class": number["class"] + " govuk-input--width-4",
                        "autocomplete": "bday-year",
                    }
                ),
            ],
            attrs,
        )

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value:
            try:
                parsed = datetime.date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
            return [parsed.day, parsed.month, parsed.year]
        return [None, None, None]


class DateField(forms.MultiValueField):
    """A GOV.UK date input: day, month and year boxes, with the pattern's error messages."""

    widget = DateWidget

    def __init__(self, *, past: bool | None = None, noun: str = "", **kwargs):
        self.past = past
        self.noun = noun or _("Date")
        fields = [forms.CharField(required=False) for _part in range(3)]
        kwargs.setdefault("require_all_fields", False)
        super().__init__(fields, **kwargs)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        day, month, year = (str(part or "").strip() for part in data_list)
        missing = [
            name
            for name, part in ((_("day"), day), (_("month"), month), (_("year"), year))
            if not part
        ]
        if missing:
            raise ValidationError(
                _("%(noun)s must include a %(part)s"),
                params={"noun": self.noun, "part": missing[0]},
            )
        try:
            value = datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            raise ValidationError(
                _("%(noun)s must be a real date"), params={"noun": self.noun}
            ) from None
        if len(year) != 4:
            raise ValidationError(_("Year must include 4 numbers"))
        today = timezone.localdate()
        if self.past is True and value > today:
            raise ValidationError(_("%(noun)s must be in the past"), params={"noun": self.noun})
        if self.past is False and value < today:
            raise ValidationError(
                _("%(noun)s must be today or in the future"), params={"noun": self.noun}
            )
        if value.year < 1900:
            raise ValidationError(_("%(noun)s must be a real date"), params={"noun": self.noun})
        return value


def long_text(*, max_length: int, required: bool, **kwargs) -> forms.CharField:
    """A textarea with GOV.UK's character count.

    The template sets no maxlength attribute, so people can paste and then trim; the
    server refuses anything longer with a message and keeps the text.
    """
    return forms.CharField(
        max_length=max_length,
        required=required,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 6}),
        **kwargs,
    )
