"""Staff email addresses that an administrator vouches for are verified.

allauth stops anyone without a verified address at "verification sent". An administrator
who creates a member of staff, or changes their address, in Wagtail's Users screens or with
`manage.py create_staff`, vouches for it. Nothing else does: staff who change their own
address in their account settings get no verified address, and allauth verifies it itself.
"""

from django.db import transaction


@transaction.atomic
def staff_email_verify(*, user) -> None:
    """Make the user's email their primary, verified address (other addresses stay,
    unprimary). Does nothing without an email, or when another account already holds
    the address verified (allauth keeps verified addresses unique)."""
    from allauth.account.models import EmailAddress

    if not user.email:
        return
    if (
        EmailAddress.objects.filter(email__iexact=user.email, verified=True)
        .exclude(user=user)
        .exists()
    ):
        return
    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    EmailAddress.objects.filter(user=user, primary=True).exclude(
        pk=getattr(address, "pk", None)
    ).update(primary=False)
    if address is None:
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    elif not (address.verified and address.primary):
        address.verified = address.primary = True
        address.save(update_fields=["verified", "primary"])
