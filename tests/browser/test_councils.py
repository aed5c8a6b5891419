"""Two councils of a region on one deployment, on a phone, with axe-core on every page:
each council's journey in English and Urdu on its own site, a Dudley family on Sandwell's
site reaching Dudley's team, and each council's acknowledgement text from its own sender.

Dudley's site is at dudley.localhost on the live server's port; Chromium is told to send
that name to 127.0.0.1 (only loopback), whatever the resolver says about *.localhost.
"""

import pytest
from wagtail.models import Locale

from early_help.models import HelpRequest, SmsTemplate, SmsTemplateKey
from early_help.texts import backends
from tests.regions import DUDLEY_HOST, DUDLEY_SENDER, dudley, dudley_site, sandwell

from .conftest import CHROMIUM, CHROMIUM_ARGS, PHONE, assert_accessible
from .test_request_help import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOLD = "Dudley Council's early help team will help you, because you live in their area."


@pytest.fixture(scope="module")
def region_browser(browser):
    # From the session's Playwright: a second sync Playwright cannot run beside it.
    region = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=[*CHROMIUM_ARGS, f"--host-resolver-rules=MAP {DUDLEY_HOST} 127.0.0.1"],
    )
    yield region
    region.close()


@pytest.fixture
def phone(region_browser):
    context = region_browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.csp_errors = csp_errors
    yield page
    context.close()


@pytest.fixture
def region(live_server, request_help_page, urdu_request_help_page, site_settings, locality):
    """Sandwell on the default site; Dudley on its own, in English and Urdu."""
    port = int(live_server.url.rsplit(":", 1)[1])
    site, dudley_page = dudley_site(port=port)
    urdu = Locale.objects.get(language_code="ur")
    home = site.root_page.specific
    urdu_home = home.copy_for_translation(urdu)
    urdu_home.title = "اپنے خاندان کے لیے جلد مدد حاصل کریں"
    urdu_home.save_revision().publish()
    urdu_page = dudley_page.specific.copy_for_translation(urdu)
    urdu_page.title = "ابتدائی مدد کے لیے کہیں"
    urdu_page.save_revision().publish()
    backends.outbox.clear()
    return {
        "sandwell": sandwell(site_settings.site),
        "dudley": dudley(site),
        "sandwell_url": live_server.url,
        "dudley_url": f"http://{DUDLEY_HOST}:{port}",
    }


def _whole_journey(journey: Journey, start: str, postcode: str) -> str:
    journey.start(start)
    journey.who("parent_carer")
    journey.about_you(postcode=postcode)
    journey.safe_contact()
    journey.language()
    journey.children()
    journey.whats_happening()
    journey.help_wanted()
    journey.other_agencies()
    journey.consent()
    return journey.send()


@pytest.mark.parametrize("language", ["en", "ur"])
@pytest.mark.parametrize(
    ("council", "postcode", "town"),
    [("sandwell", "B69 4AB", "oldbury"), ("dudley", "B63 3AB", "halesowen")],
)
def test_each_councils_journey_on_its_own_site(phone, region, council, postcode, town, language):
    base = region[f"{council}_url"]
    start = "/ask-for-help/" if language == "en" else "/ur/ask-for-help/"
    reference = _whole_journey(Journey(phone, base), start, postcode)

    help_request = HelpRequest.objects.get(reference=reference)
    assert help_request.council == region[council]
    assert help_request.locality.slug == town
    assert phone.locator("html").get_attribute("lang") == language
    header = phone.locator(".govuk-generic-header")
    colour = region[council].brand_colour.lstrip("#")
    red, green, blue = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == (
        f"rgb({red}, {green}, {blue})"
    )
    if language == "en":
        assert header.inner_text().endswith(f"{region[council].short_name} early help")
    assert "will help you, because you live in their area" not in phone.content()
    assert phone.csp_errors == []


def test_a_dudley_postcode_on_sandwells_site_reaches_dudleys_queue(phone, region):
    journey = Journey(phone, region["sandwell_url"])
    journey.start()
    journey.who("parent_carer")
    journey.about_you(postcode="b63 3ab")
    journey.at("contact")
    assert TOLD in phone.locator("main").inner_text()
    journey.safe_contact()
    journey.language()
    journey.children()
    journey.whats_happening()
    journey.help_wanted()
    journey.other_agencies()
    journey.consent()
    assert TOLD in phone.locator("main").inner_text()
    reference = journey.send()

    main = phone.locator("main").inner_text()
    assert TOLD in main
    assert "Halesowen Early Help Team" in main
    help_request = HelpRequest.objects.get(reference=reference)
    assert help_request.council == region["dudley"]
    assert help_request.locality.slug == "halesowen"
    # Still Sandwell's site: its header, and nothing of Dudley's brand.
    assert phone.locator(".govuk-generic-header").inner_text().endswith("Sandwell early help")
    assert_accessible(phone)


def test_each_councils_acknowledgement_comes_from_its_own_sender_in_its_own_words(
    phone, region, sms_templates, daytime
):
    SmsTemplate.objects.create(
        key=SmsTemplateKey.REQUEST_RECEIVED,
        council=region["dudley"],
        locale=Locale.objects.get(language_code="en"),
        body="Dudley has your request {reference}. Call {team_phone}.",
    )
    sandwell_reference = _whole_journey(
        Journey(phone, region["sandwell_url"], check_accessibility=False),
        "/ask-for-help/",
        "B69 4AB",
    )
    phone.context.clear_cookies()
    dudley_reference = _whole_journey(
        Journey(phone, region["dudley_url"], check_accessibility=False),
        "/ask-for-help/",
        "B63 3AB",
    )

    texts = {text.body: text for text in backends.outbox}
    to_dudley = texts[f"Dudley has your request {dudley_reference}. Call 01632 960160."]
    assert to_dudley.sender == DUDLEY_SENDER
    [to_sandwell] = [text for text in backends.outbox if sandwell_reference in text.body]
    assert to_sandwell.sender == ""  # the deployment's own sender
    assert "Dudley" not in to_sandwell.body
    assert "0121 496 0110" in to_sandwell.body
