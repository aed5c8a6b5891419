"""No texts between 21:00 and 08:00 UK time (FAMILY_VOICE_SMS_QUIET_HOURS): they wait."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings

UK = ZoneInfo("Europe/London")


def _hours() -> tuple[datetime.time, datetime.time]:
    start, end = settings.FAMILY_VOICE_SMS_QUIET_HOURS
    return datetime.time(start), datetime.time(end)


def is_quiet(moment: datetime.datetime) -> bool:
    quiet_from, quiet_until = _hours()
    if quiet_from == quiet_until:
        return False  # no quiet hours
    local = moment.astimezone(UK).time()
    if quiet_from < quiet_until:  # a window within one day, such as 1-6
        return quiet_from <= local < quiet_until
    return local >= quiet_from or local < quiet_until  # a window across midnight, such as 21-8


def next_send_time(moment: datetime.datetime) -> datetime.datetime:
    """`moment` itself when texting is allowed, else the end of the quiet hours, UK time."""
    if not is_quiet(moment):
        return moment
    _quiet_from, quiet_until = _hours()
    local = moment.astimezone(UK)
    day = local.date() if local.time() < quiet_until else local.date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(day, quiet_until, tzinfo=UK)
