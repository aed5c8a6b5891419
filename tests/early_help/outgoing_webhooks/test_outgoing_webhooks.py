"""Outgoing webhooks: who is told what, signed so the receiver can check it, tried again
with backoff against a real local receiver, logged per try, resent by administrators."""

import datetime
import hashlib
import hmac
import json
from io import StringIO

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from early_help.api_clients.models import ApiClient, token_hash, token_new
from early_help.asking_for_help import services as journey_services
from early_help.feedback import services as feedback_services
from early_help.models import (
    AuditRecord,
    FeedbackLink,
    HelpRequestStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookDeliveryStatus,
    WebhookEndpoint,
    WebhookEvent,
)
from early_help.outgoing_webhooks import services as webhook_services
from early_help.outgoing_webhooks.delivery import BACKOFF, MAX_ATTEMPTS
from early_help.scheduled_jobs import jobs
from early_help.staff_access.roles import StaffRole
from early_help.staff_queue import services as queue_services
from tests.factories import (
    DraftFactory,
    LocalityFactory,
    complete_answers,
    login_with_mfa,
    staff_member,
)

from .receiver import receiver_start, receiver_stop

pytestmark = pytest.mark.django_db

ALL_EVENTS = list(WebhookEvent.values)
FIVE_MINUTES = 300


def verify_family_voice(secret: str, headers, body: bytes, *, now: float) -> bool:
    """The receiver's check, as the README's recipe writes it."""
    timestamp = headers.get("X-FamilyVoice-Timestamp", "")
    signature = headers.get("X-FamilyVoice-Signature", "")
    if not timestamp.isdigit() or abs(now - int(timestamp)) > FIVE_MINUTES:
        return False
    signed = timestamp.encode() + b"." + body
    expected = "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


@pytest.fixture
def tipton(db):
    return LocalityFactory(name="Tipton", slug="tipton")


@pytest.fixture
def admin(db):
    return staff_member(StaffRole.ADMINISTRATOR, is_superuser=True)


def api_client(name: str, *towns, mash: bool = False) -> ApiClient:
    client = ApiClient.objects.create(
        name=name, sees_mash_queue=mash, token_hash=token_hash(token_new()), token_hint="fv_test"
    )
    client.localities.set(towns)
    return client


def endpoint_for(admin, client, url="https://case.example.org/hooks", events=ALL_EVENTS):
    return webhook_services.webhook_endpoint_create(
        user=admin, client=client, url=url, events=events
    )


def submit(town: str = "oldbury", **overrides):
    answers = complete_answers(_route={"kind": "locality", "locality": town}, **overrides)
    return journey_services.help_request_submit(draft=DraftFactory(answers=answers))


URGENT = {"whats-happening": {"needs": ["domestic_abuse"], "safe_now": "no", "description": ""}}


@pytest.fixture
def receiver():
    started = []

    def start(statuses):
        started.append(receiver_start(statuses))
        return started[-1]

    yield start
    for each in started:
        receiver_stop(each)


# --- Signature, from the receiver's side ------------------------------------------------


def test_the_receiver_verifies_the_signature_and_refuses_a_tampered_body_or_old_timestamp(
    admin, locality, receiver, django_capture_on_commit_callbacks
):
    local = receiver([200])
    endpoint, secret = endpoint_for(admin, api_client("Oldbury EHM", locality), url=local.url)

    with django_capture_on_commit_callbacks(execute=True):
        help_request = submit()

    (got,) = local.received
    sent_at = int(got.headers["X-FamilyVoice-Timestamp"])
    assert verify_family_voice(secret, got.headers, got.body, now=sent_at + 5)
    assert json.loads(got.body)["help_request_id"] == help_request.pk
    assert got.headers["X-FamilyVoice-Event"] == WebhookEvent.REQUEST_SUBMITTED
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert got.headers["X-FamilyVoice-Delivery"] == str(delivery.pk)
    assert got.headers["Content-Type"] == "application/json"

    tampered = got.body.replace(str(help_request.pk).encode(), str(help_request.pk + 1).encode())
    assert tampered != got.body
    assert not verify_family_voice(secret, got.headers, tampered, now=sent_at + 5)
    assert not verify_family_voice("fvwh_not-the-secret", got.headers, got.body, now=sent_at)
    # A replay of a genuine notice later than five minutes is refused.
    assert not verify_family_voice(secret, got.headers, got.body, now=sent_at + 301)


