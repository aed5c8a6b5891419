"""Keep each council's comms groups in step with who belongs to the council and who holds
a comms role, whichever screen changed it (the councils' admin, a user's groups)."""


def _sync(council_ids) -> None:
    from .models import Council
    from .services import council_staff_groups_sync

    for council in Council.objects.filter(pk__in=set(council_ids)).select_related("site"):
        council_staff_groups_sync(council=council)


def council_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        _sync([instance.pk])


def membership_changed(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        _sync([instance.council_id])


def user_groups_changed(sender, instance, action, reverse, **kwargs) -> None:
    """A user's roles changed (`user.groups.set/add/remove`); the council groups' own
    membership changes come from the other side (`group.user_set`) and are ignored."""
    if reverse or action not in {"post_add", "post_remove", "post_clear"}:
        return
    from .models import CouncilMembership

    _sync(CouncilMembership.objects.filter(user=instance).values_list("council_id", flat=True))
