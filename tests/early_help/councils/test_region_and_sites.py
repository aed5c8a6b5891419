"""The region's view: per-council figures that add up and name nobody; and each council's
comms staff editing only their own council's site."""

from datetime import timedelta

import pytest
from django.test import Client
from wagtail.models import Page, Site

from cms.models import HomePage, StandardPage
from early_help.models import HelpRequest
from early_help.staff_access.roles import StaffRole
from early_help.staff_queue import reports
from tests.conftest import publish_child
from tests.factories import login_with_mfa, staff_member

pytestmark = pytest.mark.django_db

URL = "/admin/help-requests/reports/region/"


def _signed_in(user) -> Client:
    client = Client()
    login_with_mfa(client, user)
    return client


def _first_contact_after(help_request: HelpRequest, hours: float) -> None:
    HelpRequest.objects.filter(pk=help_request.pk).update(
        first_contact_at=help_request.submitted_at + timedelta(hours=hours)
    )


def test_the_region_row_adds_up_the_councils_and_its_median_is_the_regions(region):
    # Sandwell waits 1 and 3 hours (median 2); Dudley 10 and 20 (median 15). The region's
    # median over 1, 3, 10, 20 is 6.5: not the 8.5 an average of medians would say.
    for key, hours in (
        ("sandwell_request", 1),
        ("sandwell_mash", 3),
        ("dudley_request", 10),
        ("dudley_mash", 20),
    ):
        _first_contact_after(region[key], hours)
    figures = reports.region_figures()
    by_name = {row["council"]: row for row in figures["councils"]}
    assert set(by_name) == {"Sandwell Council", "Dudley Council"}
    assert by_name["Sandwell Council"]["median_hours_to_first_contact"] == 2
    assert by_name["Dudley Council"]["median_hours_to_first_contact"] == 15
    assert figures["region"]["median_hours_to_first_contact"] == 6.5
    for key in ("new_this_week", "open", "overdue"):
        assert figures["region"][key] == sum(row[key] for row in figures["councils"]), key
    assert figures["region"]["open"] == 4
    assert by_name["Dudley Council"]["open"] == 2


def test_a_region_manager_sees_each_councils_figures_and_nobody(region):
    manager = staff_member(StaffRole.REGION_MANAGER, council=region["dudley"])
    client = _signed_in(manager)
    html = client.get(URL).content.decode()
    assert "Sandwell Council" in html
    assert "Dudley Council" in html
    for key in ("sandwell_request", "sandwell_mash", "dudley_request", "dudley_mash"):
        help_request = region[key]
        assert help_request.reference not in html
        assert help_request.last_name not in html
    # (Not the first name "Jo": two letters turn up inside the page's random tokens.)
    assert "Child1" not in html
    # No request, no queue, no feedback, no reports of towns.
    assert not HelpRequest.objects.visible_to(manager).exists()
    assert client.get("/admin/help-requests/").status_code == 403
    detail = client.get(f"/admin/help-requests/{region['dudley_request'].pk}/")
    assert detail.status_code in {403, 404}
    assert client.get("/admin/help-requests/reports/").status_code == 403
    assert client.get("/admin/feedback/").status_code in {403, 404}


@pytest.mark.parametrize("role", ["worker", "manager", "service_manager", "mash", "administrator"])
def test_the_region_report_is_for_region_managers_only(region, role):
    assert _signed_in(region["people"][role]).get(URL).status_code == 403


def test_the_region_report_is_on_the_reports_menu_of_region_managers(region):
    manager = staff_member(StaffRole.REGION_MANAGER, council=region["dudley"])
    assert URL in _signed_in(manager).get("/admin/").content.decode()
    assert URL not in _signed_in(region["people"]["manager"]).get("/admin/").content.decode()


@pytest.fixture
def two_sites(home_page, region):
    """Sandwell on the default site, Dudley on its own host, each with a page."""
    sandwell = region["sandwell"]
    sandwell.site = home_page.get_site()
    sandwell.save()
    dudley_home = publish_child(
        Page.get_first_root_node(),
        HomePage(title="Dudley early help", slug="dudley-home", lead="Help for families."),
    )
    dudley = region["dudley"]
    dudley.site = Site.objects.create(hostname="dudley.localhost", root_page=dudley_home)
    dudley.save()
    return {
        "sandwell_page": publish_child(home_page, StandardPage(title="Sandwell hubs", slug="hubs")),
        "dudley_page": publish_child(dudley_home, StandardPage(title="Dudley hubs", slug="hubs")),
    }


def _edits(client, page) -> bool:
    """Whether the page's editor opens. Wagtail answers a page permission refused with a
    redirect to the dashboard and a "no permission" message (403 to a script)."""
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    if response.status_code == 200:
        return True
    assert (response.status_code, response.get("Location")) in {(403, None), (302, "/admin/")}
    return False


def test_a_dudley_comms_editor_edits_dudleys_site_only(region, two_sites):
    editor = _signed_in(staff_member(StaffRole.COMMS_EDITOR, council=region["dudley"]))
    sandwell_page, dudley_page = two_sites["sandwell_page"], two_sites["dudley_page"]
    assert not _edits(editor, sandwell_page)
    assert _edits(editor, dudley_page)
    assert not _edits(editor, sandwell_page.get_parent())
    approver = _signed_in(staff_member(StaffRole.COMMS_APPROVER, council=region["sandwell"]))
    assert not _edits(approver, dudley_page)
    assert _edits(approver, sandwell_page)


def test_a_comms_editor_who_leaves_the_council_loses_its_pages(region, two_sites):
    user = staff_member(StaffRole.COMMS_EDITOR, council=region["dudley"])
    user.council_memberships.all().delete()
    editor = _signed_in(user)
    assert not _edits(editor, two_sites["dudley_page"])
