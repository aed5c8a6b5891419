import pytest

from early_help.localities.routing import RouteKind, route_postcode
from early_help.models import NeighbouringCouncil
from tests.factories import LocalityFactory, PostcodeSectorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def towns():
    oldbury = LocalityFactory(name="Oldbury", slug="oldbury")
    tipton = LocalityFactory(name="Tipton", slug="tipton")
    PostcodeSectorFactory(locality=oldbury, sector="B69 4")
    PostcodeSectorFactory(locality=tipton, sector="DY4 7")
    NeighbouringCouncil.objects.create(
        name="Dudley Council",
        website="https://www.dudley.gov.uk/",
        postcode_districts="DY1, dy2, B62",
    )
    return oldbury, tipton


@pytest.mark.parametrize("typed", ["B69 4AB", "b694ab", "  b69  4ab "])
def test_a_postcode_in_a_towns_sector_goes_to_that_towns_team(towns, typed):
    route = route_postcode(typed)
    assert route.kind == RouteKind.LOCALITY
    assert route.locality == towns[0]


def test_staff_edits_to_sectors_change_the_routing_at_once(towns):
    oldbury, tipton = towns
    sector = oldbury.postcode_sectors.get()
    sector.locality = tipton
    sector.save()
    assert route_postcode("B69 4AB").locality == tipton


def test_a_neighbours_postcode_is_sent_to_that_council(towns):
    route = route_postcode("DY2 9XX")
    assert route.kind == RouteKind.OUTSIDE
    assert route.council.name == "Dudley Council"
    assert route_postcode("B62 8AA").council.name == "Dudley Council"


def test_a_postcode_far_away_is_outside_with_no_particular_council(towns):
    route = route_postcode("SW1A 1AA")
    assert route.kind == RouteKind.OUTSIDE
    assert route.council is None


@pytest.mark.parametrize("postcode", ["B69 9ZZ", "DY4 0AA", "B70 1AA"])
def test_a_postcode_that_might_be_ours_asks_which_town_is_nearest(towns, postcode):
    assert route_postcode(postcode).kind == RouteKind.UNKNOWN