def test_a_rotated_secret_signs_from_then_on_and_the_old_one_no_longer_verifies(
    admin, locality, receiver, django_capture_on_commit_callbacks
):
    local = receiver([200])
    endpoint, old_secret = endpoint_for(admin, api_client("Oldbury EHM", locality), url=local.url)
    new_secret = webhook_services.webhook_endpoint_secret_rotate(user=admin, endpoint=endpoint)
    assert new_secret != old_secret

    with django_capture_on_commit_callbacks(execute=True):
        submit()

    (got,) = local.received
    now = int(got.headers["X-FamilyVoice-Timestamp"])
    assert verify_family_voice(new_secret, got.headers, got.body, now=now)
    assert not verify_family_voice(old_secret, got.headers, got.body, now=now)


# --- Retries against a local receiver ---------------------------------------------------


def test_a_failed_try_is_logged_and_retried_with_backoff_by_the_due_deliveries_job(
    admin, locality, receiver, django_capture_on_commit_callbacks
):
    local = receiver([500, 200])
    endpoint, secret = endpoint_for(admin, api_client("Oldbury EHM", locality), url=local.url)
    start = timezone.now()

    with time_machine.travel(start, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            submit()
        delivery = WebhookDelivery.objects.get(endpoint=endpoint)
        assert delivery.status == WebhookDeliveryStatus.FAILED
        assert delivery.attempts == 1
        assert delivery.next_attempt_at == start + BACKOFF[0]
        (first,) = delivery.attempt_log.all()
        assert first.http_status == 500
        assert first.error.startswith("HTTP 500: Our database is down")
        assert len(first.error) <= len("HTTP 500: ") + 200  # never the receiver's whole page

    # Not due yet: the job leaves it alone.
    with time_machine.travel(start + datetime.timedelta(seconds=30), tick=False):
        assert jobs.retry_webhooks() == {"queued": 0}
    assert len(local.received) == 1

    with time_machine.travel(start + BACKOFF[0] + datetime.timedelta(seconds=1), tick=False):
        assert jobs.retry_webhooks() == {"queued": 1}

    delivery.refresh_from_db()
    assert delivery.status == WebhookDeliveryStatus.DELIVERED
    assert delivery.attempts == 2
    assert delivery.next_attempt_at is None
    assert [a.http_status for a in delivery.attempt_log.all()] == [500, 200]
    # The same notice both times, each signed at its own time.
    first_try, second_try = local.received
    assert first_try.body == second_try.body
    assert (
        first_try.headers["X-FamilyVoice-Delivery"] == second_try.headers["X-FamilyVoice-Delivery"]
    )
    sent = int(second_try.headers["X-FamilyVoice-Timestamp"])
    assert verify_family_voice(secret, second_try.headers, second_try.body, now=sent)
    # Delivered: the job never sends it again.
    with time_machine.travel(start + datetime.timedelta(days=1), tick=False):
        assert jobs.retry_webhooks() == {"queued": 0}
    assert len(local.received) == 2


def test_a_receiver_that_keeps_failing_is_tried_on_the_backoff_schedule_then_given_up(
    admin, locality, receiver, django_capture_on_commit_callbacks
):
    local = receiver([503])
    endpoint, _secret = endpoint_for(admin, api_client("Oldbury EHM", locality), url=local.url)
    moment = timezone.now()
    with (
        time_machine.travel(moment, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        submit()
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)

    waits = []
    for _try in range(MAX_ATTEMPTS - 1):
        waits.append(delivery.next_attempt_at - moment)
        moment = delivery.next_attempt_at
        with time_machine.travel(moment, tick=False):
            jobs.retry_webhooks()
        delivery.refresh_from_db()

    assert waits == list(BACKOFF)  # 1 min, 5 min, 30 min, 2 h, 12 h
    assert delivery.status == WebhookDeliveryStatus.GIVEN_UP
    assert delivery.attempts == MAX_ATTEMPTS == len(local.received)
    assert delivery.next_attempt_at is None
    assert delivery.attempt_log.count() == MAX_ATTEMPTS
    with time_machine.travel(moment + datetime.timedelta(days=2), tick=False):
        assert jobs.retry_webhooks() == {"queued": 0}


def test_a_receiver_that_is_not_there_is_logged_without_a_status(
    admin, locality, django_capture_on_commit_callbacks
):
    # A port nothing listens on: bind one, note it, close it.
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    endpoint, _secret = endpoint_for(
        admin, api_client("Oldbury EHM", locality), url=f"http://127.0.0.1:{port}/"
    )
    with django_capture_on_commit_callbacks(execute=True):
        submit()
    attempt = WebhookAttempt.objects.get(delivery__endpoint=endpoint)
    assert attempt.http_status is None
    assert attempt.error
    assert WebhookDelivery.objects.get(endpoint=endpoint).status == WebhookDeliveryStatus.FAILED


def test_the_same_try_run_twice_sends_once(
    admin, locality, receiver, django_capture_on_commit_callbacks
):
    local = receiver([200])
    endpoint, _secret = endpoint_for(admin, api_client("Oldbury EHM", locality), url=local.url)
    submit()  # no commit callbacks: the first try's task has not run
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)

    from early_help.outgoing_webhooks.tasks import webhook_send

    webhook_send.enqueue(delivery.pk, 1)
    webhook_send.enqueue(delivery.pk, 1)
    assert len(local.received) == 1


def test_a_deactivated_address_gets_nothing_and_waiting_deliveries_are_given_up(
    admin, locality, receiver
):
    local = receiver([200])
    endpoint, _secret = endpoint_for(admin, api_client("Oldbury EHM", locality), url=local.url)
    submit()
    waiting = WebhookDelivery.objects.get(endpoint=endpoint)
    webhook_services.webhook_endpoint_set_active(user=admin, endpoint=endpoint, active=False)

    submit()
    assert WebhookDelivery.objects.filter(endpoint=endpoint).count() == 1  # no new one

    from early_help.outgoing_webhooks.tasks import webhook_send

    webhook_send.enqueue(waiting.pk, 1)
    waiting.refresh_from_db()
    assert waiting.status == WebhookDeliveryStatus.GIVEN_UP
    assert local.received == []
    assert "no longer active" in waiting.attempt_log.get().error


# --- Scope: a client hears only of what it may see --------------------------------------


def test_each_client_hears_only_of_requests_and_feedback_it_may_see(admin, locality, tipton):
    oldbury = locality
    tipton_endpoint, _s = endpoint_for(admin, api_client("Tipton EHM", tipton))
    oldbury_endpoint, _s = endpoint_for(admin, api_client("Oldbury EHM", oldbury))
    mash_endpoint, _s = endpoint_for(admin, api_client("MASH system", mash=True))

    oldbury_request = submit("oldbury")
    tipton_urgent = submit("tipton", **URGENT)  # flagged: MASH holds it, not Tipton
    tipton_request = submit("tipton")
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=tipton)
    queue_services.help_request_claim(help_request=tipton_request, user=worker)
    queue_services.help_request_pass_to_mash(
        help_request=tipton_request, user=worker, reason="Worried"
    )
    oldbury_worker = staff_member(StaffRole.LOCALITY_WORKER, locality=oldbury)
    queue_services.help_request_change_status(
        help_request=oldbury_request, user=oldbury_worker, status=HelpRequestStatus.TRIAGED
    )
    link = FeedbackLink.objects.create(
        worker_name="Sam Green", worker_role="social_worker", team=oldbury
    )
    feedback = feedback_services.feedback_record(
        answers={
            "who": {"journey_type": "young_person"},
            "scales": {"trust": "2", "easy_to_contact": "2", "listens": "2", "explains": "2"},
            "changes": {"worker_changed": "no"},
            "words": {"feels_safe": "no"},
            "you": {"anonymous": "yes", "wants_reply": "no"},
        },
        link=link,
    )
    assert feedback.urgent

    def heard(endpoint):
        return sorted(
            (d.payload.get("reference"), d.event)
            for d in WebhookDelivery.objects.filter(endpoint=endpoint)
        )

    tipton_ref, urgent_ref, oldbury_ref = (
        tipton_request.reference,
        tipton_urgent.reference,
        oldbury_request.reference,
    )
    assert heard(tipton_endpoint) == sorted(
        [
            (tipton_ref, WebhookEvent.REQUEST_SUBMITTED),
            (tipton_ref, WebhookEvent.STATUS_CHANGED),  # claimed: allocated
        ]
    )
    assert heard(oldbury_endpoint) == sorted(
        [
            (oldbury_ref, WebhookEvent.REQUEST_SUBMITTED),
            (oldbury_ref, WebhookEvent.STATUS_CHANGED),
            (feedback.reference, WebhookEvent.FEEDBACK_URGENT),
        ]
    )
    assert heard(mash_endpoint) == sorted(
        [
            (urgent_ref, WebhookEvent.REQUEST_SUBMITTED),
            (urgent_ref, WebhookEvent.REQUEST_URGENT),
            (tipton_ref, WebhookEvent.REQUEST_URGENT),  # passed to MASH
            (tipton_ref, WebhookEvent.STATUS_CHANGED),
            (feedback.reference, WebhookEvent.FEEDBACK_URGENT),
        ]
    )
    # Nothing of Oldbury or MASH's ever reaches Tipton's system.
    tipton_payloads = json.dumps(
        list(WebhookDelivery.objects.filter(endpoint=tipton_endpoint).values_list("payload"))
    )
    for elsewhere in (oldbury_ref, urgent_ref, feedback.reference):
        assert elsewhere not in tipton_payloads


