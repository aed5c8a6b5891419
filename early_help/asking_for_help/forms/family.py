"""Questions about the family: the children, what is happening, what would help, consent."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ...help_requests.models import Need
from ...shared.answers import YES_NO_NOT_SURE, Answer
from ...shared.govuk_forms import (
    DateField,
    GovukCheckboxes,
    GovukRadioSelect,
    JourneyForm,
    long_text,
)

DESCRIPTION_MAX = 2000
HELP_WANTED_MAX = 1000
OTHER_AGENCIES_MAX = 500


class ChildForm(JourneyForm):
    BORN_DATE = "date_of_birth"
    BORN_AGE = "age"
    UNBORN = "unborn"

    first_name = forms.CharField(
        label=_("Child's first name"),
        max_length=100,
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
        error_messages={
            "required": _("Enter the child's first name"),
            "max_length": _("First name must be 100 characters or fewer"),
        },
    )
    birth = forms.ChoiceField(
        label=_("What do you know about their age?"),
        choices=[
            (BORN_DATE, _("Their date of birth")),
            (BORN_AGE, _("Only their age")),
            (UNBORN, _("They are not born yet")),
        ],
        widget=GovukRadioSelect,
        error_messages={"required": _("Select what you know about the child's age")},
    )
    date_of_birth = DateField(
        label=_("Date of birth"),
        help_text=_("For example, 27 3 2019"),
        past=True,
        noun=_("Date of birth"),
        required=False,
    )
    age = forms.IntegerField(
        label=_("Age in years"),
        min_value=0,
        max_value=25,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "width": "3"}),
        error_messages={
            "invalid": _("Age must be a number, like 7"),
            "min_value": _("Age must be 0 or more"),
            "max_value": _("Age must be 25 or less"),
        },
    )
    due_date = DateField(
        label=_("Due date"),
        help_text=_("For example, 14 6 2027"),
        past=False,
        noun=_("Due date"),
        required=False,
    )
    school = forms.CharField(
        label=_("School or nursery (optional)"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("School or nursery must be 200 characters or fewer")},
    )
    send = forms.ChoiceField(
        label=_("Does this child have a disability or special educational needs (SEND)?"),
        choices=YES_NO_NOT_SURE,
        widget=GovukRadioSelect,
        required=False,
    )
    conditionals = {
        "birth": {BORN_DATE: ["date_of_birth"], BORN_AGE: ["age"], UNBORN: ["due_date"]}
    }

    def clean(self):
        cleaned = super().clean()
        birth = cleaned.get("birth")
        required = {
            self.BORN_DATE: ("date_of_birth", _("Enter the child's date of birth")),
            self.BORN_AGE: ("age", _("Enter the child's age")),
            self.UNBORN: ("due_date", _("Enter the due date")),
        }
        if birth in required:
            name, message = required[birth]
            if cleaned.get(name) in (None, "") and name not in self.errors:
                self.add_error(name, message)
        for other in {"date_of_birth", "age", "due_date"} - {required.get(birth, ("",))[0]}:
            cleaned[other] = None
            self.errors.pop(other, None)
        return cleaned

    def is_empty(self) -> bool:
        return not any(
            (self.data.get(self.add_prefix(name)) or "").strip()
            for name in ("first_name", "school", "age")
        )


# What is hard, in a family's own words. Staff see the programme's headings (Need).
NEEDS_IN_FAMILY_WORDS = [
    (Need.FAMILY_RELATIONSHIPS.value, _("Arguments or problems getting on at home")),
    (Need.HEALTH.value, _("Someone's physical or mental health")),
    (Need.MONEY_WORK.value, _("Money, debt or work")),
    (Need.HOUSING.value, _("Housing, or not having somewhere safe to live")),
    (Need.EDUCATION.value, _("School: going, behaviour or learning")),
    (Need.EARLY_YEARS.value, _("A baby or young child's growing and learning")),
    (Need.SUBSTANCE_USE.value, _("Drinking or drugs")),
    (Need.DOMESTIC_ABUSE.value, _("Someone at home hurting, scaring or controlling you")),
    (Need.SAFETY.value, _("A child being hurt, or at risk of being exploited")),
    (Need.CRIME.value, _("Trouble with the police, or antisocial behaviour")),
]


class WhatsHappeningForm(JourneyForm):
    needs = forms.MultipleChoiceField(
        label=_("What is your family finding hard?"),
        help_text=_("Select all that apply."),
        choices=NEEDS_IN_FAMILY_WORDS,
        required=False,
        widget=GovukCheckboxes,
    )
    safe_now = forms.ChoiceField(
        label=_("Are you and your children safe right now?"),
        choices=YES_NO_NOT_SURE,
        widget=GovukRadioSelect,
        required=False,
    )
    description = long_text(
        label=_("Tell us what is happening, in your own words"),
        help_text=_("Do not worry about spelling. Tell us as much or as little as you want."),
        max_length=DESCRIPTION_MAX,
        required=False,
        error_messages={
            "max_length": _("What is happening must be %(limit_value)s characters or fewer")
        },
    )
    conditionals = {"needs": {Need.DOMESTIC_ABUSE.value: ["safe_now"]}}

    young_person_labels = {
        "needs": _("What's been hard for you?"),
        "safe_now": _("Are you safe right now?"),
        "description": _("Tell us what's been going on"),
    }

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("needs")
            and not cleaned.get("description")
            and "description" not in self.errors
        ):
            self.add_error(
                "needs", _("Select what your family is finding hard, or tell us in your own words")
            )
        if Need.DOMESTIC_ABUSE.value in cleaned.get("needs", []) and not cleaned.get("safe_now"):
            self.add_error("safe_now", _("Select whether you are safe right now"))
        return cleaned


class HelpWantedForm(JourneyForm):
    help_wanted = long_text(
        label=_("What help would you like? (optional)"),
        help_text=_(
            "For example, someone to talk to, help with your child's behaviour, or help with money. It's fine to say you don't know."
        ),
        max_length=HELP_WANTED_MAX,
        required=False,
        error_messages={
            "max_length": _("What help you would like must be %(limit_value)s characters or fewer"),
        },
    )
    young_person_labels = {"help_wanted": _("What would help you?")}


class OtherAgenciesForm(JourneyForm):
    involved = forms.ChoiceField(
        label=_("Are any other workers or services already helping your family?"),
        help_text=_("For example, a health visitor, school, GP, housing officer or a charity."),
        choices=YES_NO_NOT_SURE,
        widget=GovukRadioSelect,
        error_messages={"required": _("Select yes if other workers or services are helping")},
    )
    who = long_text(
        label=_("Who are they?"),
        max_length=OTHER_AGENCIES_MAX,
        required=False,
        error_messages={
            "max_length": _("Who they are must be %(limit_value)s characters or fewer")
        },
    )
    conditionals = {"involved": {Answer.YES.value: ["who"]}}
    young_person_labels = {"involved": _("Is anyone else already helping you?")}

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("involved") == Answer.YES
            and not cleaned.get("who")
            and "who" not in self.errors
        ):
            self.add_error("who", _("Tell us who is helping"))
        return cleaned


CONSENT_WORDING_VERSION = "2026-11"


class ConsentForm(JourneyForm):
    consent = forms.ChoiceField(
        label=_("Can we share what you have told us with the people who can help?"),
        choices=[
            (Answer.YES.value, _("Yes, you can share it")),
            (Answer.NO.value, _("No, I only want advice")),
        ],
        widget=GovukRadioSelect,
        error_messages={"required": _("Select whether we can share what you have told us")},
    )
    young_person_labels = {"consent": _("Is it OK for us to talk to the people who can help you?")}


class SituationForm(HelpWantedForm, WhatsHappeningForm):
    """One page for what is happening and what would help."""

    conditionals = {**WhatsHappeningForm.conditionals, **HelpWantedForm.conditionals}
    young_person_labels = {
        **WhatsHappeningForm.young_person_labels,
        **HelpWantedForm.young_person_labels,
    }


class SharingForm(ConsentForm, OtherAgenciesForm):
    """One page for who else is helping and whether we may talk to them."""

    conditionals = {**OtherAgenciesForm.conditionals, **ConsentForm.conditionals}
    young_person_labels = {
        **OtherAgenciesForm.young_person_labels,
        **ConsentForm.young_person_labels,
    }
