"""Each council's public side: its own name, colour and numbers on its own site; a family
on one council's site who lives in another's area is told who will help and reaches them."""

import re

import pytest
from django.test import Client

from early_help.models import HelpRequest, MashDutySettings
from tests.regions import DUDLEY_HOST, dudley, dudley_site, sandwell

from .journey import PARENT_STEPS, URL, step_url, walk

pytestmark = pytest.mark.django_db

TOLD = "Dudley Council's early help team will help you, because you live in their area."
HALESOWEN = {**PARENT_STEPS[1][1], "postcode": "b63 3ab"}


@pytest.fixture
def region(request_help_page, site_settings, locality):
    site, _dudley_page = dudley_site()
    for each in (site_settings.site, site):
        MashDutySettings.for_site(each)  # made before any page cache test counts
    return sandwell(site_settings.site), dudley(site)


def test_each_site_names_its_own_council_in_the_header(client, region):
    sandwell_home = client.get("/").content.decode()
    dudley_home = client.get("/", HTTP_HOST=DUDLEY_HOST).content.decode()
    assert "Sandwell early help" in sandwell_home
    assert "Dudley early help" in dudley_home
    assert "Sandwell" not in dudley_home


def test_each_site_links_its_councils_colour_as_a_stylesheet_the_policy_allows(client, region):
    html = client.get("/", HTTP_HOST=DUDLEY_HOST).content.decode()
    href = re.search(r'<link rel="stylesheet" href="(/council\.css[^"]*)"', html).group(1)
    assert href == "/council.css?c=00594f"
    css = client.get(href, HTTP_HOST=DUDLEY_HOST)
    assert css["Content-Type"].startswith("text/css")
    assert css.content.decode() == ":root{--fv-brand:#00594f}\n"
    assert client.get("/council.css").content.decode() == ":root{--fv-brand:#54319f}\n"
    # No inline style anywhere: the strict policy stays.
    assert "style-src 'self'" in client.get("/")["Content-Security-Policy"]
    assert "style=" not in html


def test_a_colour_that_is_not_a_colour_never_reaches_the_stylesheet(client, region):
    _sandwell, dudley_council = region
    dudley_council.brand_colour = "red}*{x"  # seven characters, as the field holds
    dudley_council.save()
    assert client.get("/council.css", HTTP_HOST=DUDLEY_HOST).content == b""


def test_the_page_cache_keeps_each_councils_pages_apart(client, region):
    first = client.get("/")
    again = Client().get("/")
    assert (first["X-Page-Cache"], again["X-Page-Cache"]) == ("miss", "hit")
    dudley_first = Client().get("/", HTTP_HOST=DUDLEY_HOST)
    assert dudley_first["X-Page-Cache"] == "miss"
    assert "Dudley early help" in dudley_first.content.decode()
    dudley_again = Client().get("/", HTTP_HOST=DUDLEY_HOST)
    assert dudley_again["X-Page-Cache"] == "hit"
    assert "Dudley early help" in dudley_again.content.decode()
    assert "Sandwell early help" in Client().get("/").content.decode()


def test_a_councils_new_name_reaches_its_cached_pages_at_once(client, region):
    client.get("/", HTTP_HOST=DUDLEY_HOST)
    _sandwell, dudley_council = region
    dudley_council.short_name = "Dudley borough"
    dudley_council.save()
    html = Client().get("/", HTTP_HOST=DUDLEY_HOST).content.decode()
    assert "Dudley borough early help" in html


def test_a_dudley_postcode_on_sandwells_site_reaches_dudleys_queue_and_says_so(client, region):
    _sandwell, dudley_council = region
    walk(client, until="about-you")
    response = client.post(step_url("about-you"), HALESOWEN)
    assert response["Location"] == step_url("contact")
    assert TOLD in client.get(step_url("contact")).content.decode()
    walk(client, steps=PARENT_STEPS[2:])
    assert TOLD in client.get(URL + "check-your-answers/").content.decode()
    client.post(URL + "check-your-answers/", {"website": ""})
    help_request = HelpRequest.objects.get()
    assert help_request.council == dudley_council
    assert help_request.locality.slug == "halesowen"
    sent = client.get(URL + "sent/").content.decode()
    assert TOLD in sent
    assert "Halesowen Early Help Team" in sent


