"""Questions about the person asking: who they are, where, and how to reach them safely."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ...help_requests.models import RequesterType
from ...localities.models import Locality
from ...shared.answers import YES_NO, Answer
from ...shared.govuk_forms import (
    YOUNG_PERSON,
    DateField,
    GovukCheckboxes,
    GovukRadioSelect,
    JourneyForm,
)
from ...shared.languages import ENGLISH, FAMILY_LANGUAGE_CODES, FAMILY_LANGUAGES, OTHER
from ...shared.phones import is_uk_mobile, parse_phone
from ...shared.postcodes import normalise_postcode

PROFESSIONAL = "professional"


def _age_on(born: datetime.date, day: datetime.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class WhoForm(JourneyForm):
    requester_type = forms.ChoiceField(
        label=_("Who is asking for help?"),
        choices=[
            *RequesterType.choices,
            (PROFESSIONAL, _("I am a professional making a referral")),
        ],
        widget=GovukRadioSelect,
        error_messages={"required": _("Select who is asking for help")},
    )


class AboutYouForm(JourneyForm):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your first name"),
            "max_length": _("First name must be 100 characters or fewer"),
        },
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name", "spellcheck": "false"}),
        error_messages={"max_length": _("Last name must be 100 characters or fewer")},
    )
    date_of_birth = DateField(
        label=_("What is your date of birth?"),
        help_text=_("For example, 27 3 2011"),
        past=True,
        noun=_("Date of birth"),
        required=False,
    )
    phone = forms.CharField(
        label=_("Phone number"),
        help_text=_(
            "We will only use it in the ways you tell us are safe. For example, 07700 900 982"
        ),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel", "width": "20"}),
        error_messages={
            "required": _("Enter a phone number, like 07700 900 982"),
            "max_length": _("Enter a phone number, like 07700 900 982"),
        },
    )
    email = forms.EmailField(
        label=_("Email address (optional)"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com")
        },
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        help_text=_("So we can pass your request to the team in your town. For example, B69 4AB"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "width": "10", "spellcheck": "false"}
        ),
        error_messages={
            "required": _("Enter your postcode"),
            "max_length": _("Enter a real postcode, like B69 4AB"),
        },
    )

    young_person_labels = {
        "first_name": _("What's your first name?"),
        "last_name": _("Last name (you don't have to tell us)"),
        "phone": _("What number can we call or text you on?"),
        "postcode": _("What's the postcode where you live?"),
    }
    young_person_help = {
        "phone": _(
            "We won't share it with anyone without asking you first, unless we are worried you might be harmed."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.journey == YOUNG_PERSON:
            self.fields["date_of_birth"].required = True
            self.fields["date_of_birth"].error_messages["required"] = _("Enter your date of birth")
        else:
            del self.fields["date_of_birth"]
            self.fields["last_name"].label = _("Last name")
            self.fields["last_name"].required = True
            self.fields["last_name"].error_messages["required"] = _("Enter your last name")

    def clean_date_of_birth(self):
        born = self.cleaned_data.get("date_of_birth")
        if born is None:
            return born
        age = _age_on(born, timezone.localdate())
        if age < 11:
            raise ValidationError(
                _(
                    "You need to be 11 or older to ask by yourself. Ask an adult you trust to help, or call Childline free on 0800 1111"
                )
            )
        if age > 17:
            raise ValidationError(
                _(
                    "This is for young people aged 11 to 17. Go back and choose 'Parent or carer' or 'Another family member'"
                )
            )
        return born

    def clean_phone(self):
        number = parse_phone(self.cleaned_data["phone"])
        if number is None:
            raise ValidationError(_("Enter a phone number, like 07700 900 982 or 0121 496 0000"))
        return number.as_e164

    def clean_postcode(self):
        postcode = normalise_postcode(self.cleaned_data["postcode"])
        if postcode is None:
            raise ValidationError(_("Enter a real postcode, like B69 4AB"))
        return postcode


class NearestTownForm(JourneyForm):
    NOT_SURE = "not_sure"

    town = forms.ChoiceField(
        label=_("Which town are you nearest to?"),
        help_text=_(
            "We could not find your postcode on our list. Choosing a town helps us pass your request to the right team."
        ),
        widget=GovukRadioSelect,
        error_messages={"required": _("Select the town you are nearest to, or 'I'm not sure'")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The towns of the council whose area the postcode is in (or whose site this is).
        council = self.context.get("council")
        towns = Locality.objects.filter(council=council) if council else Locality.objects.all()
        self.fields["town"].choices = [
            *((locality.slug, locality.name) for locality in towns),
            (self.NOT_SURE, _("I'm not sure")),
        ]


SAFE_TIMES = [
    ("morning", _("Mornings, 9am to 12pm")),
    ("afternoon", _("Afternoons, 12pm to 5pm")),
    ("evening", _("Early evenings, 5pm to 7pm")),
]


class SafeContactForm(JourneyForm):
    may_text = forms.ChoiceField(
        label=_("Is it safe for us to send you text messages?"),
        help_text=_(
            "Our texts never say who they are from or why. They give a reference and a number to call."
        ),
        choices=YES_NO,
        widget=GovukRadioSelect,
        error_messages={"required": _("Select yes if it is safe to text you")},
    )
    may_leave_voicemail = forms.ChoiceField(
        label=_("Is it safe for us to leave a voicemail?"),
        choices=YES_NO,
        widget=GovukRadioSelect,
        error_messages={"required": _("Select yes if it is safe to leave a voicemail")},
    )
    safe_times = forms.MultipleChoiceField(
        label=_("When is it safe to call you?"),
        help_text=_("Select all that apply. Leave them all empty if any time is fine."),
        choices=SAFE_TIMES,
        required=False,
        widget=GovukCheckboxes,
    )
    safe_times_note = forms.CharField(
        label=_("Anything else about when or how to contact you (optional)"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("This must be 200 characters or fewer")},
    )
    may_post_letters = forms.ChoiceField(
        label=_("Is it safe for us to post letters to you?"),
        choices=YES_NO,
        widget=GovukRadioSelect,
        error_messages={"required": _("Select yes if it is safe to post letters to you")},
    )

    young_person_labels = {
        "may_text": _("Is it OK for us to text you?"),
        "may_leave_voicemail": _("Is it OK for us to leave you a voicemail?"),
        "may_post_letters": _("Is it OK for us to send you letters?"),
    }

    def clean_may_text(self):
        answer = self.cleaned_data["may_text"]
        phone = self.context.get("phone")
        if answer == Answer.YES and not is_uk_mobile(parse_phone(phone or "")):
            raise ValidationError(
                _(
                    "To get texts, give us a UK mobile number: change your phone number, or choose 'No'"
                )
            )
        return answer


LANGUAGES = [*FAMILY_LANGUAGES, (OTHER, _("Another language"))]
INTERPRETER = "interpreter"
BSL = "bsl"


class LanguageForm(JourneyForm):
    language = forms.ChoiceField(
        label=_("Which language would you like us to use?"),
        choices=LANGUAGES,
        widget=GovukRadioSelect,
        error_messages={"required": _("Select the language you would like us to use")},
    )
    other_language = forms.CharField(
        label=_("Which language?"),
        required=False,
        max_length=60,
        error_messages={"max_length": _("Language must be 60 characters or fewer")},
    )
    # One optional question instead of two yes/no questions most people answer "no" to.
    support = forms.MultipleChoiceField(
        label=_("Do you need an interpreter? (optional)"),
        help_text=_("Select any that would help. We pay for interpreters."),
        choices=[
            (INTERPRETER, _("An interpreter for the language I chose")),
            (BSL, _("A British Sign Language (BSL) interpreter")),
        ],
        required=False,
        widget=GovukCheckboxes,
    )
    conditionals = {"language": {OTHER: ["other_language"]}}
    derived_fields = (INTERPRETER, BSL)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        initial = self.initial or {}
        if "support" not in initial:
            # Answers saved before the question was one: keep what the family said.
            self.initial["support"] = [
                need for need in (INTERPRETER, BSL) if initial.get(need) == Answer.YES
            ]
        if not initial.get("language"):
            # The language they are reading the site in is the likeliest answer.
            active = translation.get_language() or ENGLISH
            if active in FAMILY_LANGUAGE_CODES:
                self.initial["language"] = active

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("language") == OTHER and not cleaned.get("other_language"):
            self.add_error("other_language", _("Enter the language you would like us to use"))
        support = cleaned.get("support") or []
        # Stored as the two answers the request has always had.
        cleaned["interpreter"] = Answer.YES.value if INTERPRETER in support else Answer.NO.value
        cleaned["bsl"] = Answer.YES.value if BSL in support else Answer.NO.value
        return cleaned


class ContactForm(LanguageForm, SafeContactForm):
    """One page for how to reach the family safely and in which language."""

    conditionals = {**SafeContactForm.conditionals, **LanguageForm.conditionals}
    young_person_labels = {
        **SafeContactForm.young_person_labels,
        **LanguageForm.young_person_labels,
    }
