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
    """One page of the journey. A page may ask the questions of several sections of the
    answers (`sections`: answer key -> the form whose fields fill it); the answers stay
    keyed by section, so a request is built the same however the pages are grouped."""

    slug: str
    title: str
    young_person_title: str
    form_class: type[JourneyForm] | None
    applies: Callable[[dict], bool] = _always
    # Questions on pages with one question show it as the page heading.
    single_question: bool = False
    sections: tuple[tuple[str, type[JourneyForm]], ...] = ()

    def title_for(self, answers: dict) -> str:
        return self.young_person_title if journey_of(answers) == YOUNG_PERSON else self.title

    @property
    def answer_keys(self) -> list[str]:
        return [key for key, _form in self.sections] or [self.slug]

    def split(self, data: dict) -> dict[str, dict]:
        """A page's cleaned answers, filed under each section it asks about."""
        if not self.sections:
            return {self.slug: data}
        split = {key: {} for key, _form in self.sections}
        for name, value in data.items():
            for key, form_class in self.sections:
                if name in form_class.base_fields or name in form_class.derived_fields:
                    split[key][name] = value
                    break
        return split

    def stored(self, answers: dict) -> dict:
        """What the family answered on this page before, from every section it asks about."""
        merged = {}
        for key in self.answer_keys:
            merged.update(answers.get(key) or {})
        return merged


STEPS = [
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
        "contact",
        _("Contacting you safely"),
        _("Keeping in touch safely"),
        forms.ContactForm,
        sections=(("safe-contact", forms.SafeContactForm), ("language", forms.LanguageForm)),
    ),
    Step(CHILDREN, _("Your children"), _("Your children"), forms.ChildForm, _not_young_person),
    Step(
        "whats-happening",
        _("What is happening"),
        _("What's been going on"),
        forms.SituationForm,
        sections=(
            ("whats-happening", forms.WhatsHappeningForm),
            ("help-wanted", forms.HelpWantedForm),
        ),
    ),
    Step(
        "sharing",
        _("Other services and sharing"),
        _("Who else helps, and who we talk to"),
        forms.SharingForm,
        sections=(("other-agencies", forms.OtherAgenciesForm), ("consent", forms.ConsentForm)),
    ),
]
STEPS_BY_SLUG = {step.slug: step for step in STEPS}
# Pages that no longer exist send a bookmark or a saved link to the page that asks now.
RENAMED = {
    "safety": "who",
    "safe-contact": "contact",
    "language": "contact",
    "help-wanted": "whats-happening",
    "other-agencies": "sharing",
    "consent": "sharing",
}


def steps_for(answers: dict) -> list[Step]:
    return [step for step in STEPS if step.applies(answers)]


def is_complete(step: Step, answers: dict) -> bool:
    if step.slug == CHILDREN:
        return bool(answers.get(CHILDREN))
    return all(key in answers for key in step.answer_keys)


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