def test_an_endpoint_hears_only_the_events_it_asked_for(admin, locality):
    endpoint, _s = endpoint_for(
        admin, api_client("Oldbury EHM", locality), events=[WebhookEvent.STATUS_CHANGED]
    )
    help_request = submit()
    assert not WebhookDelivery.objects.filter(endpoint=endpoint).exists()
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    queue_services.help_request_change_status(
        help_request=help_request, user=worker, status=HelpRequestStatus.TRIAGED
    )
    assert [d.event for d in WebhookDelivery.objects.filter(endpoint=endpoint)] == [
        WebhookEvent.STATUS_CHANGED
    ]


def test_a_revoked_client_hears_nothing(admin, locality):
    client = api_client("Oldbury EHM", locality)
    endpoint, _s = endpoint_for(admin, client)
    client.revoked_at = timezone.now()
    client.save()
    submit()
    assert not WebhookDelivery.objects.filter(endpoint=endpoint).exists()


# --- No personal data -------------------------------------------------------------------

CANARY = "Zephyrina Quillfeather"


def test_no_payload_holds_personal_details(
    admin, locality, receiver, django_capture_on_commit_callbacks
):
    local = receiver([200])
    endpoint_for(admin, api_client("Oldbury EHM", locality), url=local.url)
    endpoint_for(admin, api_client("MASH system", mash=True), url=local.url)
    with django_capture_on_commit_callbacks(execute=True):
        help_request = submit(
            **{
                "about-you": {"first_name": "Zephyrina", "last_name": "Quillfeather"},
                "whats-happening": {
                    "needs": ["domestic_abuse"],
                    "safe_now": "no",
                    "description": f"{CANARY} is not safe at home",
                },
                "help-wanted": {"help_wanted": CANARY},
            }
        )
    mash = staff_member(StaffRole.MASH_DUTY)
    with django_capture_on_commit_callbacks(execute=True):
        queue_services.help_request_change_status(
            help_request=help_request, user=mash, status=HelpRequestStatus.TRIAGED
        )

    deliveries = list(WebhookDelivery.objects.all())
    assert len(deliveries) == 3  # MASH: submitted, urgent, status changed
    for delivery in deliveries:
        assert set(delivery.payload) <= {
            "id",
            "event",
            "occurred_at",
            "help_request_id",
            "reference",
        }
        text = json.dumps(delivery.payload)
        for needle in ("Zephyrina", "Quillfeather", "900123", "B69", "not safe"):
            assert needle not in text
    assert len(local.received) == 3
    for got in local.received:
        for needle in (b"Zephyrina", b"Quillfeather", b"900123", b"B69"):
            assert needle not in got.body
            assert needle not in json.dumps(dict(got.headers)).encode()


