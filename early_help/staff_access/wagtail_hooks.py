"""Staff accounts in Wagtail's Users screens: the addresses administrators set are verified."""

from wagtail import hooks

from .email_addresses import staff_email_verify

# The address as it was when an administrator opened the edit screen, so that saving
# someone's name does not verify an address they typed in their own account settings.
EMAIL_BEFORE_EDIT = "_family_voice_email_before_edit"


@hooks.register("after_create_user")
def verify_email_of_created_user(request, user):
    staff_email_verify(user=user)


@hooks.register("before_edit_user")
def remember_email_before_edit(request, user):
    setattr(request, EMAIL_BEFORE_EDIT, user.email)


@hooks.register("after_edit_user")
def verify_email_an_administrator_set(request, user):
    if user.email.lower() != (getattr(request, EMAIL_BEFORE_EDIT, None) or "").lower():
        staff_email_verify(user=user)
