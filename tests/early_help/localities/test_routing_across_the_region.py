"""A postcode of another council of the region goes to that council's town team."""

import pytest

from early_help.localities.routing import RouteKind, route_postcode
from early_help.models import NeighbouringCouncil
from tests.regions import dudley, sandwell

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(locality):
    NeighbouringCouncil.objects.create(
        name="Walsall Council", website="https://go.walsall.gov.uk/", postcode_districts="WS1"
    )
    return sandwell(None), dudley()


def test_a_postcode_of_another_member_council_goes_to_that_councils_town(region):
    _sandwell, dudley_council = region
    route = route_postcode("b63 3ab")
    assert route.kind == RouteKind.LOCALITY
    assert route.locality.slug == "halesowen"
    assert route.member_council == dudley_council


def test_a_postcode_of_our_own_town_names_our_council(region):
    sandwell_council, _dudley = region
    route = route_postcode("B69 4AB")
    assert route.locality.slug == "oldbury"
    assert route.member_council == sandwell_council


def test_an_unlisted_sector_of_a_member_councils_district_asks_within_that_council(region):
    _sandwell, dudley_council = region
    route = route_postcode("DY1 9ZZ")
    assert route.kind == RouteKind.UNKNOWN
    assert route.member_council == dudley_council


def test_a_postcode_outside_the_region_is_still_signposted(region):
    route = route_postcode("WS1 1AA")
    assert route.kind == RouteKind.OUTSIDE
    assert route.council.name == "Walsall Council"
    assert route.member_council is None
    assert route_postcode("SW1A 1AA").kind == RouteKind.OUTSIDE
