"""A help request's Wagtail log entries: kept in their own table, shown only within scope.

The screens themselves are tested in the authorisation matrix
(tests/early_help/staff_access/test_staff_access.py); this is the model underneath.
"""

import importlib

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from early_help.asking_for_help import services as journey_services
from early_help.models import HelpRequest, HelpRequestLogEntry
from early_help.staff_access.roles import StaffRole
from early_help.staff_queue import services as queue_services
from tests.factories import DraftFactory, LocalityFactory, complete_answers, staff_member

pytestmark = pytest.mark.django_db

migration = importlib.import_module("early_help.migrations.0012_help_request_log_entries")


@pytest.fixture
def requests(locality):
    LocalityFactory(name="Tipton", slug="tipton")
    return {
        "oldbury": journey_services.help_request_submit(draft=DraftFactory()),
        "tipton": journey_services.help_request_submit(
            draft=DraftFactory(
                answers=complete_answers(
                    _route={"kind": "locality", "locality": "tipton", "council": None}
                )
            )
        ),
    }


def test_staff_actions_are_logged_against_the_request_in_its_own_table(requests, locality):
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    help_request = requests["oldbury"]
    queue_services.help_request_claim(help_request=help_request, user=worker)
    entry = log_registry.get_logs_for_instance(help_request).get()
    assert isinstance(entry, HelpRequestLogEntry)
    assert (entry.help_request, entry.action, entry.user) == (
        help_request,
        "early_help.claim",
        worker,
    )
    assert entry.label == help_request.reference
    assert entry.object_id == help_request.pk
    assert not ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(HelpRequest)
    ).exists()


def test_a_worker_sees_the_log_of_their_own_towns_requests_only(requests, locality):
    oldbury_worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    tipton_worker = staff_member(StaffRole.LOCALITY_WORKER, locality=requests["tipton"].locality)
    service_manager = staff_member(StaffRole.SERVICE_MANAGER)
    comms = staff_member(StaffRole.COMMS_EDITOR)
    queue_services.help_request_claim(help_request=requests["oldbury"], user=oldbury_worker)
    queue_services.help_request_claim(help_request=requests["tipton"], user=tipton_worker)

    def seen_by(user):
        return set(
            HelpRequestLogEntry.objects.viewable_by_user(user).values_list(
                "help_request__reference", flat=True
            )
        )

    assert seen_by(oldbury_worker) == {requests["oldbury"].reference}
    assert seen_by(tipton_worker) == {requests["tipton"].reference}
    assert seen_by(service_manager) == {r.reference for r in requests.values()}
    assert seen_by(comms) == set()
    # Passed to MASH, the request and its history leave the town's view.
    queue_services.help_request_pass_to_mash(
        help_request=requests["tipton"], user=tipton_worker, reason="Worried"
    )
    assert seen_by(tipton_worker) == set()


def test_the_migration_moves_earlier_entries_over_and_back(requests, locality):
    """Entries written before the log had a table of its own stay readable (and scoped)."""
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    help_request_type = ContentType.objects.get_for_model(HelpRequest)
    locality_type = ContentType.objects.get_for_model(locality)
    for help_request in requests.values():
        ModelLogEntry.objects.create(
            content_type=help_request_type,
            object_id=str(help_request.pk),
            label=help_request.reference,
            action="early_help.note",
            data={"summary": "Rang the school."},
            timestamp=timezone.now(),
            user=worker,
        )
    # Another model's entries are Wagtail's to keep.
    ModelLogEntry.objects.create(
        content_type=locality_type,
        object_id=str(locality.pk),
        label="Oldbury",
        action="wagtail.edit",
        timestamp=timezone.now(),
    )

    migration.entries_move_to_their_own_table(apps, None)

    assert list(ModelLogEntry.objects.values_list("content_type", flat=True)) == [locality_type.pk]
    moved = HelpRequestLogEntry.objects.order_by("help_request_id")
    assert [(e.help_request, e.label, e.user, e.data) for e in moved] == [
        (r, r.reference, worker, {"summary": "Rang the school."})
        for r in sorted(requests.values(), key=lambda r: r.pk)
    ]
    assert set(
        HelpRequestLogEntry.objects.viewable_by_user(worker).values_list("label", flat=True)
    ) == {requests["oldbury"].reference}

    migration.entries_move_back(apps, None)
    assert ModelLogEntry.objects.filter(content_type=help_request_type).count() == 2
