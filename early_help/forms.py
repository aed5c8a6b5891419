"""The questions of the request-for-help journey, one form per page.

Each form takes `journey` ("adult" or "young_person") so a young person asking for
themselves reads child-friendly words. Every message follows GOV.UK's patterns.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .govuk_forms import YES_NO, DateField, GovukCheckboxes, GovukForm, GovukRadioSelect, long_text
from .models import Locality, Need, RequesterType
from .phones import is_uk_mobile, parse_phone
from .postcodes import normalise_postcode

YOUNG_PERSON = "young_person"
ADULT = "adult"
PROFESSIONAL = "professional"

DESCRIPTION_MAX = 2000
HELP_WANTED_MAX = 1000
OTHER_AGENCIES_MAX = 500


def _age_on(born: datetime.date, day: datetime.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class JourneyForm(GovukForm):
    """A step form that knows whose journey it is."""

    young_person_labels: dict[str, str] = {}
    young_person_help: dict[str, str] = {}

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
        self.fields["town"].choices = [
            *((locality.slug, locality.name) for locality in Locality.objects.all()),
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
        if answer == "yes" and not is_uk_mobile(parse_phone(phone or "")):
            raise ValidationError(
                _(
                    "To get texts, give us a UK mobile number: change your phone number, or choose 'No'"
                )
            )
        return answer


LANGUAGES = [
    ("English", "English"),
    ("Polish", "Polski"),
    ("Urdu", "اردو"),
    ("Punjabi", "ਪੰਜਾਬੀ"),
    ("Bengali", "বাংলা"),
    ("Romanian", "Română"),
    ("other", _("Another language")),
]


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
    interpreter = forms.ChoiceField(
        label=_("Would you like an interpreter?"),
        choices=YES_NO,
        widget=GovukRadioSelect,
        error_messages={"required": _("Select yes if you would like an interpreter")},
    )
    bsl = forms.ChoiceField(
        label=_("Do you need a British Sign Language (BSL) interpreter?"),
        choices=YES_NO,
        widget=GovukRadioSelect,
        error_messages={"required": _("Select yes if you need a BSL interpreter")},
    )
    conditionals = {"language": {"other": ["other_language"]}}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("language") == "other" and not cleaned.get("other_language"):
            self.add_error("other_language", _("Enter the language you would like us to use"))
        return cleaned


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
        choices=[("yes", _("Yes")), ("no", _("No")), ("not_sure", _("I'm not sure"))],
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


class WhatsHappeningForm(JourneyForm):
    needs = forms.MultipleChoiceField(
        label=_("What is your family finding hard?"),
        help_text=_("Select all that apply."),
        choices=Need.choices,
        required=False,
        widget=GovukCheckboxes,
    )
    safe_now = forms.ChoiceField(
        label=_("Are you and your children safe right now?"),
        choices=[("yes", _("Yes")), ("no", _("No")), ("not_sure", _("I'm not sure"))],
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
        label=_("What help would you like?"),
        help_text=_(
            "For example, someone to talk to, help with your child's behaviour, or help with money. It's fine to say you don't know."
        ),
        max_length=HELP_WANTED_MAX,
        required=True,
        error_messages={
            "required": _("Tell us what help you would like, or say you don't know"),
            "max_length": _("What help you would like must be %(limit_value)s characters or fewer"),
        },
    )
    young_person_labels = {"help_wanted": _("What would help you?")}


class OtherAgenciesForm(JourneyForm):
    involved = forms.ChoiceField(
        label=_("Are any other workers or services already helping your family?"),
        help_text=_("For example, a health visitor, school, GP, housing officer or a charity."),
        choices=[("yes", _("Yes")), ("no", _("No")), ("not_sure", _("I'm not sure"))],
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
    conditionals = {"involved": {"yes": ["who"]}}
    young_person_labels = {"involved": _("Is anyone else already helping you?")}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("involved") == "yes" and not cleaned.get("who") and "who" not in self.errors:
            self.add_error("who", _("Tell us who is helping"))
        return cleaned


CONSENT_WORDING_VERSION = "2026-11"


class ConsentForm(JourneyForm):
    consent = forms.ChoiceField(
        label=_("Can we share what you have told us with the people who can help?"),
        choices=[
            ("yes", _("Yes, you can share it")),
            ("no", _("No, I only want advice")),
        ],
        widget=GovukRadioSelect,
        error_messages={"required": _("Select whether we can share what you have told us")},
    )
    young_person_labels = {"consent": _("Is it OK for us to talk to the people who can help you?")}


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
