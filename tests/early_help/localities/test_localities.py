import pytest
from django.core.exceptions import ValidationError

from early_help.models import PostcodeSector
from tests.factories import LocalityFactory

pytestmark = pytest.mark.django_db


def test_a_sector_typed_loosely_is_stored_in_royal_mail_form():
    sector = PostcodeSector(locality=LocalityFactory(), sector="b694")
    sector.full_clean()
    sector.save()
    assert PostcodeSector.objects.get().sector == "B69 4"


def test_a_sector_that_is_not_a_sector_gets_a_clear_message():
    sector = PostcodeSector(locality=LocalityFactory(), sector="Oldbury")
    with pytest.raises(ValidationError) as error:
        sector.full_clean()
    assert "like B69 4" in str(error.value)


def test_one_sector_belongs_to_one_town():
    PostcodeSector.objects.create(locality=LocalityFactory(), sector="B69 4")
    duplicate = PostcodeSector(locality=LocalityFactory(), sector="b69 4")
    with pytest.raises(ValidationError):
        duplicate.full_clean()
