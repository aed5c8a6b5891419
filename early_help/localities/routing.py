"""Which team a postcode belongs to. Reads only: sectors and neighbouring councils are
staff-edited data (Snippets in Wagtail).

The towns of every council of the region are routed alike: a family who gives a postcode
of another member council on one council's site goes to that council's town team (the
route names the council, so the family can be told who will help). Only a postcode
outside the region is signposted elsewhere.
"""

import re
from dataclasses import dataclass
from enum import StrEnum

from ..councils.models import Council
from ..shared.postcodes import postcode_district, postcode_sector
from .models import Locality, NeighbouringCouncil, PostcodeSector


class RouteKind(StrEnum):
    LOCALITY = "locality"  # a sector on the region's list: that town's team
    UNKNOWN = "unknown"  # looks like the region's but is not on the list: ask the nearest town
    OUTSIDE = "outside"  # outside the region: tell them where to go


@dataclass(frozen=True)
class PostcodeRoute:
    kind: RouteKind
    locality: Locality | None = None
    council: NeighbouringCouncil | None = None
    # The member council whose area the postcode is in, when we can tell.
    member_council: Council | None = None


def route_postcode(postcode: str) -> PostcodeRoute:
    """Route a valid postcode (any spacing) to a locality, a neighbour, or "ask the family"."""
    sector = postcode_sector(postcode)
    district = postcode_district(postcode)
    if sector is None or district is None:
        return PostcodeRoute(kind=RouteKind.UNKNOWN)
    match = PostcodeSector.objects.select_related("locality__council").filter(sector=sector).first()
    if match is not None:
        return PostcodeRoute(
            kind=RouteKind.LOCALITY,
            locality=match.locality,
            member_council=match.locality.council,
        )
    council_of_district = {}
    for known, council_id in PostcodeSector.objects.values_list(
        "sector", "locality__council"
    ).order_by("locality__council__sort_order", "sector"):
        council_of_district.setdefault(known.split(" ")[0], council_id)
    our_districts = set(council_of_district)
    if district in our_districts:
        return PostcodeRoute(
            kind=RouteKind.UNKNOWN,
            member_council=Council.objects.filter(pk=council_of_district[district]).first(),
        )
    for council in NeighbouringCouncil.objects.all():
        if district in council.districts:
            return PostcodeRoute(kind=RouteKind.OUTSIDE, council=council)
    # Same postcode area as ours (B, DY, WS) but not on any list: we cannot tell, so ask.
    if _area(district) in {_area(d) for d in our_districts}:
        return PostcodeRoute(kind=RouteKind.UNKNOWN)
    # Not ours, nor a neighbour's: the family lives elsewhere in the country.
    return PostcodeRoute(kind=RouteKind.OUTSIDE)


def _area(district: str) -> str:
    return re.match(r"[A-Z]+", district).group()


def neighbouring_council(pk: int | None) -> NeighbouringCouncil | None:
    return NeighbouringCouncil.objects.filter(pk=pk).first() if pk else None
