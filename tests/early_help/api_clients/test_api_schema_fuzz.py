"""Schemathesis generates calls from the API's own OpenAPI document and makes them against
the live app with a real read-and-record token: no call may cause a server error, and every
answer must match the schema (status code, content type, body, headers).

Bounded and derandomised, so it takes the same path on every run and fits in `make test`.
The document is built in-process at collection (schemathesis' lazy fixture loader does not
work with pytest 9), and each run checks that the live app serves exactly that document.
"""

from datetime import timedelta

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from early_help.api_clients import selectors as api_selectors
from early_help.api_clients.api import api
from early_help.models import Feedback, LeadAgency

from .conftest import make_client, request_in

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


@pytest.fixture
def seeded(live_server, transactional_db, administrator, tipton, oldbury, monkeypatch):
    """A Tipton request (and one out of scope), an agency, feedback, and a token for them."""
    monkeypatch.setattr(api_selectors, "SETTLE", timedelta(0))
    request_in(oldbury)
    help_request = request_in(tipton)
    request_in(tipton, mash=True)
    LeadAgency.objects.create(name="Health visiting")
    Feedback.objects.create(
        journey="family",
        about_role="early_help_worker",
        team=tipton,
        trust=4,
        quote="Kind.",
        approved_to_quote=True,
    )
    token = make_client(administrator, [tipton], limit=100_000)[1]
    served = requests.get(f"{live_server.url}/api/v1/openapi.json", timeout=10)
    assert served.json() == DOCUMENT
    return {"token": token, "request": help_request, "url": live_server.url}


DOCUMENT = api.get_openapi_schema()
schema = schemathesis.openapi.from_dict(DOCUMENT)


@schema.parametrize()
@settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_every_generated_call_within_its_schema(case, seeded):
    headers = {"Authorization": f"Bearer {seeded['token']}"}
    case.call_and_validate(base_url=seeded["url"], headers=headers, checks=CHECKS)
    if "id" in (case.path_parameters or {}):
        # The same generated call on a request the client really has, so the writes and
        # the detail are exercised on real data and not only answered 404.
        case.path_parameters = {**case.path_parameters, "id": seeded["request"].pk}
        case.call_and_validate(base_url=seeded["url"], headers=headers, checks=CHECKS)
