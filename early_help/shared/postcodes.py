"""UK postcode handling that forgives how people type.

People write "b69 4ab", "B694AB" or " B69  4AB ". We normalise to the Royal Mail form
("B69 4AB") and derive the sector ("B69 4"), which is what localities are matched on.
"""

import re

# Outward code: area letters, district digits, optional letter; inward: digit + 2 letters.
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")
_SECTOR = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9])$")


def normalise_postcode(raw: str) -> str | None:
    """Return the postcode as "OUT IN" in capitals, or None when it is not a UK postcode."""
    compact = re.sub(r"\s+", "", raw or "").upper()
    match = _POSTCODE.match(compact)
    if not match:
        return None
    return f"{match.group(1)} {match.group(2)}"


def postcode_sector(postcode: str) -> str | None:
    """Return the sector ("B69 4") of a postcode in any spacing, or None."""
    normalised = normalise_postcode(postcode)
    if normalised is None:
        return None
    outward, inward = normalised.split(" ")
    return f"{outward} {inward[0]}"


def postcode_district(postcode: str) -> str | None:
    """Return the outward code ("B69") of a postcode in any spacing, or None."""
    normalised = normalise_postcode(postcode)
    return normalised.split(" ")[0] if normalised else None


def normalise_sector(raw: str) -> str | None:
    """Return a sector typed by staff ("b694", "B69 4") as "B69 4", or None."""
    compact = re.sub(r"\s+", "", raw or "").upper()
    match = _SECTOR.match(compact)
    if not match:
        return None
    return f"{match.group(1)} {match.group(2)}"
