import datetime

import pytest
from django.utils import timezone

from early_help.asking_for_help import services as journey_services
from early_help.models import HelpRequestDraft

pytestmark = pytest.mark.django_db


def _draft_with_phone():
    draft = journey_services.draft_start()
    journey_services.draft_save_step(
        draft=draft, step="about-you", answers={"phone": "+447700900982", "first_name": "Jo"}
    )
    return draft, journey_services.draft_resume_code_issue(draft=draft)


def test_each_step_is_saved_and_pushes_expiry_seven_days_on():
    draft = journey_services.draft_start()
    draft = journey_services.draft_save_step(
        draft=draft, step="who", answers={"requester_type": "parent_carer"}
    )
    assert HelpRequestDraft.objects.get(pk=draft.pk).answers["who"] == {
        "requester_type": "parent_carer"
    }
    assert draft.expires_at > timezone.now() + datetime.timedelta(days=6, hours=23)


def test_the_code_and_last_four_digits_resume_a_draft_once():
    draft, code = _draft_with_phone()
    resumed = journey_services.draft_resume(code=code.lower(), phone_last_four="0982")
    assert resumed.pk == draft.pk
    assert journey_services.draft_resume(code=code, phone_last_four="0982") is None


def test_a_new_code_replaces_the_one_given_before():
    draft, first = _draft_with_phone()
    second = journey_services.draft_resume_code_issue(draft=draft)
    assert second != first
    assert journey_services.draft_resume(code=first, phone_last_four="0982") is None
    assert journey_services.draft_resume(code=second, phone_last_four="0982").pk == draft.pk


def test_a_draft_has_no_code_until_the_family_asks_for_one():
    draft = journey_services.draft_start()
    assert HelpRequestDraft.objects.get(pk=draft.pk).resume_code_hash == ""


def test_codes_are_stored_only_as_hashes():
    draft, code = _draft_with_phone()
    stored = HelpRequestDraft.objects.get(pk=draft.pk).resume_code_hash
    assert stored
    assert code not in stored


def test_five_wrong_phone_digits_lock_the_code():
    _draft, code = _draft_with_phone()
    for _ in range(journey_services.MAX_FAILED_RESUMES):
        assert journey_services.draft_resume(code=code, phone_last_four="1111") is None
    assert journey_services.draft_resume(code=code, phone_last_four="0982") is None


def test_expired_drafts_cannot_be_resumed_and_are_deleted():
    draft, code = _draft_with_phone()
    HelpRequestDraft.objects.filter(pk=draft.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert journey_services.draft_resume(code=code, phone_last_four="0982") is None
    assert journey_services.drafts_delete_expired() == 1
    assert not HelpRequestDraft.objects.exists()


def test_choosing_young_person_forgets_children_added_as_a_parent():
    draft = journey_services.draft_start()
    journey_services.draft_child_add(draft=draft, child={"first_name": "Sam"})
    draft = journey_services.draft_save_step(
        draft=draft, step="who", answers={"requester_type": "young_person"}
    )
    assert "children" not in draft.answers


def test_the_daily_command_deletes_expired_drafts():
    from io import StringIO

    from django.core.management import call_command

    old = journey_services.draft_start()
    HelpRequestDraft.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    fresh = journey_services.draft_start()
    out = StringIO()
    call_command("delete_expired_drafts", stdout=out)
    assert "Deleted 1 expired drafts." in out.getvalue()
    assert list(HelpRequestDraft.objects.values_list("pk", flat=True)) == [fresh.pk]
