"""Each role can reach the screens its job needs, and no request or feedback data.

Wagtail answers a screen a role may not use with a redirect to the dashboard; our own
screens answer 403 (or 404 out of scope).
"""

import pytest
from django.test import Client

from early_help.models import (
    BlockageReason,
    FeedbackLink,
    LeadAgency,
    NeighbouringCouncil,
    SmsTemplate,
)
from early_help.staff_access.roles import StaffRole
from tests.factories import login_with_mfa, staff_member

pytestmark = pytest.mark.django_db

OPENS, REFUSED = "opens", "refused"

COMMS = StaffRole.COMMS_EDITOR
APPROVER = StaffRole.COMMS_APPROVER
DATA = StaffRole.LOCALITY_DATA_EDITOR
WORKER = StaffRole.LOCALITY_WORKER


@pytest.fixture
def world(home_page, site_settings, sms_templates, locality):
    council = NeighbouringCouncil.objects.create(
        name="Dudley Council", website="https://dudley.example.org", postcode_districts="DY1"
    )
    agency = LeadAgency.objects.create(name="School")
    reason = BlockageReason.objects.first()
    link = FeedbackLink.objects.create(worker_name="Sam Green", worker_role="social_worker")
    return {
        "sms": f"/admin/snippets/early_help/smstemplate/edit/{SmsTemplate.objects.first().pk}/",
        "sms_list": "/admin/snippets/early_help/smstemplate/",
        "settings": f"/admin/settings/cms/sitesettings/{site_settings.site_id}/",
        "page": f"/admin/pages/{home_page.pk}/edit/",
        "images": "/admin/images/",
        "documents": "/admin/documents/",
        "locality": f"/admin/snippets/early_help/locality/edit/{locality.pk}/",
        "council": f"/admin/snippets/early_help/neighbouringcouncil/edit/{council.pk}/",
        "agency": f"/admin/snippets/early_help/leadagency/edit/{agency.pk}/",
        "waiting_reasons": "/admin/snippets/early_help/blockagereason/",
        "waiting_reason": f"/admin/snippets/early_help/blockagereason/edit/{reason.pk}/",
        "queue": "/admin/help-requests/",
        "reports": "/admin/help-requests/reports/",
        "feedback": "/admin/feedback/",
        "feedback_report": "/admin/feedback/report/",
        "feedback_links": "/admin/snippets/early_help/feedbacklink/",
        "feedback_link": f"/admin/snippets/early_help/feedbacklink/edit/{link.pk}/",
        "users": "/admin/users/",
    }


# screen -> the roles that open it; everyone else among these roles is refused
JOBS = {
    "sms": {COMMS, APPROVER},
    "sms_list": {COMMS, APPROVER},
    "settings": {COMMS, APPROVER},
    "page": {COMMS, APPROVER},
    "images": {COMMS, APPROVER},
    "documents": {COMMS, APPROVER},
    "locality": {DATA},
    "council": {DATA},
    "agency": {DATA},
    "waiting_reasons": {DATA},
    "waiting_reason": {DATA},
    "queue": {WORKER},
    "reports": set(),
    "feedback": set(),
    "feedback_report": set(),
    "feedback_links": set(),
    "feedback_link": set(),
    "users": set(),
}


def _outcome(response) -> str:
    if response.status_code == 200:
        return OPENS
    if response.status_code in (403, 404):
        return REFUSED
    assert response.status_code == 302, response.status_code
    # Wagtail sends someone without permission back to the dashboard, never to sign in.
    assert response["Location"] == "/admin/", response["Location"]
    return REFUSED


@pytest.mark.parametrize("role", [COMMS, APPROVER, DATA, WORKER])
@pytest.mark.parametrize("screen", list(JOBS))
def test_each_role_opens_the_screens_of_its_job_and_no_others(world, locality, role, screen):
    user = staff_member(role, locality=locality if role == WORKER else None)
    client = Client()
    login_with_mfa(client, user)
    expected = OPENS if role in JOBS[screen] else REFUSED
    assert _outcome(client.get(world[screen])) == expected
