import pytest

from early_help.models import UrgentPhrase
from early_help.safeguarding import (
    DOMESTIC_ABUSE_NOT_SAFE_NOW,
    SAFETY_FROM_ABUSE,
    help_request_urgency,
    phrases_in,
)

pytestmark = pytest.mark.django_db


def test_domestic_abuse_and_not_safe_now_is_urgent():
    assert help_request_urgency(needs=["domestic_abuse"], safe_now="no", texts=[]) == [
        DOMESTIC_ABUSE_NOT_SAFE_NOW
    ]


def test_unsure_whether_safe_counts_as_not_safe():
    assert help_request_urgency(needs=["domestic_abuse"], safe_now="not_sure", texts=[]) == [
        DOMESTIC_ABUSE_NOT_SAFE_NOW
    ]


def test_domestic_abuse_but_safe_now_is_not_urgent():
    assert (
        help_request_urgency(needs=["domestic_abuse"], safe_now="yes", texts=["We need help."])
        == []
    )


def test_safety_from_abuse_and_exploitation_is_always_urgent():
    assert help_request_urgency(needs=["safety", "housing"], safe_now=None, texts=[]) == [
        SAFETY_FROM_ABUSE
    ]


def test_phrases_from_the_editable_list_are_found_in_free_text():
    UrgentPhrase.objects.all().delete()  # not the starting list: just these two
    UrgentPhrase.objects.create(phrase="hits me")
    UrgentPhrase.objects.create(phrase="scared to go home", active=False)
    reasons = help_request_urgency(
        needs=[], safe_now=None, texts=["My dad HITS   me when he drinks", "I'm scared to go home"]
    )
    assert reasons == ["phrase:hits me"]


def test_phrases_match_whole_words_only():
    assert phrases_in("He whits mettle", ["hits me"]) == []
    assert phrases_in("he hits me.", ["hits me"]) == ["hits me"]
    assert phrases_in("I don’t feel safe", ["don't feel safe"]) == ["don't feel safe"]


def test_every_installation_starts_with_a_list_of_urgent_phrases():
    from early_help.safeguarding import DEFAULT_URGENT_PHRASES

    assert set(UrgentPhrase.objects.values_list("phrase", flat=True)) >= set(DEFAULT_URGENT_PHRASES)
    assert help_request_urgency(needs=[], safe_now=None, texts=["I'm scared to go home"])


def test_nothing_urgent_gives_no_reasons():
    assert help_request_urgency(needs=["money_work"], safe_now=None, texts=["Money is tight"]) == []
