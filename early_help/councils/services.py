"""Writes for councils: the staff groups that give a council's comms staff its own site."""

from ..staff_access.roles import council_page_groups_sync
from .models import Council


def council_staff_groups_sync(*, council: Council) -> None:
    """Create or update the council's comms editor and approver groups: page permissions
    on the council's site only, members the comms staff who belong to the council.
    Called whenever a council, a membership or someone's roles change, and by roles_sync.
    """
    council_page_groups_sync(council)
