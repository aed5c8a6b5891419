"""Which council a site, and so a visitor, belongs to."""

import pytest
from django.test import RequestFactory

from early_help.councils.selectors import council_for_request, council_for_site
from tests.regions import DUDLEY_HOST, dudley, dudley_site, sandwell

pytestmark = pytest.mark.django_db


def test_the_council_is_found_by_the_host_the_visitor_asked_for(home_page):
    site, _page = dudley_site()
    dudley_council = dudley(site)
    sandwell_council = sandwell(home_page.get_site())
    factory = RequestFactory()
    assert council_for_request(factory.get("/", HTTP_HOST=DUDLEY_HOST)) == dudley_council
    assert council_for_request(factory.get("/", HTTP_HOST="127.0.0.1")) == sandwell_council
    assert council_for_site(None) is None


def test_a_changed_council_is_seen_at_once_although_councils_are_cached(home_page):
    site = home_page.get_site()
    assert council_for_site(site) is None
    council = sandwell(site)
    assert council_for_site(site) == council
    council.short_name = "West Midlands"
    council.save()
    assert council_for_site(site).short_name == "West Midlands"
