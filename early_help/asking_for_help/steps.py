"""The order of the request-for-help questions, and which apply to whom.

A draft's answers are a dict keyed by step slug. Steps that do not apply (the nearest
town when the postcode was found, children for a young person asking for themselves)
are skipped, and their answers ignored.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ..localities.routing import RouteKind
from ..shared.govuk_forms import ADULT, YOUNG_PERSON, JourneyForm
from . import forms

ROUTE = "_route"
CHILDREN = "children"


def journey_of(answers: dict) -> str:
    who = answers.get("who", {}).get("requester_type")
    return YOUNG_PERSON if who == "young_person" else ADULT


def _always(answers: dict) -> bool:
    return True


def _postcode_unknown(answers: dict) -> bool:
    return answers.get(ROUTE, {}).get("kind") == RouteKind.UNKNOWN


def _not_young_person(answers: dict) -> bool:
    return journey_of(answers) != YOUNG_PERSON


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    young_person_title: str
    form_class: type[JourneyForm] | None
    applies: Callable[[dict], bool] = _always
    # Questions on pages with one question show it as the page heading.
    single_question: bool = False

    def title_for(self, answers: dict) -> str:
        return self.young_person_title if journey_of(answers) == YOUNG_PERSON else self.title


STEPS = [
    Step("safety", _("Before you start"), _("Before you start"), None),
    Step(
        "who",
        _("Who is asking for help?"),
        _("Who is asking for help?"),
        forms.WhoForm,
        single_question=True,
    ),
    Step("about-you", _("About you"), _("About you"), forms.AboutYouForm),
    Step(
        "nearest-town",
        _("Which town are you nearest to?"),
        _("Which town are you nearest to?"),
        forms.NearestTownForm,
        _postcode_unknown,
        single_question=True,
    ),
    Step(
        "safe-contact",
        _("Contacting you safely"),
        _("Keeping in touch safely"),
        forms.SafeContactForm,
    ),
    Step("language", _("Language"), _("Language"), forms.LanguageForm),
    Step(CHILDREN, _("Your children"), _("Your children"), forms.ChildForm, _not_young_person),
    Step(
        "whats-happening",
        _("What is happening"),
        _("What's been going on"),
        forms.WhatsHappeningForm,
    ),
    Step(
        "help-wanted",
        _("What help would you like?"),
        _("What would help you?"),
        forms.HelpWantedForm,
        single_question=True,
    ),
    Step(
        "other-agencies",
        _("Other workers and services"),
        _("Other people helping you"),
        forms.OtherAgenciesForm,
    ),
    Step("consent", _("Sharing what you tell us"), _("Who we talk to"), forms.ConsentForm),
]
STEPS_BY_SLUG = {step.slug: step for step in STEPS}


def steps_for(answers: dict) -> list[Step]:
    return [step for step in STEPS if step.applies(answers)]


def is_complete(step: Step, answers: dict) -> bool:
    if step.slug == CHILDREN:
        return bool(answers.get(CHILDREN))
    return step.slug in answers


def first_incomplete(answers: dict) -> Step | None:
    for step in steps_for(answers):
        if not is_complete(step, answers):
            return step
    return None


def previous_step(answers: dict, slug: str) -> Step | None:
    applicable = steps_for(answers)
    slugs = [step.slug for step in applicable]
    if slug not in slugs:
        return None
    index = slugs.index(slug)
    return applicable[index - 1] if index > 0 else None


def may_visit(answers: dict, slug: str) -> bool:
    """A step can be visited once every step before it is done: no skipping ahead."""
    for step in steps_for(answers):
        if step.slug == slug:
            return True
        if not is_complete(step, answers):
            return False
    return False
