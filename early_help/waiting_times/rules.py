"""Which stage a request is at after each line of its timeline.

The same moves the staff services make (`staff_queue.services`), read back from the
events they write, so time at each stage is computed and never typed in.
"""

from dataclasses import dataclass
from datetime import datetime

from ..help_requests.models import EventKind, HelpRequestStatus
from .models import Stage

# Statuses that end the clock: nothing is waiting any more.
_STAGE_OF_STATUS = {
    HelpRequestStatus.SUBMITTED: Stage.SUBMITTED,
    HelpRequestStatus.TRIAGED: Stage.TRIAGED,
    HelpRequestStatus.ALLOCATED: Stage.ALLOCATED,
    HelpRequestStatus.IN_CONTACT: Stage.IN_CONTACT,
    HelpRequestStatus.PASSED_TO_MASH: Stage.WITH_MASH,
}


@dataclass(frozen=True)
class TimelineLine:
    kind: str
    at: datetime
    data: dict


@dataclass(frozen=True)
class Spell:
    stage: str
    started_at: datetime
    ended_at: datetime | None


def _next_stage(stage: str | None, line: TimelineLine) -> str | None:
    kind, data = line.kind, line.data
    if kind == EventKind.SUBMITTED:
        return Stage.SUBMITTED
    if kind == EventKind.ROUTED and data.get("reasons") is not None:
        return Stage.WITH_MASH  # routed straight to MASH duty by urgent signals
    if kind == EventKind.PASSED_TO_MASH:
        return Stage.WITH_MASH
    if kind == EventKind.PASSED_BACK:
        return Stage.TRIAGED
    if kind == EventKind.STATUS_CHANGED and data.get("status"):
        return _STAGE_OF_STATUS.get(data["status"])  # closed or withdrawn: None
    if kind == EventKind.ASSIGNED and stage in {Stage.SUBMITTED, Stage.TRIAGED}:
        return Stage.ALLOCATED
    if (
        kind == EventKind.CONTACT_ATTEMPT
        and data.get("made_contact")
        and stage in {Stage.SUBMITTED, Stage.TRIAGED, Stage.ALLOCATED}
    ):
        return Stage.IN_CONTACT
    return stage


def spells_from_timeline(lines: list[TimelineLine]) -> list[Spell]:
    """The stretches of time at each stage, in order; the last may still be open.

    Lines must be in the order they happened. Waiting for another agency is its own
    spell running alongside the status, from the moment staff said so until cleared.
    """
    spells: list[Spell] = []
    stage, since = None, None
    waiting_since: dict[object, datetime] = {}
    for line in lines:
        if line.kind == EventKind.WAITING_STARTED and line.data.get("other_agency"):
            waiting_since[line.data.get("blockage")] = line.at
            continue
        if line.kind == EventKind.WAITING_CLEARED:
            started = waiting_since.pop(line.data.get("blockage"), None)
            if started is not None:
                spells.append(Spell(Stage.WAITING_FOR_AGENCY, started, line.at))
            continue
        new_stage = _next_stage(stage, line)
        if new_stage == stage:
            continue
        if stage == Stage.SUBMITTED and line.kind == EventKind.ROUTED:
            # Sent to MASH duty the moment it arrived: it was never waiting as "submitted".
            stage = new_stage
            continue
        if stage is not None:
            spells.append(Spell(stage, since, line.at))
        stage, since = new_stage, line.at
        if stage is None:  # closed or withdrawn: any waiting ends with it
            for started in waiting_since.values():
                spells.append(Spell(Stage.WAITING_FOR_AGENCY, started, line.at))
            waiting_since.clear()
    if stage is not None:
        spells.append(Spell(stage, since, None))
    spells.extend(Spell(Stage.WAITING_FOR_AGENCY, s, None) for s in waiting_since.values())
    return spells
