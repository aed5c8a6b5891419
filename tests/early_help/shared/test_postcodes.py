import pytest

from early_help.shared.postcodes import (
    normalise_postcode,
    normalise_sector,
    postcode_district,
    postcode_sector,
)


@pytest.mark.parametrize("typed", ["b69 4ab", "B694AB", "  B69   4AB ", "b 6 9 4 a b"])
def test_postcodes_are_forgiving_about_case_and_spaces(typed):
    assert normalise_postcode(typed) == "B69 4AB"
    assert postcode_sector(typed) == "B69 4"
    assert postcode_district(typed) == "B69"


@pytest.mark.parametrize("typed", ["", "hello", "12345", "B69", "B69 4A", "B69 4ABC", None])
def test_things_that_are_not_postcodes_are_refused(typed):
    assert normalise_postcode(typed) is None
    assert postcode_sector(typed) is None


@pytest.mark.parametrize(
    ("typed", "expected"), [("ws100", "WS10 0"), ("Dy4 7", "DY4 7"), ("B69 4", "B69 4")]
)
def test_staff_may_type_sectors_loosely(typed, expected):
    assert normalise_sector(typed) == expected


def test_a_whole_postcode_is_not_a_sector():
    assert normalise_sector("B69 4AB") is None
