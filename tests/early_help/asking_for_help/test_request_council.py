"""Which council a request belongs to, and that council's targets and consent wording."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from early_help.asking_for_help import services
from early_help.asking_for_help.forms import CONSENT_WORDING_VERSION
from early_help.shared.working_days import add_working_days
from tests.factories import DraftFactory, complete_answers
from tests.regions import dudley, sandwell

pytestmark = pytest.mark.django_db

MONDAY = datetime.datetime(2026, 12, 7, 11, 0, tzinfo=datetime.UTC)


@pytest.fixture
def region(locality):
    return sandwell(None), dudley(first_contact_working_days=5, mash_triage_working_days=2)


def _halesowen_draft(**overrides):
    return DraftFactory(
        answers=complete_answers(
            **{
                "about-you": {"postcode": "B63 3AB"},
                "_route": {"kind": "locality", "locality": "halesowen", "council": None},
                **overrides,
            }
        )
    )


def test_a_request_made_on_one_councils_site_belongs_to_its_towns_council(region):
    sandwell_council, dudley_council = region
    help_request = services.help_request_submit(draft=_halesowen_draft(), council=sandwell_council)
    assert help_request.council == dudley_council
    assert help_request.locality.slug == "halesowen"


def test_a_request_in_our_own_town_belongs_to_our_council(region):
    sandwell_council, _dudley = region
    help_request = services.help_request_submit(draft=DraftFactory(), council=sandwell_council)
    assert help_request.council == sandwell_council


def test_a_request_with_no_town_belongs_to_the_council_whose_area_or_site_it_is(region):
    sandwell_council, dudley_council = region
    unknown_in_dudley = DraftFactory(
        answers=complete_answers(
            **{
                "about-you": {"postcode": "DY1 9ZZ"},
                "_route": {"kind": "unknown", "member_council": dudley_council.pk},
                "nearest-town": {"town": "not_sure"},
            }
        )
    )
    help_request = services.help_request_submit(draft=unknown_in_dudley, council=sandwell_council)
    assert help_request.council == dudley_council
    assert help_request.locality is None

    no_idea = DraftFactory(
        answers=complete_answers(
            _route={"kind": "unknown"}, **{"nearest-town": {"town": "not_sure"}}
        )
    )
    assert services.help_request_submit(draft=no_idea, council=dudley_council).council == (
        dudley_council
    )


def test_the_response_target_is_the_helping_councils(region):
    sandwell_council, _dudley = region
    with time_machine.travel(MONDAY, tick=False):
        today = timezone.localdate()
        in_dudley = services.help_request_submit(draft=_halesowen_draft(), council=sandwell_council)
        in_sandwell = services.help_request_submit(draft=DraftFactory(), council=sandwell_council)
        urgent = services.help_request_submit(
            draft=_halesowen_draft(
                **{"whats-happening": {"needs": ["domestic_abuse"], "safe_now": "no"}}
            ),
            council=sandwell_council,
        )
    assert in_dudley.respond_by == add_working_days(today, 5)
    assert in_sandwell.respond_by == add_working_days(today, 2)
    assert urgent.safeguarding_flag
    assert urgent.respond_by == add_working_days(today, 2)


def test_consent_records_the_helping_councils_wording_version(region):
    sandwell_council, dudley_council = region
    dudley_council.consent_wording = "Dudley's own words about sharing."
    dudley_council.consent_wording_version = "DY-2026-12"
    dudley_council.save()
    in_dudley = services.help_request_submit(draft=_halesowen_draft(), council=sandwell_council)
    in_sandwell = services.help_request_submit(draft=DraftFactory(), council=sandwell_council)
    assert in_dudley.consent.wording_version == "DY-2026-12"
    assert in_sandwell.consent.wording_version == CONSENT_WORDING_VERSION
