"""Reads for the request-for-help journey."""

from django.contrib.sessions.backends.base import SessionBase
from django.db.models import Q
from django.utils import timezone

from ..councils.models import Council
from ..councils.selectors import council_by_pk
from ..localities.models import Locality
from ..localities.routing import RouteKind
from .models import HelpRequestDraft

# The session holds only the draft's key: the answers stay on the server.
DRAFT_SESSION_KEY = "help_request_draft"


def draft_for_session(session: SessionBase) -> HelpRequestDraft | None:
    """The visitor's draft: live, or already submitted (so a resubmit finds its request)."""
    key = session.get(DRAFT_SESSION_KEY)
    if not key:
        return None
    return (
        HelpRequestDraft.objects.select_related(
            "help_request", "help_request__locality", "help_request__council"
        )
        .filter(Q(help_request__isnull=False) | Q(expires_at__gt=timezone.now()), key=key)
        .first()
    )


def routed_council(
    route: dict, *, site_council: Council | None, locality: Locality | None = None
) -> Council | None:
    """The council that will help a family: its town's, else the one whose area the
    postcode is in, else the one whose site the family used."""
    if locality is not None and locality.council_id is not None:
        return locality.council
    if route.get("kind") == RouteKind.LOCALITY and route.get("locality"):
        town = Locality.objects.select_related("council").filter(slug=route["locality"]).first()
        if town is not None and town.council is not None:
            return town.council
    member = council_by_pk(route.get("member_council"))
    return member or site_council
