"""Factories for invented people and places. Phone numbers come from Ofcom's drama ranges."""

import factory
from django.contrib.auth import get_user_model

from early_help.models import Council, Locality, PostcodeSector


class CouncilFactory(factory.django.DjangoModelFactory):
    """The deployment's first council unless told otherwise: most tests need just one."""

    class Meta:
        model = Council
        django_get_or_create = ("slug",)

    name = "Sandwell Council"
    short_name = "Sandwell"
    slug = "sandwell"
    contact_phone = "0121 496 0000"


class LocalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Locality
        django_get_or_create = ("slug",)

    council = factory.SubFactory(CouncilFactory)

    name = factory.Sequence(lambda n: f"Town {n}")
    slug = factory.Sequence(lambda n: f"town-{n}")
    team_name = factory.LazyAttribute(lambda o: f"{o.name} Early Help Team")
    phone = factory.Sequence(lambda n: f"0121 496 0{n % 1000:03d}")
    address = factory.LazyAttribute(lambda o: f"{o.name} Family Hub\n1 High Street")
    opening_hours = "Monday to Friday, 9am to 5pm"


class PostcodeSectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PostcodeSector

    locality = factory.SubFactory(LocalityFactory)
    sector = factory.Sequence(lambda n: f"B{60 + n // 10} {n % 10}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"staff{n}@example.org")
    email = factory.LazyAttribute(lambda o: o.username)
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Worker{n}")
    password = factory.django.Password("correct horse battery staple")


def complete_answers(young_person: bool = False, **overrides) -> dict:
    """A draft's answers as if someone had finished every step, ready to submit."""
    answers = {
        "safety": {"seen": True},
        "who": {"requester_type": "young_person" if young_person else "parent_carer"},
        "about-you": {
            "first_name": "Jo",
            "last_name": "" if young_person else "Bloggs",
            "phone": "+447700900123",
            "email": "",
            "postcode": "B69 4AB",
            **({"date_of_birth": "2011-05-04"} if young_person else {}),
        },
        "_route": {"kind": "locality", "locality": "oldbury", "council": None},
        "safe-contact": {
            "may_text": "yes",
            "may_leave_voicemail": "no",
            "safe_times": ["morning"],
            "safe_times_note": "",
            "may_post_letters": "no",
        },
        "language": {"language": "en", "other_language": "", "interpreter": "no", "bsl": "no"},
        "whats-happening": {
            "needs": ["housing"],
            "safe_now": "",
            "description": "We are struggling with rent.",
        },
        "help-wanted": {"help_wanted": "Someone to talk to."},
        "other-agencies": {"involved": "no", "who": ""},
        "consent": {"consent": "yes"},
    }
    if not young_person:
        answers["children"] = [
            {
                "first_name": "Sam",
                "birth": "date_of_birth",
                "date_of_birth": "2019-03-27",
                "age": None,
                "due_date": None,
                "school": "Langley Primary",
                "send": "no",
            },
        ]
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(answers.get(key), dict):
            answers[key] = {**answers[key], **value}
        else:
            answers[key] = value
    return answers


class DraftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "early_help.HelpRequestDraft"

    answers = factory.LazyFunction(complete_answers)
    phone_last_four = "0123"


def staff_member(role, *, locality=None, email=None, council=None, **fields):
    """A member of staff in a role group, optionally working in a town, belonging to
    `council`, else the town's council, else the deployment's first council."""
    from django.contrib.auth.models import Group

    from early_help.models import CouncilMembership, LocalityMembership
    from early_help.staff_access.email_addresses import staff_email_verify
    from early_help.staff_access.roles import roles_sync

    roles_sync()
    user = UserFactory(**({"username": email, "email": email} if email else {}), **fields)
    staff_email_verify(user=user)  # as an administrator creating the account would
    user.groups.add(Group.objects.get(name=role.value))
    if locality is not None:
        LocalityMembership.objects.get_or_create(user=user, locality=locality)
    if council is None:
        council = (locality.council if locality is not None else None) or CouncilFactory()
    CouncilMembership.objects.get_or_create(user=user, council=council)
    return user


def totp_enable(user) -> str:
    """Give the user an authenticator app; returns its secret."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str) -> str:
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def login_with_mfa(client, user) -> None:
    """Sign in as if the user had given their password and their authenticator code."""
    import time

    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )
    from allauth.mfa.models import Authenticator

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        totp_enable(user)
    client.force_login(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "email": user.email},
        {"method": "mfa", "at": time.time(), "type": "totp"},
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()


def family_request(n: int, town: str = "oldbury"):
    """A request from family number `n`: its own phone and child, so only its own
    requests link to each other."""
    from early_help.asking_for_help.services import help_request_submit

    child = {
        "first_name": f"Child{n}",
        "birth": "date_of_birth",
        "date_of_birth": "2019-03-27",
        "age": None,
        "due_date": None,
        "school": "",
        "send": "no",
    }
    return help_request_submit(
        draft=DraftFactory(
            answers=complete_answers(
                **{"about-you": {"phone": f"+4477009001{n:02d}"}},
                children=[child],
                _route={"kind": "locality", "locality": town, "council": None},
            )
        )
    )
