"""Reads for MASH duty."""

from django.utils import timezone
from wagtail.models import Site

from .models import MashDutySettings
from .rules import mash_is_open, mash_next_opening


def mash_duty_settings(site: Site | None = None) -> MashDutySettings:
    """The settings of this site, or of the default site when there is no request."""
    site = site or Site.objects.filter(is_default_site=True).first()
    return MashDutySettings.for_site(site)


def mash_availability(site: Site | None = None) -> dict:
    """Whether MASH duty answers now and, if not, when it opens: for the pages that tell
    someone in trouble who to call."""
    duty = mash_duty_settings(site)
    hours = {
        "opens_at": duty.opens_at,
        "closes_at": duty.closes_at,
        "closes_at_friday": duty.closes_at_friday,
    }
    now = timezone.now()
    is_open = mash_is_open(now, **hours)
    return {
        "mash_open": is_open,
        "mash_opens": None if is_open else mash_next_opening(now, **hours),
        "mash_duty": duty,
    }
