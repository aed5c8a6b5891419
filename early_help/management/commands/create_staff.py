"""Provision a member of staff: a user in a role group, in their towns, with a verified email.

No password is set: they choose one through "Forgotten your password?" on the sign-in
page, then set up their authenticator app on first sign-in.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from early_help.models import Council, CouncilMembership, Locality, LocalityMembership
from early_help.staff_access.email_addresses import staff_email_verify
from early_help.staff_access.roles import StaffRole, roles_sync


class Command(BaseCommand):
    help = "Create a member of staff in a role (and towns). They set their own password."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--first-name", required=True)
        parser.add_argument("--last-name", required=True)
        parser.add_argument("--role", required=True, choices=[role.value for role in StaffRole])
        parser.add_argument(
            "--locality", action="append", default=[], help="Town slug; repeat for several."
        )
        parser.add_argument(
            "--council",
            action="append",
            default=[],
            help="Council slug; repeat for several. Town staff also join their towns' council.",
        )

    @transaction.atomic
    def handle(self, *args, email, first_name, last_name, role, locality, council, **options):
        roles_sync()
        user_model = get_user_model()
        if user_model.objects.filter(email__iexact=email).exists():
            raise CommandError(f"{email} already has an account.")
        towns = list(Locality.objects.filter(slug__in=locality))
        if len(towns) != len(set(locality)):
            raise CommandError("Unknown town. Use the slugs shown under Localities in Wagtail.")
        councils = list(Council.objects.filter(slug__in=council))
        if len(councils) != len(set(council)):
            raise CommandError("Unknown council. Use the slugs shown under Settings → Councils.")
        user = user_model(username=email, email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.is_superuser = user.is_staff = role == StaffRole.ADMINISTRATOR
        user.save()
        staff_email_verify(user=user)  # the administrator running this vouches for it
        user.groups.add(Group.objects.get(name=role))
        for town in towns:
            LocalityMembership.objects.create(user=user, locality=town)
        theirs = {each.pk for each in councils} | {town.council_id for town in towns} - {None}
        for council_id in sorted(theirs):
            CouncilMembership.objects.create(user=user, council_id=council_id)
        self.stdout.write(
            f"Created {email} ({role}). Ask them to choose a password with 'Forgotten your password?' "
            "at /accounts/password/reset/, then set up their authenticator app."
        )
