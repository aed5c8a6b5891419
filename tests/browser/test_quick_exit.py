import pytest
from django.contrib.sessions.backends.db import SessionStore

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _start_session(phone, live_server) -> str:
    session = SessionStore()
    session["draft_id"] = 42
    session.create()
    phone.context.add_cookies(
        [{"name": "sessionid", "value": session.session_key, "url": live_server.url}]
    )
    return session.session_key


def test_exit_this_page_leaves_for_the_neutral_site_and_forgets_the_visit(
    phone, live_server, site_settings, neutral_site
):
    site_settings.quick_exit_url = neutral_site
    site_settings.save()
    session_key = _start_session(phone, live_server)

    phone.goto(live_server.url + "/")
    phone.get_by_role("button", name="Exit this page").click()
    phone.wait_for_url(neutral_site)

    assert phone.locator("h1").inner_text() == "Weather"
    assert not SessionStore().exists(session_key)
    cookies = {c["name"]: c["value"] for c in phone.context.cookies(live_server.url)}
    assert cookies.get("sessionid") != session_key


def test_pressing_shift_three_times_also_exits(phone, live_server, site_settings, neutral_site):
    site_settings.quick_exit_url = neutral_site
    site_settings.save()
    session_key = _start_session(phone, live_server)

    phone.goto(live_server.url + "/")
    phone.wait_for_selector("body.govuk-frontend-supported")
    for _ in range(3):
        phone.keyboard.press("Shift")
    phone.wait_for_url(neutral_site)
    assert not SessionStore().exists(session_key)


def test_exit_this_page_works_without_javascript(browser, live_server, site_settings, neutral_site):
    site_settings.quick_exit_url = neutral_site
    site_settings.save()
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Exit this page").click()
    page.wait_for_url(neutral_site)
    context.close()
