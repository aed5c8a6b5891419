"""The feedback journey's questions. Young people (8+) get short sentences and emoji
scales whose text labels are what screen readers read."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..shared.answers import YES_NO_NOT_SURE, Answer
from ..shared.govuk_forms import YOUNG_PERSON, GovukRadioSelect, JourneyForm, long_text
from ..shared.phones import is_uk_mobile, parse_phone
from .models import FeedbackJourney, ReplyWanted, WorkerRole

FACES = {"5": "😀", "4": "🙂", "3": "😐", "2": "🙁", "1": "😢"}
SCALE_WORDS = [
    ("5", _("Always")),
    ("4", _("Mostly")),
    ("3", _("Sometimes")),
    ("2", _("Not often")),
    ("1", _("Never")),
]
TEXT_MAX = 1000


def _scale_choices():
    return [
        (
            value,
            format_html(
                '<span aria-hidden="true" class="fv-face">{}</span> {}', FACES[value], label
            ),
        )
        for value, label in SCALE_WORDS
    ]


def scale_field(label, young_label, required_message):
    field = forms.ChoiceField(
        label=label,
        choices=_scale_choices,
        widget=GovukRadioSelect,
        error_messages={"required": required_message},
    )
    field.young_label = young_label
    return field


class WhoForm(JourneyForm):
    journey_type = forms.ChoiceField(
        label=_("Who is giving feedback?"),
        choices=[
            (FeedbackJourney.YOUNG_PERSON.value, _("I'm a child or young person")),
            (FeedbackJourney.FAMILY.value, _("I'm a parent, carer or family member")),
        ],
        widget=GovukRadioSelect,
        error_messages={"required": _("Select who is giving feedback")},
    )


class AboutForm(JourneyForm):
    about_role = forms.ChoiceField(
        label=_("Who is your feedback about?"),
        choices=WorkerRole.choices,
        widget=GovukRadioSelect,
        error_messages={"required": _("Select who your feedback is about")},
    )
    worker_name = forms.CharField(
        label=_("Their name (optional)"),
        help_text=_("Leave it empty if you would rather not say."),
        required=False,
        max_length=120,
        error_messages={"max_length": _("Name must be 120 characters or fewer")},
    )
    knows_worker = forms.ChoiceField(
        label=_("Do you know who your worker is?"),
        choices=YES_NO_NOT_SURE,
        widget=GovukRadioSelect,
        error_messages={"required": _("Select yes if you know who your worker is")},
    )
    young_person_labels = {
        "about_role": _("Who is it about?"),
        "knows_worker": _("Do you know who your worker is?"),
    }


class ScalesForm(JourneyForm):
    trust = scale_field(
        _("Do you trust them?"), _("Do you trust them?"), _("Choose how much you trust them")
    )
    easy_to_contact = scale_field(
        _("Are they easy to contact?"),
        _("Can you get hold of them?"),
        _("Choose how easy they are to contact"),
    )
    listens = scale_field(
        _("Do they listen to you?"), _("Do they listen to you?"), _("Choose how much they listen")
    )
    explains = scale_field(
        _("Do they explain what is happening?"),
        _("Do they tell you what's going on?"),
        _("Choose how much they explain"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.journey == YOUNG_PERSON:
            for field in self.fields.values():
                field.label = getattr(field, "young_label", field.label)


class ChangesForm(JourneyForm):
    worker_changed = forms.ChoiceField(
        label=_("Has your worker changed in the last year?"),
        choices=YES_NO_NOT_SURE,
        widget=GovukRadioSelect,
        error_messages={"required": _("Select yes if your worker has changed in the last year")},
    )
    worker_changes = forms.IntegerField(
        label=_("How many times?"),
        required=False,
        min_value=1,
        max_value=50,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "width": "3"}),
        error_messages={
            "invalid": _("Enter a number, like 2"),
            "min_value": _("Enter 1 or more"),
            "max_value": _("Enter 50 or fewer"),
        },
    )
    conditionals = {"worker_changed": {Answer.YES.value: ["worker_changes"]}}
    young_person_labels = {"worker_changed": _("Have you had a new worker in the last year?")}

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("worker_changed") == Answer.YES
            and cleaned.get("worker_changes") is None
            and "worker_changes" not in self.errors
        ):
            self.add_error("worker_changes", _("Enter how many times your worker changed"))
        if cleaned.get("worker_changed") != Answer.YES:
            cleaned["worker_changes"] = None
            self.errors.pop("worker_changes", None)
        return cleaned


class WordsForm(JourneyForm):
    feels_safe = forms.ChoiceField(
        label=_("Do you feel safe where you live?"),
        choices=YES_NO_NOT_SURE,
        widget=GovukRadioSelect,
        error_messages={"required": _("Select yes if you feel safe where you live")},
    )
    going_well = long_text(
        label=_("What is going well?"),
        max_length=TEXT_MAX,
        required=False,
        error_messages={
            "max_length": _("What is going well must be %(limit_value)s characters or fewer")
        },
    )
    could_be_better = long_text(
        label=_("What could be better?"),
        max_length=TEXT_MAX,
        required=False,
        error_messages={
            "max_length": _("What could be better must be %(limit_value)s characters or fewer")
        },
    )
    anything_else = long_text(
        label=_("Anything else you want to tell us?"),
        max_length=TEXT_MAX,
        required=False,
        error_messages={
            "max_length": _("Anything else must be %(limit_value)s characters or fewer")
        },
    )
    young_person_labels = {
        "feels_safe": _("Do you feel safe where you live?"),
        "going_well": _("What's good?"),
        "could_be_better": _("What would make it better?"),
        "anything_else": _("Anything else?"),
    }


class YouForm(JourneyForm):
    anonymous = forms.ChoiceField(
        label=_("Do you want to tell us your name?"),
        choices=[("yes", _("No, keep it anonymous")), ("no", _("Yes, I'll give my name"))],
        widget=GovukRadioSelect,
        error_messages={"required": _("Select whether you want to tell us your name")},
    )
    name = forms.CharField(
        label=_("Your name"),
        required=False,
        max_length=100,
        error_messages={"max_length": _("Name must be 100 characters or fewer")},
    )
    wants_reply = forms.ChoiceField(
        label=_("Do you want a reply?"),
        choices=ReplyWanted.choices,
        widget=GovukRadioSelect,
        error_messages={"required": _("Select whether you want a reply")},
    )
    reply_phone = forms.CharField(
        label=_("Mobile number"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "width": "20"}),
    )
    conditionals = {
        "anonymous": {"no": ["name"]},
        "wants_reply": {ReplyWanted.TEXT.value: ["reply_phone"]},
    }
    young_person_labels = {
        "anonymous": _("Do you want to tell us who you are?"),
        "wants_reply": _("Do you want us to get back to you?"),
    }

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("anonymous") == "no"
            and not cleaned.get("name")
            and "name" not in self.errors
        ):
            self.add_error("name", _("Enter your name, or choose to keep it anonymous"))
        if cleaned.get("wants_reply") == ReplyWanted.TEXT:
            if cleaned.get("anonymous") == "yes":
                self.add_error(
                    "wants_reply",
                    _(
                        "A text reply needs your number, so it would not be anonymous. Choose 'through my worker', or give your name"
                    ),
                )
            number = parse_phone(cleaned.get("reply_phone") or "")
            if not is_uk_mobile(number):
                self.add_error("reply_phone", _("Enter a UK mobile number, like 07700 900 982"))
            else:
                cleaned["reply_phone"] = number.as_e164
        else:
            cleaned["reply_phone"] = ""
        if cleaned.get("anonymous") == "yes":
            cleaned["name"] = ""
        return cleaned


STEPS = [
    ("who", WhoForm),
    ("about", AboutForm),
    ("scales", ScalesForm),
    ("changes", ChangesForm),
    ("words", WordsForm),
    ("you", YouForm),
]
STEP_TITLES = {
    "who": _("Tell us about a worker"),
    "about": _("Who it is about"),
    "scales": _("What they are like"),
    "changes": _("Changes of worker"),
    "words": _("In your own words"),
    "you": _("About you"),
}