# --- Administrators: register, rotate, deactivate, resend -------------------------------


def test_an_administrator_registers_an_address_and_sees_the_secret_once(admin, locality):
    client_record = api_client("Oldbury EHM", locality)
    browser = Client()
    login_with_mfa(browser, admin)

    response = browser.post(
        "/admin/webhooks/add/",
        {
            "client": client_record.pk,
            "url": "https://ehm.example.org/family-voice",
            "events": [WebhookEvent.REQUEST_SUBMITTED, WebhookEvent.STATUS_CHANGED],
        },
    )
    assert response.status_code == 200
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.secret in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert endpoint.events == [WebhookEvent.REQUEST_SUBMITTED, WebhookEvent.STATUS_CHANGED]
    assert AuditRecord.objects.filter(summary__startswith="Webhook address").exists()

    detail = browser.get(f"/admin/webhooks/{endpoint.pk}/").content.decode()
    assert endpoint.secret not in detail
    assert endpoint.secret_hint in detail
    assert endpoint.secret not in browser.get("/admin/webhooks/").content.decode()

    rotated = browser.post(f"/admin/webhooks/{endpoint.pk}/rotate-secret/")
    old = endpoint.secret
    endpoint.refresh_from_db()
    assert endpoint.secret != old
    assert endpoint.secret in rotated.content.decode()

    browser.post(f"/admin/webhooks/{endpoint.pk}/active/", {"active": "0"})
    endpoint.refresh_from_db()
    assert not endpoint.active


