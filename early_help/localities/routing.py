"""Which team a postcode belongs to. Reads only: sectors and neighbouring councils are
staff-edited data (Snippets in Wagtail)."""

import re
from dataclasses import dataclass
from enum import StrEnum

from ..shared.postcodes import postcode_district, postcode_sector
from .models import Locality, NeighbouringCouncil, PostcodeSector


class RouteKind(StrEnum):
    LOCALITY = "locality"  # a sector on our list: that town's team
    UNKNOWN = "unknown"  # looks like ours but is not on the list: ask the nearest town
    OUTSIDE = "outside"  # another council's area: tell them where to go


@dataclass(frozen=True)
class PostcodeRoute:
    kind: RouteKind
    locality: Locality | None = None
    council: NeighbouringCouncil | None = None


def route_postcode(postcode: str) -> PostcodeRoute:
    """Route a valid postcode (any spacing) to a locality, a neighbour, or "ask the family"."""
    sector = postcode_sector(postcode)
    district = postcode_district(postcode)
    if sector is None or district is None:
        return PostcodeRoute(kind=RouteKind.UNKNOWN)
    match = PostcodeSector.objects.select_related("locality").filter(sector=sector).first()
    if match is not None:
        return PostcodeRoute(kind=RouteKind.LOCALITY, locality=match.locality)
    our_districts = {
        s.split(" ")[0] for s in PostcodeSector.objects.values_list("sector", flat=True)
    }
    if district in our_districts:
        return PostcodeRoute(kind=RouteKind.UNKNOWN)
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