def test_a_family_in_the_sites_own_area_is_not_told_about_another_council(client, region):
    sandwell_council, _dudley = region
    walk(client)
    assert "will help you, because you live in their area" not in (
        client.get(URL + "check-your-answers/").content.decode()
    )
    client.post(URL + "check-your-answers/", {"website": ""})
    assert HelpRequest.objects.get().council == sandwell_council


def test_an_unlisted_sector_of_dudley_asks_for_a_dudley_town(client, region):
    walk(client, until="about-you")
    response = client.post(step_url("about-you"), {**HALESOWEN, "postcode": "DY1 9ZZ"})
    assert response["Location"] == step_url("nearest-town")
    html = client.get(step_url("nearest-town")).content.decode()
    assert 'value="halesowen"' in html
    assert 'value="oldbury"' not in html
    assert TOLD in html


def test_the_journey_on_dudleys_own_site_belongs_to_dudley(region):
    _sandwell, dudley_council = region
    client = Client(HTTP_HOST=DUDLEY_HOST)
    walk(client, steps=[PARENT_STEPS[0], ("about-you", HALESOWEN), *PARENT_STEPS[2:]])
    html = client.get(URL + "check-your-answers/").content.decode()
    assert "will help you, because you live in their area" not in html
    response = client.post(URL + "check-your-answers/", {"website": ""})
    assert response["Location"] == URL + "sent/"
    assert HelpRequest.objects.get().council == dudley_council


def test_the_helping_councils_consent_wording_is_what_the_family_reads(client, region):
    _sandwell, dudley_council = region
    dudley_council.consent_wording = "Dudley shares what you tell us with your school."
    dudley_council.consent_wording_version = "DY-1"
    dudley_council.save()
    walk(
        client,
        steps=[PARENT_STEPS[0], ("about-you", HALESOWEN), *PARENT_STEPS[2:]],
        until="sharing",
    )
    html = client.get(step_url("sharing")).content.decode()
    assert "Dudley shares what you tell us with your school." in html
    walk(client, steps=PARENT_STEPS[5:])
    client.post(URL + "check-your-answers/", {"website": ""})
    assert HelpRequest.objects.get().consent.wording_version == "DY-1"


def test_a_postcode_outside_the_region_names_the_sites_own_area(region):
    client = Client(HTTP_HOST=DUDLEY_HOST)
    walk(client, until="about-you")
    client.post(step_url("about-you"), {**HALESOWEN, "postcode": "SW1A 1AA"})
    html = client.get(URL + "outside-our-area/").content.decode()
    assert "Your postcode is outside Dudley" in html
    assert "SW1A 1AA is not in Dudley" in html


def test_an_urgent_request_for_dudley_shows_dudleys_numbers_on_sandwells_site(client, region):
    import datetime
    from zoneinfo import ZoneInfo

    import time_machine

    tuesday_morning = datetime.datetime(2026, 12, 1, 11, 0, tzinfo=ZoneInfo("Europe/London"))
    urgent = {
        "needs": ["domestic_abuse"],
        "safe_now": "no",
        "description": "Not safe.",
        "help_wanted": "Help.",
    }
    with time_machine.travel(tuesday_morning, tick=False):
        steps = [PARENT_STEPS[0], ("about-you", HALESOWEN), *PARENT_STEPS[2:4]]
        walk(client, steps=[*steps, ("whats-happening", urgent), PARENT_STEPS[5]])
        client.post(URL + "check-your-answers/", {"website": ""})
        sent = client.get(URL + "sent/").content.decode()
    assert HelpRequest.objects.get().safeguarding_flag
    what_to_do_now = re.search(r'id="help-now-heading".*?</div>', sent, re.S).group()
    assert "01632 960000" in what_to_do_now  # Dudley's MASH, not Sandwell's 0121 496 0999
    assert "0121 496 0999" not in what_to_do_now
