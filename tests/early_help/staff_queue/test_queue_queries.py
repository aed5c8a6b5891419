"""The queue page's cost must not grow with the page size, nor with how deep the page is."""

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from early_help.models import HelpRequest
from early_help.staff_access.roles import StaffRole
from tests.factories import login_with_mfa, staff_member

pytestmark = pytest.mark.django_db


def test_25_and_100_rows_of_10000_requests_cost_the_same_queries(locality):
    now = timezone.now()
    HelpRequest.objects.bulk_create(
        [
            HelpRequest(
                reference=f"FV-T{i:05d}",
                idempotency_key=f"00000000-0000-4000-8000-{i:012d}",
                requester_type="parent_carer",
                locality=locality,
                council=locality.council,
                first_name="Test",
                last_name=f"Family {i}",
                phone="+447700900123",
                postcode="B69 4AB",
                help_wanted="Help",
                submitted_at=now - datetime.timedelta(minutes=i),
                safeguarding_flag=i % 50 == 0,
            )
            for i in range(10_000)
        ],
        batch_size=1000,
    )
    manager = staff_member(StaffRole.LOCALITY_MANAGER, locality=locality)
    client = Client()
    login_with_mfa(client, manager)
    client.get("/admin/help-requests/")  # warm per-process caches (permissions, site)

    counts = {}
    for per_page in (25, 100):
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/admin/help-requests/", {"per_page": per_page})
        assert response.status_code == 200
        assert response.content.decode().count('class="fv-urgent"') >= 1
        counts[per_page] = len(queries)
    assert counts[25] == counts[100], counts


def test_a_later_page_costs_the_same_queries_as_the_first(locality):
    now = timezone.now()
    HelpRequest.objects.bulk_create(
        [
            HelpRequest(
                reference=f"FV-T{i:05d}",
                idempotency_key=f"00000000-0000-4000-8000-{i:012d}",
                requester_type="parent_carer",
                locality=locality,
                council=locality.council,
                first_name="Test",
                last_name=f"Family {i}",
                submitted_at=now - datetime.timedelta(minutes=i),
            )
            for i in range(200)
        ]
    )
    client = Client()
    login_with_mfa(client, staff_member(StaffRole.LOCALITY_MANAGER, locality=locality))
    url = "/admin/help-requests/"
    client.get(url)  # warm per-process caches (permissions, site, menu counts)

    counts = []
    for _ in range(4):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counts.append(len(queries))
        url = "/admin/help-requests/" + unescape(
            re.search(r'rel="next" href="([^"]*)"', response.content.decode()).group(1)
        )
    with CaptureQueriesContext(connection) as queries:
        response = client.get(
            "/admin/help-requests/"
            + unescape(re.search(r'rel="prev" href="([^"]*)"', response.content.decode()).group(1))
        )
    counts.append(len(queries))
    assert len(set(counts)) == 1, counts
