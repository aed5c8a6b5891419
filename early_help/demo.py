"""Invented demo data for `make run` and the browser tests: two councils of a region,
their towns, teams and staff.

The postcode sectors are a best reading of which sectors each town's team serves (Sandwell's
six towns; Dudley's Dudley, Sedgley, Brierley Hill, Kingswinford, Stourbridge and
Halesowen); each council confirms them before go-live. Phone numbers are from Ofcom's drama
ranges (0121 496 0xxx, 01632 960xxx, 07700 900xxx). Nobody here is real.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from .asking_for_help.services import draft_start, help_request_submit
from .councils.models import Council, CouncilMembership
from .feedback.models import FeedbackLink, WorkerRole
from .help_requests.models import HelpRequest
from .localities.models import Locality, NeighbouringCouncil, PostcodeSector
from .mash_duty.selectors import mash_duty_settings
from .shared.models import UrgentPhrase
from .staff_access.models import LocalityMembership
from .staff_access.roles import StaffRole, roles_sync
from .staff_queue.models import LeadAgency

DEMO_PASSWORD = "family-voice-demo"  # noqa: S105 - printed by `make run`, refused in production

LEAD_AGENCIES = [
    "Locality early help team",
    "School",
    "Health visiting",
    "School nursing",
    "Police",
    "Housing",
    "Voluntary sector partner",
    "Youth service",
    "Children's centre",
]


@dataclass(frozen=True)
class DemoCouncil:
    slug: str
    name: str
    short_name: str
    contact_phone: str
    brand_colour: str
    sms_sender: str
    # The council's own public site; None is the default site (http://127.0.0.1:8000).
    hostname: str | None = None


SANDWELL = "sandwell"
DUDLEY = "dudley"
DEMO_SITE_PORT = 8000
COUNCILS = [
    DemoCouncil(SANDWELL, "Sandwell Council", "Sandwell", "0121 496 0100", "#54319f", ""),
    DemoCouncil(
        DUDLEY,
        "Dudley Council",
        "Dudley",
        "01632 960100",
        "#00594f",
        "+447700900020",
        hostname="dudley.localhost",
    ),
]

LOCALITIES = [
    # name, slug, phone, sectors (Sandwell's towns)
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
DUDLEY_LOCALITIES = [
    (
        "Dudley",
        "dudley",
        "01632 960110",
        ["DY1 1", "DY1 2", "DY1 3", "DY1 4", "DY2 0", "DY2 7", "DY2 8", "DY2 9"],
    ),
    ("Sedgley", "sedgley", "01632 960120", ["DY3 1", "DY3 2", "DY3 3", "DY3 4"]),
    ("Brierley Hill", "brierley-hill", "01632 960130", ["DY5 1", "DY5 2", "DY5 3", "DY5 4"]),
    ("Kingswinford", "kingswinford", "01632 960140", ["DY6 0", "DY6 7", "DY6 8", "DY6 9"]),
    (
        "Stourbridge",
        "stourbridge",
        "01632 960150",
        ["DY8 1", "DY8 2", "DY8 3", "DY8 4", "DY8 5", "DY9 0", "DY9 7", "DY9 8", "DY9 9"],
    ),
    (
        "Halesowen",
        "halesowen",
        "01632 960160",
        ["B62 0", "B62 8", "B62 9", "B63 1", "B63 2", "B63 3", "B63 4"],
    ),
]
TOWNS_OF = {SANDWELL: LOCALITIES, DUDLEY: DUDLEY_LOCALITIES}


@dataclass(frozen=True)
class DemoStaff:
    email: str
    first_name: str
    last_name: str
    role: StaffRole
    locality_slug: str | None = None
    council_slug: str = SANDWELL


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
    DemoStaff("comms.approver@example.org", "Nadia", "Rahman", StaffRole.COMMS_APPROVER),
    DemoStaff("locality.data@example.org", "Owen", "Davies", StaffRole.LOCALITY_DATA_EDITOR),
    DemoStaff("admin@example.org", "Priya", "Patel", StaffRole.ADMINISTRATOR),
    DemoStaff("region.manager@example.org", "Ruth", "Adeyemi", StaffRole.REGION_MANAGER),
    DemoStaff(
        "worker.dudley@example.org",
        "Megan",
        "Hughes",
        StaffRole.LOCALITY_WORKER,
        "dudley",
        DUDLEY,
    ),
    DemoStaff(
        "manager.dudley@example.org",
        "Sanjay",
        "Mistry",
        StaffRole.LOCALITY_MANAGER,
        "dudley",
        DUDLEY,
    ),
    DemoStaff(
        "worker.stourbridge@example.org",
        "Ewa",
        "Zielinska",
        StaffRole.LOCALITY_WORKER,
        "stourbridge",
        DUDLEY,
    ),
    DemoStaff("mash.dudley@example.org", "Farah", "Iqbal", StaffRole.MASH_DUTY, None, DUDLEY),
]


def _ensure_allowed() -> None:
    if not getattr(settings, "FAMILY_VOICE_DEMO_DATA_ALLOWED", False):
        raise ImproperlyConfigured(
            "Demo data is refused here: FAMILY_VOICE_DEMO_DATA_ALLOWED is off (production)."
        )


def demo_data_check() -> None:
    """Raise ImproperlyConfigured where demo data is refused (production)."""
    _ensure_allowed()


@transaction.atomic
def councils_seed(sites: dict[str, object]) -> dict[str, Council]:
    """Create or update the demo's councils, each on its site (`sites`: council slug ->
    Wagtail Site). A council the councils migration made from an older demo's default
    site becomes Sandwell. Safe to run again."""
    _ensure_allowed()
    councils = {}
    for order, demo in enumerate(COUNCILS):
        site = sites[demo.slug]
        council = (
            Council.objects.filter(slug=demo.slug).first()
            or Council.objects.filter(site=site).first()
            or Council(slug=demo.slug)
        )
        council.slug = demo.slug
        council.name = demo.name
        council.short_name = demo.short_name
        council.site = site
        council.contact_phone = demo.contact_phone
        council.brand_colour = demo.brand_colour
        council.sms_sender = demo.sms_sender
        council.sort_order = order
        council.save()
        councils[demo.slug] = council
    return councils


@transaction.atomic
def localities_seed(council: Council | None = None) -> list[Locality]:
    """Create or update a council's six towns and their postcode sectors (Sandwell's
    without a council). Safe to run again."""
    _ensure_allowed()
    localities = []
    towns = TOWNS_OF[council.slug] if council is not None else LOCALITIES
    for order, (name, slug, phone, sectors) in enumerate(towns):
        locality, _created = Locality.objects.update_or_create(
            slug=slug,
            defaults={
                "council": council,
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
    roles_sync()
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
        # The role alone must be enough to do the job: no extra Wagtail groups.
        user.groups.add(Group.objects.get(name=person.role.value))
        if person.locality_slug:
            LocalityMembership.objects.get_or_create(
                user=user, locality=Locality.objects.get(slug=person.locality_slug)
            )
        council = Council.objects.filter(slug=person.council_slug).first()
        if council is not None:
            CouncilMembership.objects.get_or_create(user=user, council=council)
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


@transaction.atomic
def lead_agencies_seed() -> None:
    _ensure_allowed()
    for order, name in enumerate(LEAD_AGENCIES):
        LeadAgency.objects.update_or_create(name=name, defaults={"sort_order": order})


DEMO_FAMILIES = [
    # first, last, phone, postcode, needs, description, safe_now
    (
        "Aisha",
        "Begum",
        "+447700900101",
        "B69 4AB",
        ["money_work", "housing"],
        "Behind on rent since my hours were cut.",
        "",
    ),
    (
        "Marek",
        "Kowalski",
        "+447700900102",
        "B70 7PX",
        ["education"],
        "My son has stopped going to school.",
        "",
    ),
    (
        "Sharon",
        "Hill",
        "+447700900103",
        "B66 2QT",
        ["family_relationships", "health"],
        "Arguments at home every night. I'm exhausted.",
        "",
    ),
    (
        "Gurpreet",
        "Kaur",
        "+447700900104",
        "DY4 7LQ",
        ["early_years"],
        "My toddler isn't talking yet and I'm worried.",
        "",
    ),
    (
        "Leanne",
        "Price",
        "+447700900105",
        "WS10 0DL",
        ["domestic_abuse"],
        "My ex keeps turning up at the house.",
        "no",
    ),
    (
        "Ioana",
        "Popescu",
        "+447700900106",
        "B65 0NA",
        ["health", "money_work"],
        "I need help with my daughter's anxiety.",
        "",
    ),
    (
        "Daniel",
        "Green",
        "+447700900107",
        "B68 8JU",
        ["crime"],
        "My eldest is hanging around with older lads.",
        "",
    ),
    (
        "Rukhsana",
        "Ali",
        "+447700900108",
        "B71 3HE",
        ["substance_use", "family_relationships"],
        "My partner drinks too much.",
        "",
    ),
]


DUDLEY_FAMILIES = [
    (
        "Chloe",
        "Bennett",
        "+447700900111",
        "DY1 4AA",
        ["education"],
        "My daughter is being picked on and won't go to school.",
        "",
    ),
    (
        "Tomasz",
        "Wisniewski",
        "+447700900112",
        "DY8 1AB",
        ["money_work"],
        "We can't pay for the gas since my partner lost his job.",
        "",
    ),
    (
        "Nasreen",
        "Akhtar",
        "+447700900113",
        "B63 3AB",
        ["early_years", "health"],
        "My baby won't settle and I'm not coping.",
        "",
    ),
    (
        "Kelly",
        "Morris",
        "+447700900114",
        "DY5 3AA",
        ["family_relationships"],
        "My teenage son and I argue all the time.",
        "",
    ),
    (
        "Jordan",
        "Evans",
        "+447700900115",
        "DY3 1AA",
        ["housing"],
        "We have been told to leave our flat.",
        "",
    ),
]
FAMILIES_OF = {SANDWELL: DEMO_FAMILIES, DUDLEY: DUDLEY_FAMILIES}


def demo_answers(
    *, first: str, last: str, phone: str, postcode: str, needs: list, description: str, safe_now=""
) -> dict:
    """A finished journey's answers for an invented parent."""
    locality = PostcodeSector.objects.get(sector=postcode[:-2].strip()).locality
    return {
        "safety": {"seen": True},
        "who": {"requester_type": "parent_carer"},
        "about-you": {
            "first_name": first,
            "last_name": last,
            "phone": phone,
            "email": "",
            "postcode": postcode,
        },
        "_route": {
            "kind": "locality",
            "locality": locality.slug,
            "council": None,
            "member_council": locality.council_id,
        },
        "safe-contact": {
            "may_text": "yes",
            "may_leave_voicemail": "no",
            "safe_times": ["morning"],
            "safe_times_note": "",
            "may_post_letters": "no",
        },
        "language": {"language": "en", "other_language": "", "interpreter": "no", "bsl": "no"},
        "children": [
            {
                "first_name": "Alex",
                "birth": "age",
                "age": 9,
                "date_of_birth": None,
                "due_date": None,
                "school": "",
                "send": "no",
            }
        ],
        "whats-happening": {"needs": needs, "safe_now": safe_now, "description": description},
        "help-wanted": {"help_wanted": "Someone to talk to about what would help."},
        "other-agencies": {"involved": "no", "who": ""},
        "consent": {"consent": "yes"},
    }


