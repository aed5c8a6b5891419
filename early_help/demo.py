"""Invented demo data for `make run` and the browser tests: towns, teams and staff.

The postcode sectors are a best reading of which Sandwell sectors each town's team serves;
the council confirms them before go-live. Phone numbers are from Ofcom's drama ranges.
Nobody here is real.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from .models import Locality, LocalityMembership, NeighbouringCouncil, PostcodeSector, UrgentPhrase
from .roles import StaffRole

DEMO_PASSWORD = "family-voice-demo"  # noqa: S105 - printed by `make run`, refused in production

LOCALITIES = [
    # name, slug, phone, sectors
    (
        "Oldbury",
        "oldbury",
        "0121 496 0110",
        ["B68 0", "B68 8", "B68 9", "B69 1", "B69 2", "B69 3", "B69 4"],
    ),
    (
        "West Bromwich",
        "west-bromwich",
        "0121 496 0120",
        ["B70 0", "B70 6", "B70 7", "B70 8", "B70 9", "B71 1", "B71 2", "B71 3", "B71 4"],
    ),
    (
        "Smethwick",
        "smethwick",
        "0121 496 0130",
        ["B66 1", "B66 2", "B66 3", "B66 4", "B67 5", "B67 6", "B67 7"],
    ),
    (
        "Rowley Regis",
        "rowley-regis",
        "0121 496 0140",
        ["B64 5", "B64 6", "B64 7", "B65 0", "B65 8", "B65 9"],
    ),
    ("Tipton", "tipton", "0121 496 0150", ["DY4 0", "DY4 7", "DY4 8", "DY4 9"]),
    ("Wednesbury", "wednesbury", "0121 496 0160", ["WS10 0", "WS10 7", "WS10 9"]),
]


@dataclass(frozen=True)
class DemoStaff:
    email: str
    first_name: str
    last_name: str
    role: StaffRole
    locality_slug: str | None = None


DEMO_STAFF = [
    DemoStaff(
        "worker.oldbury@example.org", "Amrit", "Sandhu", StaffRole.LOCALITY_WORKER, "oldbury"
    ),
    DemoStaff("worker.tipton@example.org", "Kasia", "Nowak", StaffRole.LOCALITY_WORKER, "tipton"),
    DemoStaff(
        "manager.oldbury@example.org", "Grace", "Okafor", StaffRole.LOCALITY_MANAGER, "oldbury"
    ),
    DemoStaff("mash.duty@example.org", "Imran", "Hussain", StaffRole.MASH_DUTY),
    DemoStaff("service.manager@example.org", "Helen", "Price", StaffRole.SERVICE_MANAGER),
    DemoStaff("comms.editor@example.org", "Tom", "Bailey", StaffRole.COMMS_EDITOR),
    DemoStaff("admin@example.org", "Priya", "Patel", StaffRole.ADMINISTRATOR),
]

# Every staff role reaches the Wagtail admin; what they see there is scoped elsewhere.
ROLE_PERMISSIONS = {role: ["wagtailadmin.access_admin"] for role in StaffRole}


def _ensure_allowed() -> None:
    if not getattr(settings, "FAMILY_VOICE_DEMO_DATA_ALLOWED", False):
        raise ImproperlyConfigured(
            "Demo data is refused here: FAMILY_VOICE_DEMO_DATA_ALLOWED is off (production)."
        )


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def localities_seed() -> list[Locality]:
    """Create or update the six towns and their postcode sectors. Safe to run again."""
    _ensure_allowed()
    localities = []
    for order, (name, slug, phone, sectors) in enumerate(LOCALITIES):
        locality, _created = Locality.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "team_name": f"{name} Early Help Team",
                "phone": phone,
                "email": f"earlyhelp.{slug}@example.org",
                "address": f"{name} Family Hub\n1 High Street\n{name}",
                "opening_hours": "Monday to Friday, 9am to 5pm",
                "sort_order": order,
            },
        )
        for sector in sectors:
            PostcodeSector.objects.update_or_create(sector=sector, defaults={"locality": locality})
        localities.append(locality)
    return localities


@transaction.atomic
def staff_seed() -> list[DemoStaff]:
    """Create the role groups and one demo user per role, with verified emails."""
    from allauth.account.models import EmailAddress

    _ensure_allowed()
    user_model = get_user_model()
    for role, permissions in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role.value)
        group.permissions.add(*[_permission(p) for p in permissions])
    editors = Group.objects.filter(name="Editors").first()
    for person in DEMO_STAFF:
        user, created = user_model.objects.get_or_create(
            username=person.email,
            defaults={
                "email": person.email,
                "first_name": person.first_name,
                "last_name": person.last_name,
                "is_staff": person.role == StaffRole.ADMINISTRATOR,
                "is_superuser": person.role == StaffRole.ADMINISTRATOR,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=person.role.value))
        if person.role == StaffRole.COMMS_EDITOR and editors is not None:
            user.groups.add(editors)
        if person.locality_slug:
            LocalityMembership.objects.get_or_create(
                user=user, locality=Locality.objects.get(slug=person.locality_slug)
            )
        EmailAddress.objects.update_or_create(
            user=user, email=person.email, defaults={"verified": True, "primary": True}
        )
    return DEMO_STAFF


@transaction.atomic
def neighbouring_councils_seed(councils: list[tuple[str, str, str, str]]) -> None:
    """Create or update the councils next door, matched by name."""
    _ensure_allowed()
    for order, (name, website, phone, districts) in enumerate(councils):
        NeighbouringCouncil.objects.update_or_create(
            name=name,
            defaults={
                "website": website,
                "phone": phone,
                "postcode_districts": districts,
                "sort_order": order,
            },
        )


@transaction.atomic
def urgent_phrases_seed(phrases: list[str]) -> None:
    _ensure_allowed()
    for phrase in phrases:
        UrgentPhrase.objects.get_or_create(phrase=phrase)