@pytest.mark.parametrize(
    "url",
    ["http://ehm.example.org/hooks", "ftp://ehm.example.org/", "https:///nohost"],
)
def test_an_address_must_be_https(admin, locality, url):
    with pytest.raises(ValidationError):
        endpoint_for(admin, api_client("Oldbury EHM", locality), url=url)


def test_plain_http_to_this_machine_only_where_a_setting_allows_it(admin, locality, settings):
    client = api_client("Oldbury EHM", locality)
    endpoint_for(admin, client, url="http://127.0.0.1:9/hooks")
    settings.FAMILY_VOICE_WEBHOOKS_ALLOW_LOCAL_HTTP = False
    with pytest.raises(ValidationError):
        endpoint_for(admin, client, url="http://127.0.0.1:9/hooks")


def test_the_form_keeps_what_was_typed_and_says_what_is_wrong(admin, locality):
    client_record = api_client("Oldbury EHM", locality)
    browser = Client()
    login_with_mfa(browser, admin)
    response = browser.post(
        "/admin/webhooks/add/",
        {"client": client_record.pk, "url": "http://ehm.example.org/hooks"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter an address that starts with https://." in html
    assert "Choose at least one event." in html
    assert "http://ehm.example.org/hooks" in html
    assert not WebhookEndpoint.objects.exists()


def test_resend_makes_a_new_delivery_of_the_same_notice_and_is_audited(
    admin, locality, receiver, django_capture_on_commit_callbacks
):
    local = receiver([500])
    endpoint, _secret = endpoint_for(admin, api_client("Oldbury EHM", locality), url=local.url)
    with django_capture_on_commit_callbacks(execute=True):
        submit()
    failed = WebhookDelivery.objects.get(endpoint=endpoint)
    assert failed.status == WebhookDeliveryStatus.FAILED
    page = Client()
    login_with_mfa(page, admin)
    listing = page.get(f"/admin/webhooks/{endpoint.pk}/?failures=1").content.decode()
    assert failed.payload["reference"] in listing
    assert "HTTP 500" in listing

    local.statuses = [500, 200]
    with django_capture_on_commit_callbacks(execute=True):
        response = page.post(f"/admin/webhooks/deliveries/{failed.pk}/resend/")
    assert response.status_code == 302

    resend = WebhookDelivery.objects.get(resent_from=failed)
    assert resend.payload == failed.payload
    assert resend.status == WebhookDeliveryStatus.DELIVERED
    assert local.received[-1].headers["X-FamilyVoice-Delivery"] == str(resend.pk)
    audit = AuditRecord.objects.get(summary__contains="resent")
    assert audit.user == admin
    assert audit.details["delivery"] == failed.pk
    assert audit.details["resend"] == resend.pk


def test_resend_is_refused_when_the_client_may_no_longer_see_the_record(admin, locality):
    endpoint, _s = endpoint_for(admin, api_client("Oldbury EHM", locality))
    help_request = submit()
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    queue_services.help_request_pass_to_mash(help_request=help_request, user=worker, reason="x")
    with pytest.raises(ValidationError):
        webhook_services.webhook_delivery_resend(user=admin, delivery=delivery)
    assert not WebhookDelivery.objects.filter(resent_from=delivery).exists()


@pytest.mark.parametrize(
    "role",
    [
        StaffRole.LOCALITY_WORKER,
        StaffRole.LOCALITY_MANAGER,
        StaffRole.MASH_DUTY,
        StaffRole.SERVICE_MANAGER,
        StaffRole.COMMS_EDITOR,
        StaffRole.ADMINISTRATOR,  # the role without superuser
    ],
)
def test_the_webhook_screens_are_for_administrators_only(admin, locality, role):
    endpoint, secret = endpoint_for(admin, api_client("Oldbury EHM", locality))
    submit()
    delivery = WebhookDelivery.objects.get()
    someone = Client()
    login_with_mfa(someone, staff_member(role, locality=locality))
    for url in ("/admin/webhooks/", "/admin/webhooks/add/", f"/admin/webhooks/{endpoint.pk}/"):
        assert someone.get(url).status_code == 403, url
    for url in (
        f"/admin/webhooks/{endpoint.pk}/rotate-secret/",
        f"/admin/webhooks/{endpoint.pk}/active/",
        f"/admin/webhooks/deliveries/{delivery.pk}/resend/",
    ):
        response = someone.post(url, {"active": "0"})
        assert response.status_code == 403, url
        assert secret not in response.content.decode()
    endpoint.refresh_from_db()
    assert endpoint.secret == secret
    assert endpoint.active
    assert WebhookDelivery.objects.count() == 1

    administrator = Client()
    login_with_mfa(administrator, admin)
    for url in ("/admin/webhooks/", "/admin/webhooks/add/", f"/admin/webhooks/{endpoint.pk}/"):
        assert administrator.get(url).status_code == 200, url


# --- Retention --------------------------------------------------------------------------


def test_retention_removes_deliveries_and_their_tries_after_90_days(
    admin, locality, receiver, django_capture_on_commit_callbacks
):
    local = receiver([200])
    endpoint, _s = endpoint_for(admin, api_client("Oldbury EHM", locality), url=local.url)
    long_ago = timezone.now() - datetime.timedelta(days=91)
    with (
        time_machine.travel(long_ago, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        submit()
    with django_capture_on_commit_callbacks(execute=True):
        recent = submit()
    assert WebhookAttempt.objects.count() == 2

    out = StringIO()
    call_command("apply_retention", stdout=out)

    assert "1 webhook deliveries" in out.getvalue()
    (kept,) = WebhookDelivery.objects.filter(endpoint=endpoint)
    assert kept.payload["reference"] == recent.reference
    assert WebhookAttempt.objects.count() == 1