def help_requests_seed(council: Council | None = None) -> int:
    """Submit a few invented requests to a council (Sandwell's families without one)
    through the real journey service, once."""
    _ensure_allowed()
    made = HelpRequest.objects.filter(council=council) if council else HelpRequest.objects
    if made.exists():
        return 0
    families = FAMILIES_OF[council.slug] if council is not None else DEMO_FAMILIES
    for first, last, phone, postcode, needs, description, safe_now in families:
        draft = draft_start()
        draft.answers = demo_answers(
            first=first,
            last=last,
            phone=phone,
            postcode=postcode,
            needs=needs,
            description=description,
            safe_now=safe_now,
        )
        draft.save()
        help_request_submit(draft=draft, council=council)
    return len(families)


def feedback_links_seed() -> None:
    """A personal feedback link for each demo locality worker."""
    _ensure_allowed()
    for person in DEMO_STAFF:
        if person.role != StaffRole.LOCALITY_WORKER:
            continue
        user = get_user_model().objects.get(username=person.email)
        FeedbackLink.objects.get_or_create(
            worker=user,
            defaults={
                "worker_name": f"{person.first_name} {person.last_name}",
                "worker_role": WorkerRole.EARLY_HELP_WORKER,
                "team": Locality.objects.get(slug=person.locality_slug),
            },
        )


def mash_duty_seed(site=None, alert_email: str = "mash.duty@example.org") -> None:
    """Alerts for urgent requests go to the site's demo duty inbox (printed by the console
    email backend in `make run`)."""
    _ensure_allowed()
    duty = mash_duty_settings(site)
    if not duty.alert_email:
        duty.alert_email = alert_email
        duty.save()


def sms_templates_translate_seed() -> int:
    """The texts in every family language, copied from English as Wagtail's translate
    action does and worded by a (machine-assisted) translator. Returns how many it made."""
    from wagtail.models import Locale

    from .texts.demo_translations import TRANSLATED_TEMPLATES
    from .texts.models import SmsTemplate

    _ensure_allowed()
    made = 0
    english = Locale.objects.get(language_code="en")
    for code, bodies in TRANSLATED_TEMPLATES.items():
        locale, _created = Locale.objects.get_or_create(language_code=code)
        for template in SmsTemplate.objects.filter(locale=english, key__in=bodies):
            if template.has_translation(locale):
                continue
            translated = template.copy_for_translation(locale)
            translated.body = bodies[template.key]
            translated.full_clean()
            translated.save()
            made += 1
    return made
