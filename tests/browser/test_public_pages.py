import pytest

from .conftest import assert_accessible, axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_public_pages_are_accessible_on_a_phone(
    phone,
    live_server,
    site_settings,
    standard_page,
    locality_page,
    get_help_now_page,
    urdu_home_page,
):
    for path, heading in [
        ("/", "Get early help for your family"),
        ("/what-is-early-help/", "What is early help?"),
        ("/oldbury/", "Early help in Oldbury"),
        ("/get-help-now/", "Get help now"),
        ("/ur/", "اپنے خاندان کے لیے جلد مدد حاصل کریں"),
    ]:
        phone.goto(live_server.url + path)
        assert phone.locator("h1").inner_text() == heading
        assert phone.locator("a.govuk-exit-this-page__button[href='/exit/']").is_visible()
        assert_accessible(phone)
    assert phone.csp_errors == []


def test_urdu_reads_right_to_left(phone, live_server, urdu_home_page):
    phone.goto(live_server.url + "/ur/")
    html = phone.locator("html")
    assert html.get_attribute("lang") == "ur"
    assert html.get_attribute("dir") == "rtl"
    # The heading starts at the right-hand edge of the screen.
    box = phone.locator("h1").bounding_box()
    assert phone.evaluate("getComputedStyle(document.querySelector('h1')).direction") == "rtl"
    assert box["x"] + box["width"] > 300


def test_the_language_switcher_moves_between_translations(phone, live_server, urdu_home_page):
    phone.goto(live_server.url + "/")
    phone.get_by_role("link", name="اردو").click()
    phone.wait_for_url(live_server.url + "/ur/")
    phone.get_by_role("link", name="English").click()
    phone.wait_for_url(live_server.url + "/")


def test_skip_link_moves_keyboard_focus_to_the_content(phone, live_server, home_page):
    phone.goto(live_server.url + "/")
    phone.keyboard.press("Tab")
    skip = phone.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == "main-content"


def test_the_accessibility_check_does_catch_a_violation(phone):
    # Guards the guard: an image with no text alternative must be reported.
    phone.set_content(
        "<!doctype html><html lang='en'><title>t</title><main><img src='x.png'></main></html>"
    )
    assert "image-alt" in {violation["id"] for violation in axe_violations(phone)}
