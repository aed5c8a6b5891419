"""The reports page shows time at each stage and who waits longest, within the manager's towns."""

import datetime
import re

import pytest
import time_machine

from early_help.asking_for_help import services as journey_services
from early_help.models import Locality
from early_help.staff_access.roles import StaffRole
from early_help.staff_queue import reports
from early_help.staff_queue import services as queue_services
from tests.factories import DraftFactory, LocalityFactory, login_with_mfa, staff_member

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def test_the_report_shows_hours_at_each_stage_for_the_month_and_the_longest_waiting(
    client, locality
):
    elsewhere = LocalityFactory(name="Tipton", slug="tipton")
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    manager = staff_member(StaffRole.LOCALITY_MANAGER, locality=locality)
    with time_machine.travel(START, tick=False) as clock:
        claimed = journey_services.help_request_submit(draft=DraftFactory())
        waiting = journey_services.help_request_submit(draft=DraftFactory())
        other_town = journey_services.help_request_submit(draft=DraftFactory())
        other_town.locality = elsewhere
        other_town.save()
        clock.shift(datetime.timedelta(hours=30))
        queue_services.help_request_claim(help_request=claimed, user=worker)
        clock.shift(datetime.timedelta(days=3))
        login_with_mfa(client, manager)
        page = client.get("/admin/help-requests/reports/", {"month": "2026-03"}).content.decode()
        unknown_month = client.get("/admin/help-requests/reports/", {"month": "1999-13"})

    assert "Time at each stage, March 2026" in page
    assert "<svg" in page
    assert re.search(r"<th scope=\"row\">Submitted</th><td>30.0</td><td>30.0</td><td>1</td>", page)
    longest = page.split('id="longest-waiting"')[1].split("</table>")[0]
    assert waiting.reference in longest
    assert claimed.reference in longest  # allocated, not yet in contact: still waiting
    assert longest.index(waiting.reference) < longest.index(claimed.reference)
    assert other_town.reference not in page
    assert unknown_month.status_code == 200
    assert "Time at each stage, March 2026" in unknown_month.content.decode()


def test_town_figures_are_counted_per_town_in_one_pass(locality):
    tipton = LocalityFactory(name="Tipton", slug="tipton")
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    admin = staff_member(StaffRole.ADMINISTRATOR, is_superuser=True)
    with time_machine.travel(START, tick=False) as clock:
        first, second = (journey_services.help_request_submit(draft=DraftFactory()) for _ in "ab")
        elsewhere = journey_services.help_request_submit(draft=DraftFactory())
        elsewhere.locality = tipton
        elsewhere.save()
        clock.shift(datetime.timedelta(hours=2))
        queue_services.help_request_record_contact(
            help_request=first, user=worker, made_contact=True
        )
        clock.shift(datetime.timedelta(hours=4))
        queue_services.help_request_record_contact(
            help_request=second, user=worker, made_contact=True
        )
        queue_services.help_request_change_status(
            help_request=second, user=worker, status="closed", outcome="needs_met"
        )
        figures = reports.locality_figures(
            user=admin, localities=Locality.objects.filter(pk__in=[locality.pk, tipton.pk])
        )
    by_town = {row["locality"]: row for row in figures}
    assert by_town[locality.name]["open"] == 1
    assert by_town[locality.name]["closed"] == 1
    assert by_town[locality.name]["median_hours_to_first_contact"] == 4.0
    assert by_town[locality.name]["outcomes"]["Needs met: family doing well"] == 1
    assert by_town[locality.name]["re_referral_rate"] == 50.0  # the same phone, twice
    assert by_town["Tipton"]["open"] == 1
    assert by_town["Tipton"]["median_hours_to_first_contact"] is None
    assert by_town["Tipton"]["closed"] == 0
