from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Site

from cms.models import HomePage, LocalityPage, SiteSettings
from early_help.models import (
    Blockage,
    Council,
    HelpRequest,
    HelpRequestStatus,
    Locality,
    LocalityMembership,
    NeighbouringCouncil,
    PostcodeSector,
    ReReferral,
    Stage,
    StatusSpell,
)
from early_help.staff_access.roles import StaffRole

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Page.objects.count(),
        Locality.objects.count(),
        PostcodeSector.objects.count(),
        get_user_model().objects.count(),
        LocalityMembership.objects.count(),
        HelpRequest.objects.count(),
    )


def test_seed_demo_builds_the_site_and_can_run_again_without_duplicating(client):
    call_command("seed_demo", stdout=StringIO())
    first = _counts()
    call_command("seed_demo", stdout=StringIO())
    assert _counts() == first

    assert sorted(
        Locality.objects.filter(council__slug="sandwell").values_list("name", flat=True)
    ) == ["Oldbury", "Rowley Regis", "Smethwick", "Tipton", "Wednesbury", "West Bromwich"]
    assert sorted(
        Locality.objects.filter(council__slug="dudley").values_list("name", flat=True)
    ) == ["Brierley Hill", "Dudley", "Halesowen", "Kingswinford", "Sedgley", "Stourbridge"]
    assert all(locality.postcode_sectors.exists() for locality in Locality.objects.all())
    # Six towns a council, each in six languages.
    assert LocalityPage.objects.live().filter(locale__language_code="en").count() == 12
    assert LocalityPage.objects.live().filter(alias_of__isnull=True).count() == 72
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(home, HomePage)
    assert {p.locale.language_code for p in home.get_translations(inclusive=True)} == {
        "en",
        "ur",
        "pl",
        "pa",
        "bn",
        "ro",
    }
    assert SiteSettings.for_site(home.get_site()).footer_links

    assert client.get("/").status_code == 200
    assert client.get("/ur/").status_code == 200
    assert client.get("/pl/").status_code == 200
    for code in ("pl", "ur", "pa", "bn", "ro"):
        for path in ("ask-for-help", "feedback", "get-help-now", "oldbury"):
            html = client.get(f"/{code}/{path}/").content.decode()
            assert f'<html lang="{code}"' in html, (code, path)
            assert "fv-language-note" not in html, (code, path)


def test_seed_demo_serves_a_second_council_on_its_own_site(client):
    call_command("seed_demo", stdout=StringIO())
    dudley = Council.objects.get(slug="dudley")
    assert dudley.site.hostname == "dudley.localhost"
    assert not NeighbouringCouncil.objects.filter(name="Dudley Council").exists()
    assert set(dudley.help_requests.values_list("locality__council__slug", flat=True)) == {"dudley"}
    # Every demo member of staff belongs to their council.
    users = get_user_model().objects.filter(email__endswith="@example.org")
    assert not users.filter(council_memberships__isnull=True).exists()
    assert users.get(email="mash.dudley@example.org").council_memberships.get().council == dudley

    html = client.get("/", HTTP_HOST="dudley.localhost:8000").content.decode()
    assert "Dudley early help" in html
    assert "Sandwell" not in html
    assert "Sandwell early help" in client.get("/").content.decode()
    for code in ("en", "ur"):
        prefix = "" if code == "en" else f"/{code}"
        for path in ("ask-for-help", "feedback", "get-help-now", "halesowen"):
            response = client.get(f"{prefix}/{path}/", HTTP_HOST="dudley.localhost:8000")
            assert response.status_code == 200, (code, path)
            assert "fv-language-note" not in response.content.decode(), (code, path)


def test_seed_demo_gives_every_staff_role_a_user_with_a_verified_email():
    from allauth.account.models import EmailAddress

    call_command("seed_demo", stdout=StringIO())
    for role in StaffRole:
        members = Group.objects.get(name=role.value).user_set.all()
        assert members.exists(), role
        for user in members:
            assert EmailAddress.objects.filter(user=user, verified=True, primary=True).exists()


def test_seed_demo_refuses_to_run_where_demo_data_is_not_allowed(settings):
    settings.FAMILY_VOICE_DEMO_DATA_ALLOWED = False
    with pytest.raises(ImproperlyConfigured):
        call_command("seed_demo", stdout=StringIO())
    assert not Locality.objects.exists()


def test_the_demo_gives_the_reports_months_of_history_in_every_town():
    call_command("seed_demo", stdout=StringIO())
    history = HelpRequest.objects.filter(submitted_at__lt=timezone.now() - timedelta(days=2))
    assert set(history.values_list("locality__slug", flat=True)) == set(
        Locality.objects.values_list("slug", flat=True)
    )
    assert history.filter(status=HelpRequestStatus.CLOSED).exists()
    ended = StatusSpell.objects.filter(ended_at__isnull=False, help_request__in=history)
    assert ended.filter(stage=Stage.SUBMITTED).count() >= 6
    assert all(spell.hours > 0 for spell in ended)
    tipton_waits = Blockage.objects.filter(help_request__locality__slug="tipton")
    assert set(tipton_waits.values_list("reason__name", flat=True)) == {
        "Waiting for a health visitor decision"
    }
    assert ReReferral.objects.exclude(reason="").exists()
