"""What the API takes and gives, as pydantic schemas: the OpenAPI document is built from
these, so a field's description here is what case-system developers read."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import AfterValidator

from ..help_requests.models import EventKind, HelpRequestStatus, Need, Outcome, RequesterType

StatusName = Literal[tuple(HelpRequestStatus.values)]  # type: ignore[valid-type]
OutcomeName = Literal[tuple(Outcome.values)]  # type: ignore[valid-type]
NeedName = Literal[tuple(Need.values)]  # type: ignore[valid-type]
EventName = Literal[tuple(EventKind.values)]  # type: ignore[valid-type]
RequesterName = Literal[tuple(RequesterType.values)]  # type: ignore[valid-type]
# What a case system may move a request to. Passing to MASH and back stay with staff.
RecordableStatus = Literal[  # type: ignore[valid-type]
    tuple(
        status
        for status in HelpRequestStatus.values
        if status not in {HelpRequestStatus.SUBMITTED, HelpRequestStatus.PASSED_TO_MASH}
    )
]


def _storable(value: str) -> str:
    """Text a database can keep: no NUL and no lone surrogate (PostgreSQL refuses both)."""
    if "\x00" in value or any("\ud800" <= char <= "\udfff" for char in value):
        raise ValueError("Text may not hold NUL characters or lone surrogates.")
    return value.strip()


def _not_blank(value: str) -> str:
    if not value:
        raise ValueError("Must not be blank.")
    return value


Text = Annotated[str, AfterValidator(_storable)]
RequiredText = Annotated[str, AfterValidator(_storable), AfterValidator(_not_blank)]


class Error(Schema):
    detail: Any = Field(description="Why the call was refused.")


class Town(Schema):
    slug: str
    name: str


class ChangedRequest(Schema):
    id: int
    reference: str = Field(description="The family's reference, e.g. FV-7K3Q9.")
    status: StatusName
    town: Town | None
    in_mash_queue: bool
    safeguarding_flag: bool
    submitted_at: datetime
    updated_at: datetime = Field(description="When it last changed: the feed's order.")
    case_reference: str = Field(description="Your reference, once acknowledged; else empty.")
    imported_at: datetime | None


class ChangesPage(Schema):
    items: list[ChangedRequest]
    next_cursor: str = Field(
        description="Pass as `cursor` to carry on. Keep it when `has_more` is false: the "
        "next call with it returns what changed since."
    )
    has_more: bool


class ChildOut(Schema):
    first_name: str
    date_of_birth: date | None
    age: int | None
    due_date: date | None
    school: str
    send: str = Field(description="Disability or SEND, as the family answered.")


class SafeContactOut(Schema):
    may_text: bool
    may_leave_voicemail: bool
    may_post_letters: bool
    safe_times: list[str]
    safe_times_note: str


class ConsentOut(Schema):
    given: bool = Field(description="False means advice only: nothing may be shared.")
    wording_version: str
    recorded_at: datetime


class UrgencyOut(Schema):
    safeguarding_flag: bool
    reasons: list[str]
    not_safe_now: bool = Field(description="Said they are not safe now (domestic abuse).")


class RoutingOut(Schema):
    town: Town | None
    in_mash_queue: bool
    nearest_town: bool = Field(description="The family chose the nearest town.")
    respond_by: date | None


class LeadOut(Schema):
    agency_id: int | None
    agency: str
    practitioner: str
    handover_count: int


class EventOut(Schema):
    kind: EventName
    summary: str
    actor: str
    at: datetime


class HelpRequestOut(Schema):
    id: int
    reference: str
    status: StatusName
    outcome: OutcomeName | Literal[""]
    requester_type: RequesterName
    first_name: str
    last_name: str
    date_of_birth: date | None
    phone: str = Field(description="E.164, or empty.")
    email: str
    postcode: str
    preferred_language: str
    other_language: str
    interpreter_needed: bool
    bsl_needed: bool
    description: str
    help_wanted: str
    other_agencies: str
    children: list[ChildOut]
    needs: list[NeedName]
    safe_contact: SafeContactOut | None
    consent: ConsentOut | None
    urgency: UrgencyOut
    routing: RoutingOut
    lead: LeadOut
    worker: str
    submitted_at: datetime
    first_contact_at: datetime | None
    triaged_at: datetime | None
    closed_at: datetime | None
    updated_at: datetime
    case_reference: str
    imported_at: datetime | None
    timeline: list[EventOut]


class ImportIn(Schema):
    case_reference: RequiredText = Field(
        min_length=1, max_length=60, description="Your system's reference for this request."
    )


class StatusIn(Schema):
    status: RecordableStatus
    outcome: OutcomeName | None = Field(None, description="Needed to close.")


class LeadIn(Schema):
    agency_id: int = Field(description="A lead agency's id from /lead-agencies.")
    practitioner: RequiredText = Field(min_length=1, max_length=120)
    confirmed: bool = Field(
        False,
        description="Set after a 409 warning that this would be the family's third lead "
        "practitioner in 12 months.",
    )


class ContactIn(Schema):
    made_contact: bool = Field(description="True: spoke to the family. False: no answer.")
    note: Text = Field("", max_length=250)


class LeadAgencyOut(Schema):
    id: int
    name: str


class FeedbackSummaryOut(Schema):
    team: str
    town: str
    count: int
    anonymous: int
    urgent: int
    worker_changed: int = Field(description="Said their worker changed.")
    averages: dict[str, float | None] = Field(description="Each 1–5 scale's average.")
    by_role: dict[str, int] = Field(description="How many about each kind of worker.")
    approved_quotes: list[str] = Field(description="Quotes staff approved for publishing.")


class TownFiguresOut(Schema):
    locality: str
    new_this_week: int
    open: int
    unallocated: int
    overdue: int
    last_year: int
    closed: int
    reopened: int
    median_hours_to_first_contact: float | None
    re_referral_rate: float | None
    handovers_per_closed: float | None
    outcomes: dict[str, int]
