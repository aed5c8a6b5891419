"""Each client has its own calls per minute; over it, 429 with Retry-After."""

import pytest
import time_machine

from .conftest import bearer, make_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_settle")]


def test_calls_over_the_limit_get_429_until_the_minute_is_over(client, administrator, tipton):
    token = make_client(administrator, [tipton], limit=2)[1]
    other = make_client(administrator, [tipton], limit=2)[1]
    with time_machine.travel("2026-11-30 10:00:15Z", tick=False):
        assert client.get("/api/v1/lead-agencies", **bearer(token)).status_code == 200
        assert client.get("/api/v1/lead-agencies", **bearer(token)).status_code == 200
        refused = client.get("/api/v1/lead-agencies", **bearer(token))
        assert client.get("/api/v1/lead-agencies", **bearer(other)).status_code == 200
    assert refused.status_code == 429
    assert refused["Retry-After"] == "45"
    with time_machine.travel("2026-11-30 10:01:01Z", tick=False):
        assert client.get("/api/v1/lead-agencies", **bearer(token)).status_code == 200


def test_a_call_is_recorded_as_last_used(client, tipton_client):
    api_client, token = tipton_client
    assert api_client.last_used_at is None
    client.get("/api/v1/lead-agencies", **bearer(token))
    api_client.refresh_from_db()
    assert api_client.last_used_at is not None
