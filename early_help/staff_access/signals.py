"""Staff accounts created in Wagtail's Users screen get a verified email address.

allauth stops anyone without one at "verification sent"; an administrator creating an
account vouches for the address.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save
from django.dispatch import receiver


@receiver(post_save, sender=get_user_model())
def staff_email_verify(sender, instance, created, **kwargs) -> None:
    from allauth.account.models import EmailAddress

    if (
        not instance.email
        or EmailAddress.objects.filter(user=instance, email__iexact=instance.email).exists()
    ):
        return
    EmailAddress.objects.filter(user=instance, primary=True).update(primary=False)
    EmailAddress.objects.create(user=instance, email=instance.email, verified=True, primary=True)
