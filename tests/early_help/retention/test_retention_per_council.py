"""Each council keeps things for its own periods; without its own, the deployment's."""

import datetime

import pytest
from django.utils import timezone

from early_help.asking_for_help import services as journey_services
from early_help.models import HelpRequest, OutboxMessage
from early_help.retention import services as retention
from tests.factories import DraftFactory, complete_answers
from tests.regions import dudley, sandwell

pytestmark = pytest.mark.django_db


def _closed_days_ago(help_request, days):
    HelpRequest.objects.filter(pk=help_request.pk).update(
        status="closed",
        outcome="needs_met",
        closed_at=timezone.now() - datetime.timedelta(days=days),
    )


def test_a_council_with_a_shorter_period_anonymises_sooner_than_the_deployment(locality, settings):
    settings.FAMILY_VOICE_RETENTION_DAYS_HELP_REQUESTS = 365
    settings.FAMILY_VOICE_RETENTION_DAYS_TEXTS = 180
    sandwell_council = sandwell(None)
    dudley(retention_days_help_requests=30, retention_days_texts=10)
    in_sandwell = journey_services.help_request_submit(
        draft=DraftFactory(), council=sandwell_council
    )
    in_dudley = journey_services.help_request_submit(
        draft=DraftFactory(
            answers=complete_answers(
                **{
                    "about-you": {"postcode": "B63 3AB"},
                    "_route": {"kind": "locality", "locality": "halesowen"},
                }
            )
        ),
        council=sandwell_council,
    )
    assert in_dudley.council.slug == "dudley"
    for help_request in (in_sandwell, in_dudley):
        _closed_days_ago(help_request, 40)
        OutboxMessage.objects.create(
            help_request=help_request, phone="+447700900123", body="Ref", status="delivered"
        )
    OutboxMessage.objects.update(created_at=timezone.now() - datetime.timedelta(days=20))

    result = retention.retention_apply()

    assert result.help_requests == 1
    in_sandwell.refresh_from_db()
    in_dudley.refresh_from_db()
    assert in_dudley.first_name == "[removed]"
    assert in_sandwell.first_name == "Jo"
    assert set(
        OutboxMessage.objects.filter(body="[removed]").values_list("help_request", flat=True)
    ) == {in_dudley.pk}
