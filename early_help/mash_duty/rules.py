"""Whether MASH duty is open: weekdays in its hours, UK time, never on a bank holiday."""

import datetime
from zoneinfo import ZoneInfo

from ..shared.working_days import is_working_day

UK = ZoneInfo("Europe/London")
FRIDAY = 4


def mash_is_open(
    moment: datetime.datetime,
    *,
    opens_at: datetime.time,
    closes_at: datetime.time,
    closes_at_friday: datetime.time,
) -> bool:
    local = moment.astimezone(UK)
    if not is_working_day(local.date()):
        return False
    closes = closes_at_friday if local.weekday() == FRIDAY else closes_at
    return opens_at <= local.time() < closes


def mash_next_opening(
    moment: datetime.datetime,
    *,
    opens_at: datetime.time,
    closes_at: datetime.time,
    closes_at_friday: datetime.time,
) -> datetime.datetime:
    """When MASH duty next opens after `moment`, UK time (a bank holiday week has gaps)."""
    local = moment.astimezone(UK)
    day = local.date()
    if local.time() >= opens_at:
        day += datetime.timedelta(days=1)
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return datetime.datetime.combine(day, opens_at, tzinfo=UK)
