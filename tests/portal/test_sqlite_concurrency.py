"""The embedded SQLite database holds when several people use the site at once.

Real processes on a real database file: gunicorn (two workers, four threads each) and the
task worker, as `make run` and a small installation have them. Many journeys are walked and
submitted at once, each final submit tapped three times, while the worker sends the texts.
"""

import sqlite3
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.cms.journey import URL

from .http_journey import Visitor
from .servers import answers, clean_environ, free_port, manage, start, stop, wait_until

JOURNEYS = 12
TAPS = 3

SEED = """
from wagtail.models import Page, Site
from cms.models import HomePage, RequestHelpPage
from tests.factories import LocalityFactory, PostcodeSectorFactory

locality = LocalityFactory(name="Oldbury", slug="oldbury", phone="0121 496 0110")
PostcodeSectorFactory(locality=locality, sector="B69 4")
home = HomePage(title="Get early help", slug="home-test", lead="Ask early.")
Page.get_first_root_node().add_child(instance=home)
home.save_revision().publish()
site = Site.objects.get(is_default_site=True)
old_root = site.root_page_id
site.root_page = home
site.save()
Page.objects.filter(pk=old_root).delete()
page = RequestHelpPage(
    title="Ask for early help", slug="ask-for-help", lead="Ask here.",
    intro="<p>About 10 minutes.</p>", what_happens_next="<p>We will call.</p>",
)
home.add_child(instance=page)
page.save_revision().publish()
"""


@pytest.fixture
def site_on_sqlite_file(tmp_path):
    """A migrated, seeded SQLite file served by gunicorn with the task worker running."""
    database = tmp_path / "family-voice.sqlite3"
    env = clean_environ(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DJANGO_DEBUG="false",
        DATABASE_URL=f"sqlite:///{database}",
        # Every visitor here comes from 127.0.0.1: lift the per-address limits.
        FAMILY_VOICE_SUBMISSIONS_PER_HOUR="1000",
        FAMILY_VOICE_SMS_QUIET_HOURS="0-0",
        SMS_BACKEND="console",
    )
    manage("migrate", "--no-input", "-v0", env=env)
    manage("shell", "-c", SEED, env=env)
    port = free_port()
    log = tmp_path / "processes.log"
    web = start(
        [
            *(sys.executable, "-m", "gunicorn", "portal.wsgi:application"),
            *("--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4"),
            *("--worker-class", "gthread", "--timeout", "60"),
        ],
        env=env,
        log=log,
    )
    worker = start(
        [
            *(sys.executable, "manage.py", "run_worker", "--queue-name", "*"),
            *("--interval", "0.05", "--no-startup-delay"),
        ],
        env=env,
        log=log,
    )
    try:
        base_url = f"http://127.0.0.1:{port}"
        wait_until(lambda: answers(base_url + "/healthz/ready"), timeout=30, what="gunicorn")
        yield base_url, database, log
    finally:
        stop(web)
        stop(worker)


def _journey(base_url: str) -> tuple[list[int], list[int], str | None]:
    """Every status one person met: their step saves, then their three taps on "Send"."""
    visitor = Visitor(base_url)
    saves = [visitor.get(URL).status_code, *visitor.answer_every_step()]
    if any(status >= 400 for status in saves):
        return saves, [], None
    submits = visitor.submit(times=TAPS)
    return saves, submits, visitor.reference() if 302 in submits else None


def _count(database, sql: str) -> int:
    with sqlite3.connect(database, timeout=20) as db:
        return db.execute(sql).fetchone()[0]


def test_many_people_submitting_at_once_on_sqlite_get_no_errors_and_one_request_each(
    site_on_sqlite_file,
):
    base_url, database, log = site_on_sqlite_file

    with ThreadPoolExecutor(max_workers=JOURNEYS) as pool:
        results = list(pool.map(lambda _: _journey(base_url), range(JOURNEYS)))

    statuses = [status for saves, submits, _ in results for status in saves + submits]
    server_errors = [status for status in statuses if status >= 500]
    assert server_errors == [], (
        f"{len(server_errors)} server errors in {len(statuses)} answers: {results}\n"
        + log.read_text()[-3000:]
    )
    assert all(submits == [302] * TAPS for _, submits, _ in results), results
    references = {reference for _, _, reference in results}
    assert len(references) == JOURNEYS
    assert _count(database, "SELECT COUNT(*) FROM early_help_helprequest") == JOURNEYS
    assert _count(database, "SELECT COUNT(DISTINCT reference) FROM early_help_helprequest") == (
        JOURNEYS
    )
    # The worker ran throughout: every "request received" text goes out, once.
    wait_until(
        lambda: (
            _count(
                database,
                "SELECT COUNT(*) FROM early_help_outboxmessage"
                " WHERE template_key = 'request_received' AND status = 'sent'",
            )
            == JOURNEYS
        ),
        timeout=30,
        what="the worker to send every text",
    )
    assert "database is locked" not in log.read_text()
