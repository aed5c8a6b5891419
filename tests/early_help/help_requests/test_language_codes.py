"""The family's language is stored as a code; older requests are moved over by a migration."""

import importlib

import pytest
from django.apps import apps

from early_help.models import HelpRequest

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "early_help.migrations.0009_language_codes_and_feedback_choices"
)


def _request(reference, language):
    return HelpRequest.objects.create(
        reference=reference,
        idempotency_key=f"00000000-0000-0000-0000-{len(reference):06d}{reference[-6:].encode().hex()[:6]}",
        requester_type="parent_carer",
        first_name="Jo",
        preferred_language=language,
    )


def test_english_names_become_codes_and_other_languages_are_kept_as_written():
    polish = _request("FV-AAAAA", "Polish")
    tigrinya = _request("FV-BBBBB", "Tigrinya")
    blank = _request("FV-CCCCC", "")
    migration.names_to_codes(apps, None)
    for help_request in (polish, tigrinya, blank):
        help_request.refresh_from_db()
    assert polish.preferred_language == "pl"
    assert (tigrinya.preferred_language, tigrinya.other_language) == ("other", "Tigrinya")
    assert tigrinya.language_display == "Tigrinya"
    assert blank.preferred_language == ""
    migration.codes_to_names(apps, None)
    polish.refresh_from_db()
    tigrinya.refresh_from_db()
    assert (polish.preferred_language, tigrinya.preferred_language) == ("Polish", "Tigrinya")
