"""Towns, requests in and out of a Tipton client's scope, and clients with real tokens."""

from datetime import timedelta

import pytest
from django.utils import timezone

from early_help.api_clients import selectors as api_selectors
from early_help.api_clients import services as api_services
from early_help.asking_for_help import services as journey_services
from early_help.models import ApiAccess, HelpRequest, LeadAgency
from tests.factories import DraftFactory, LocalityFactory, staff_member


@pytest.fixture
def tipton(db):
    return LocalityFactory(name="Tipton", slug="tipton")


@pytest.fixture
def oldbury(locality):
    return locality


@pytest.fixture
def no_settle(monkeypatch):
    """Changes are listed at once, not after the few seconds a commit may take."""
    monkeypatch.setattr(api_selectors, "SETTLE", timedelta(0))


def request_in(town, *, mash: bool = False, flagged: bool = False, **answers) -> HelpRequest:
    help_request = journey_services.help_request_submit(draft=DraftFactory())
    HelpRequest.objects.filter(pk=help_request.pk).update(
        locality=town, in_mash_queue=mash, safeguarding_flag=flagged or mash
    )
    help_request.refresh_from_db()
    return help_request


@pytest.fixture
def tipton_request(tipton):
    return request_in(tipton)


@pytest.fixture
def oldbury_request(oldbury):
    return request_in(oldbury)


@pytest.fixture
def mash_request(tipton):
    """A Tipton request flagged and with MASH duty: not Tipton's team's until passed back."""
    return request_in(tipton, mash=True)


@pytest.fixture
def administrator(db):
    from early_help.staff_access.roles import StaffRole

    return staff_member(StaffRole.ADMINISTRATOR)


def make_client(administrator, towns, *, access=ApiAccess.READ_WRITE, mash=False, limit=1000):
    client, token = api_services.api_client_create(
        user=administrator,
        name=f"Case system {timezone.now().timestamp()}",
        localities=towns,
        sees_mash_queue=mash,
        access=access,
        rate_limit_per_minute=limit,
    )
    return client, token


@pytest.fixture
def tipton_client(administrator, tipton):
    """A Tipton case system that may record: (client, token)."""
    return make_client(administrator, [tipton])


@pytest.fixture
def reader(administrator, tipton):
    return make_client(administrator, [tipton], access=ApiAccess.READ)


@pytest.fixture
def agency(db):
    return LeadAgency.objects.create(name="Health visiting")


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
