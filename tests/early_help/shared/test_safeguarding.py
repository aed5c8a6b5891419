import pytest

from early_help.models import UrgentPhrase
from early_help.shared.safeguarding import (
    DEFAULT_URGENT_PHRASES,
    DOMESTIC_ABUSE_NOT_SAFE_NOW,
    NOT_SAFE_WHERE_THEY_LIVE,
    SAFETY_FROM_ABUSE,
    feedback_urgency,
    help_request_urgency,
    phrases_in,
)
from early_help.shared.selectors import active_phrases


def test_domestic_abuse_and_not_safe_now_is_urgent():
    assert help_request_urgency(needs=["domestic_abuse"], safe_now="no", texts=[], phrases=[]) == [
        DOMESTIC_ABUSE_NOT_SAFE_NOW
    ]


@pytest.mark.parametrize("answer", ["no", "not_sure"])
def test_unsure_whether_safe_counts_as_not_safe_for_requests_and_feedback_alike(answer):
    request_reasons = help_request_urgency(
        needs=["domestic_abuse"], safe_now=answer, texts=[], phrases=[]
    )
    feedback_reasons = feedback_urgency(feels_safe=answer, texts=[], phrases=[])
    assert request_reasons == [DOMESTIC_ABUSE_NOT_SAFE_NOW]
    assert feedback_reasons == [NOT_SAFE_WHERE_THEY_LIVE]


def test_feeling_safe_is_not_urgent_for_requests_or_feedback():
    assert (
        help_request_urgency(
            needs=["domestic_abuse"], safe_now="yes", texts=["We need help."], phrases=["hit me"]
        )
        == []
    )
    assert feedback_urgency(feels_safe="yes", texts=["All good"], phrases=["hit me"]) == []


def test_safety_from_abuse_and_exploitation_is_always_urgent():
    assert help_request_urgency(
        needs=["safety", "housing"], safe_now=None, texts=[], phrases=[]
    ) == [SAFETY_FROM_ABUSE]


def test_the_same_phrase_flags_a_request_and_feedback():
    texts = ["My dad HITS   me when he drinks", "I'm scared to go home"]
    assert help_request_urgency(needs=[], safe_now=None, texts=texts, phrases=["hits me"]) == [
        "phrase:hits me"
    ]
    assert feedback_urgency(feels_safe="yes", texts=texts, phrases=["hits me"]) == [
        "phrase:hits me"
    ]


def test_phrases_match_whole_words_only():
    assert phrases_in("He whits mettle", ["hits me"]) == []
    assert phrases_in("he hits me.", ["hits me"]) == ["hits me"]
    assert phrases_in("I don’t feel safe", ["don't feel safe"]) == ["don't feel safe"]


@pytest.mark.django_db
def test_only_phrases_staff_have_switched_on_are_used():
    UrgentPhrase.objects.all().delete()  # not the starting list: just these two
    UrgentPhrase.objects.create(phrase="hits me")
    UrgentPhrase.objects.create(phrase="scared to go home", active=False)
    assert active_phrases() == ["hits me"]


@pytest.mark.django_db
def test_every_installation_starts_with_a_list_of_urgent_phrases():
    assert set(active_phrases()) >= set(DEFAULT_URGENT_PHRASES)


def test_nothing_urgent_gives_no_reasons():
    assert (
        help_request_urgency(
            needs=["money_work"],
            safe_now=None,
            texts=["Money is tight"],
            phrases=DEFAULT_URGENT_PHRASES,
        )
        == []
    )
