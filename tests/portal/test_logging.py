import io
import json
import logging
import logging.config

import pytest
from django.conf import settings

from early_help.models import HelpRequest
from portal.logging import RequestIdFilter
from tests.cms.journey import PARENT_STEPS, URL, walk

pytestmark = pytest.mark.django_db

NAME = ("Zephyrine", "Quillfeather")
PHONE = "07700 900417"
PHONE_FORMS = ("07700 900417", "07700900417", "+447700900417", "7700900417", "900417")
FREE_TEXT = "Marmalade tigers chew the boiler"
HELP_WANTED = "Lantern-shaped advice please"


@pytest.fixture
def log_lines():
    """Every record at DEBUG and up, formatted as production writes them (JSON)."""
    stream = io.StringIO()
    config = {
        **settings.LOGGING,
        "handlers": {
            "capture": {
                "class": "logging.StreamHandler",
                "stream": stream,
                "formatter": "json",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["capture"], "level": "DEBUG"},
        "loggers": {},
    }
    logging.config.dictConfig(config)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        logging.config.dictConfig(settings.LOGGING)


def _steps_with_distinctive_answers():
    steps = dict(PARENT_STEPS)
    steps["about-you"] = {
        **steps["about-you"],
        "first_name": NAME[0],
        "last_name": NAME[1],
        "phone": PHONE,
    }
    steps["whats-happening"] = {**steps["whats-happening"], "description": FREE_TEXT}
    steps["whats-happening"] = {**steps["whats-happening"], "help_wanted": HELP_WANTED}
    return list(steps.items())


def test_a_submitted_name_phone_and_free_text_never_appear_in_the_logs(
    client,
    request_help_page,
    site_settings,
    sms_templates,
    daytime,
    log_lines,
    django_capture_on_commit_callbacks,
):
    walk(client, steps=_steps_with_distinctive_answers())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL + "check-your-answers/", {"website": ""})
    assert response.status_code == 302
    help_request = HelpRequest.objects.get()
    assert help_request.first_name == NAME[0]
    assert help_request.texts.filter(status="sent").exists()  # the text task ran too

    lines = log_lines()
    text = json.dumps(lines)
    for secret in (*NAME, *PHONE_FORMS, FREE_TEXT, HELP_WANTED, "Marmalade", "Lantern"):
        assert secret.lower() not in text.lower(), secret
    # ...and yet the logs are there to be read: one line per request, one per task.
    access = [line for line in lines if line["logger"] == "portal.access"]
    assert len(access) == len(PARENT_STEPS) + 1
    assert {"method", "path", "status", "duration_ms", "request_id"} <= set(access[-1])
    tasks = [line for line in lines if line["logger"] == "portal.tasks" and "status" in line]
    assert [line["status"] for line in tasks] == ["SUCCESSFUL"]
    # Run outside any request (as in a worker), the task's lines carry the task's own id.
    assert tasks[0]["request_id"] == f"task-{tasks[0]['task_id']}"


def test_each_request_gets_an_id_and_keeps_a_well_formed_one_from_the_proxy(
    client, home_page, log_lines
):
    mine = client.get("/", headers={"X-Request-ID": "lb-4f2a9c1e-77"})
    generated = client.get("/?q=private-looking+words", headers={"X-Request-ID": "bad id\n<x>"})

    assert mine["X-Request-ID"] == "lb-4f2a9c1e-77"
    assert generated["X-Request-ID"] != "bad id\n<x>"
    assert len(generated["X-Request-ID"]) == 32
    access = [line for line in log_lines() if line["logger"] == "portal.access"]
    assert [(a["request_id"], a["path"], a["status"]) for a in access] == [
        ("lb-4f2a9c1e-77", "/", 200),
        (generated["X-Request-ID"], "/", 200),
    ]
    assert "private-looking" not in json.dumps(access)


def test_plain_lines_carry_the_request_id_too(client, home_page):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter(settings.LOGGING["formatters"]["plain"]["format"]))
    handler.addFilter(RequestIdFilter())
    access = logging.getLogger("portal.access")
    access.addHandler(handler)
    access.setLevel(logging.INFO)
    try:
        client.get("/", headers={"X-Request-ID": "abcdef123456"})
    finally:
        access.removeHandler(handler)
        access.setLevel(logging.NOTSET)
    assert "[abcdef123456] GET / 200" in stream.getvalue()
