"""Factories for invented people and places. Phone numbers come from Ofcom's drama ranges."""

import factory
from django.contrib.auth import get_user_model

from early_help.models import Locality, PostcodeSector


class LocalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Locality
        django_get_or_create = ("slug",)

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
