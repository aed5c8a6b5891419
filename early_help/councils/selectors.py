"""Which council a page, a request or a text belongs to. Reads only."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from wagtail.models import Site

from .models import Council

# A request's council is looked up once, however many templates and views ask.
_REQUEST_ATTRIBUTE = "_family_voice_council"
# Every public page shows its council: the few councils are kept in the cache (cleared
# whenever a council or a site changes, see early_help.apps), so a page costs no query.
COUNCILS_BY_SITE_KEY = "fv-councils-by-site"


def councils_by_site() -> dict[int, Council]:
    found = cache.get(COUNCILS_BY_SITE_KEY)
    if found is None:
        found = {council.site_id: council for council in Council.objects.filter(site__isnull=False)}
        cache.set(COUNCILS_BY_SITE_KEY, found, 3600)
    return found


def councils_forget(**kwargs) -> None:
    """Signal receiver: a council or a site changed, so the cached councils are stale."""
    cache.delete(COUNCILS_BY_SITE_KEY)


def council_for_site(site: Site | None) -> Council | None:
    """The council whose public site this is, or None (a deployment without councils)."""
    if site is None:
        return None
    return councils_by_site().get(site.pk)


def council_for_request(request: HttpRequest | None) -> Council | None:
    """The council whose site the visitor is on, by the host they asked for; on a host
    Wagtail does not know, the default site's council (as Wagtail serves that site)."""
    if request is None:
        return None
    if not hasattr(request, _REQUEST_ATTRIBUTE):
        setattr(request, _REQUEST_ATTRIBUTE, council_for_site(Site.find_for_request(request)))
    return getattr(request, _REQUEST_ATTRIBUTE)


def council_by_pk(pk: int | None) -> Council | None:
    return Council.objects.filter(pk=pk).first() if pk else None


def contact_phone(council: Council | None) -> str:
    """The number families ring about a request: the council's, else the deployment's."""
    return (council.contact_phone if council else "") or settings.FAMILY_VOICE_CONTACT_PHONE


def first_contact_working_days(council: Council | None, *, urgent: bool) -> int:
    """How many working days the council promises: MASH's look at an urgent request, or
    the town team's first contact; the deployment's settings without a council."""
    if urgent:
        return (
            council.mash_triage_working_days
            if council
            else settings.FAMILY_VOICE_MASH_TRIAGE_WORKING_DAYS
        )
    return (
        council.first_contact_working_days
        if council
        else settings.FAMILY_VOICE_FIRST_CONTACT_WORKING_DAYS
    )
