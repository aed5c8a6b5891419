"""A page served from the page cache works in a phone's browser like a fresh one."""

import pytest
import requests
from django.contrib.sessions.backends.db import SessionStore

from .conftest import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def cached_site(site_settings, locality_page, request_help_page):
    from early_help.mash_duty.models import MashDutySettings

    # Made now, not by the first visit (which would make the stored pages stale at once).
    MashDutySettings.for_site(site_settings.site)
    return site_settings


@pytest.mark.parametrize("path", ["/", "/oldbury/", "/ask-for-help/"])
def test_a_cached_page_runs_its_script_under_the_strict_policy(
    phone, live_server, cached_site, path
):
    # Another visitor fills the cache (the phone's own browser cache would answer it next).
    assert requests.get(live_server.url + path, timeout=10).headers["X-Page-Cache"] == "miss"
    response = phone.goto(live_server.url + path)

    assert response.headers["x-page-cache"] == "hit"
    assert "nonce" not in response.headers["content-security-policy"]
    # The inline script ran (js-enabled) and GOV.UK Frontend's module started.
    phone.wait_for_selector("body.js-enabled.govuk-frontend-supported")
    phone.wait_for_selector(".govuk-exit-this-page__indicator", state="attached")
    assert_accessible(phone)
    assert phone.csp_errors == []


def test_exit_this_page_leaves_from_a_cached_page(phone, live_server, cached_site, neutral_site):
    cached_site.quick_exit_url = neutral_site
    cached_site.save()
    requests.get(live_server.url + "/", timeout=10)
    response = phone.goto(live_server.url + "/")
    assert response.headers["x-page-cache"] == "hit"

    phone.wait_for_selector("body.govuk-frontend-supported")
    for _ in range(3):
        phone.keyboard.press("Shift")
    phone.wait_for_url(neutral_site)

    assert phone.locator("h1").inner_text() == "Weather"
    assert phone.csp_errors == []


def test_a_visitor_with_saved_answers_never_sees_a_cached_start_page(
    phone, live_server, cached_site, neutral_site
):
    # The start page as everyone sees it, kept by the phone's browser for a minute too.
    phone.goto(live_server.url + "/ask-for-help/")
    phone.locator("main a.govuk-button--start").click()
    phone.wait_for_url("**/step/who/")
    phone.locator("input[name=requester_type][value=parent_carer]").check()
    phone.locator("main button[type=submit]").first.click()
    phone.wait_for_url("**/step/about-you/")

    response = phone.goto(live_server.url + "/ask-for-help/")

    assert "x-page-cache" not in response.headers
    assert phone.get_by_role("heading", name="You have already started").is_visible()
    session_key = phone.context.cookies(live_server.url)[0]["value"]
    cached_site.quick_exit_url = neutral_site
    cached_site.save()
    phone.get_by_role("button", name="Exit this page").click()
    phone.wait_for_url(neutral_site)
    assert not SessionStore().exists(session_key)
