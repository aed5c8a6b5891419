"""The public page cache: shared public pages come from the cache; nothing personal ever does."""

import base64
import hashlib
import re
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from cms.models import HomePage, SiteSettings, YouSaidWeDidItem, YouSaidWeDidPage
from early_help.mash_duty.models import MashDutySettings
from early_help.staff_access.roles import StaffRole
from tests.cms.journey import URL as JOURNEY
from tests.conftest import publish_child
from tests.factories import login_with_mfa, staff_member

pytestmark = pytest.mark.django_db

CACHE = "X-Page-Cache"


@pytest.fixture
def site(site_settings, request_help_page, feedback_page, locality_page, get_help_now_page):
    """A site whose settings exist (a first visit would otherwise create them mid-page)."""
    MashDutySettings.for_site(site_settings.site)
    return site_settings.site


def visit(client, url, **extra):
    """GET `url`, with the queries it made."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


@pytest.mark.parametrize(
    "url",
    ["/", "/oldbury/", "/get-help-now/", JOURNEY, "/feedback/"],
)
def test_a_public_page_is_served_from_the_cache_with_headers_a_cdn_honours(client, site, url):
    first, _queries = visit(client, url)
    again, queries = visit(Client(), url)

    assert first.status_code == again.status_code == 200
    assert first[CACHE] == "miss"
    assert again[CACHE] == "hit"
    assert queries == 0
    assert again.content == first.content
    cache_control = {part.strip() for part in again["Cache-Control"].split(",")}
    assert cache_control == {"public", "max-age=60", "s-maxage=300"}
    assert "Cookie" in again["Vary"]
    assert "Set-Cookie" not in again
    # Headers the outer middleware adds still come with a cached page.
    assert again["X-Content-Type-Options"] == "nosniff"
    assert again["X-Request-ID"] != first["X-Request-ID"]


def test_standard_and_you_said_we_did_pages_are_cached(client, site, home_page, standard_page):
    publish_child(home_page, YouSaidWeDidPage(title="You said, we did", slug="you-said", lead="x"))
    for url in ["/what-is-early-help/", "/you-said/"]:
        visit(client, url)
        response, queries = visit(client, url)
        assert (response[CACHE], queries) == ("hit", 0)


def test_a_cached_page_keeps_the_strict_policy_with_no_nonce(client, site):
    visit(client, "/")
    response, _queries = visit(client, "/")

    assert response[CACHE] == "hit"
    policy = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", policy).group(1).split()
    assert "unsafe-inline" not in policy
    assert "nonce-" not in policy
    # The one inline script is allowed by its own hash, and by nothing else.
    inline = re.findall(r"<script>(.*?)</script>", response.content.decode(), re.S)
    assert len(inline) == 1
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    assert script_src == ["'self'", f"'sha256-{digest}'"]
    assert "<script nonce" not in response.content.decode()


def test_the_cache_is_kept_apart_by_language(client, site, urdu_home_page):
    visit(client, "/")
    urdu, _queries = visit(client, "/ur/")
    english, _queries = visit(client, "/")

    assert urdu[CACHE] == "miss"
    assert 'lang="ur"' in urdu.content.decode()
    assert english[CACHE] == "hit"
    assert 'lang="en"' in english.content.decode()


def test_the_cache_is_kept_apart_by_site(client, site, home_page):
    other_home = publish_child(
        Page.get_first_root_node(),
        HomePage(title="Early help in another council", slug="another", lead="Elsewhere."),
    )
    other_site = Site.objects.create(hostname="127.0.0.1", root_page=other_home)
    SiteSettings.for_site(other_site)
    MashDutySettings.for_site(other_site)
    visit(client, "/")

    other, _queries = visit(client, "/", HTTP_HOST="127.0.0.1")
    ours, _queries = visit(client, "/")

    assert other[CACHE] == "miss"
    assert "Early help in another council" in other.content.decode()
    assert ours[CACHE] == "hit"
    assert "Another council" not in ours.content.decode()


def test_campaign_tracking_shares_the_page_and_other_parameters_do_not(client, site):
    visit(client, "/")
    tracked, queries = visit(client, "/?utm_source=school-letter&utm_medium=print")
    other, _other_queries = visit(client, "/?page=2")

    assert (tracked[CACHE], queries) == ("hit", 0)
    assert CACHE not in other


@pytest.fixture
def redis_cache(settings):
    """The page cache on a real Redis (production reads it without Django's client)."""
    import uuid

    import redis

    location, prefix = "redis://127.0.0.1:6379/7", f"fv-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": prefix,
        }
    }
    yield
    client = redis.Redis.from_url(location)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_pages_are_cached_and_invalidated_in_redis(client, site, redis_cache, home_page):
    first, _queries = visit(client, "/")
    again, queries = visit(client, "/")
    assert (first[CACHE], again[CACHE], queries) == ("miss", "hit", 0)
    assert again.content == first.content

    home_page.lead = "Something new for families this week."
    home_page.save_revision().publish()

    fresh, _queries = visit(client, "/")
    assert fresh[CACHE] == "miss"
    assert "Something new for families this week." in fresh.content.decode()


def test_journey_steps_are_never_cached_even_after_a_cached_page(client, site):
    visit(client, JOURNEY)
    visit(client, JOURNEY)

    step, _queries = visit(client, JOURNEY + "step/safety/")
    assert CACHE not in step
    assert "no-store" in step["Cache-Control"]
    client.post(JOURNEY + "step/safety/", {})
    client.post(JOURNEY + "step/who/", {"requester_type": "parent_carer"})

    # With saved answers the start page is theirs: never from the cache, never stored.
    start, queries = visit(client, JOURNEY)
    assert CACHE not in start
    assert queries > 0
    assert "You have already started" in start.content.decode()
    assert "no-store" in start["Cache-Control"]
    stranger, _queries = visit(Client(), JOURNEY)
    assert stranger[CACHE] == "hit"
    assert "You have already started" not in stranger.content.decode()


def test_check_answers_and_resume_are_never_cached(client, site):
    visit(client, JOURNEY)
    for path in ["check-your-answers/", "carry-on/", "sent/"]:
        for _ in range(2):
            response, _queries = visit(client, JOURNEY + path)
            assert CACHE not in response, path


def test_a_visitor_with_a_session_gets_no_cached_page(client, site):
    visit(Client(), "/")
    session = client.session
    session["draft"] = "something private"
    session.save()

    response, queries = visit(client, "/")

    assert CACHE not in response
    assert queries > 0
    assert "public" not in response.get("Cache-Control", "")


def test_a_signed_in_editor_never_gets_or_fills_the_cache(client, site):
    editor = staff_member(StaffRole.COMMS_EDITOR)
    login_with_mfa(client, editor)

    as_editor, _queries = visit(client, "/")
    assert as_editor.status_code == 200
    assert CACHE not in as_editor
    assert "private" in as_editor["Cache-Control"]
    # The editor's visit stored nothing: the first anonymous visitor renders the page.
    anonymous, _queries = visit(Client(), "/")
    assert anonymous[CACHE] == "miss"

    again, queries = visit(client, "/")
    assert CACHE not in again
    assert queries > 0


def test_exit_this_page_still_clears_everything_after_a_cached_page(client, site):
    visit(client, "/")
    visit(client, "/")
    session = client.session
    session["draft"] = "something private"
    session.save()

    for method in (client.get, client.post):
        response = method("/exit/")
        assert response.status_code == 302
        assert CACHE not in response
        assert response["Clear-Site-Data"] == '"cookies", "storage"'
        assert "no-store" in response["Cache-Control"]


def test_publishing_a_page_shows_at_once(client, site, home_page):
    visit(client, "/")
    home_page.lead = "Something new for families this week."
    home_page.save_revision().publish()

    response, _queries = visit(client, "/")

    assert response[CACHE] == "miss"
    assert "Something new for families this week." in response.content.decode()


def test_publishing_a_town_page_updates_the_home_page_list(client, site, home_page, locality):
    visit(client, "/")
    from cms.models import LocalityPage

    publish_child(
        home_page,
        LocalityPage(title="Early help in Tipton", slug="tipton", locality=locality, lead="x"),
    )

    assert 'href="/tipton/"' in client.get("/").content.decode()


def test_unpublishing_a_page_takes_it_out_of_the_cache(client, site, get_help_now_page):
    visit(client, "/get-help-now/")
    get_help_now_page.unpublish()

    assert client.get("/get-help-now/").status_code == 404


@pytest.mark.parametrize("url", ["/", "/get-help-now/", JOURNEY])
def test_changing_site_settings_shows_at_once(client, site, site_settings, url):
    visit(client, url)
    visit(client, url)
    site_settings.mash_phone = "0121 496 0444"
    site_settings.save()

    response, _queries = visit(client, url)

    assert response[CACHE] == "miss"
    assert "0121 496 0444" in response.content.decode()


def test_changing_mash_duty_hours_shows_at_once(client, site, site_settings):
    visit(client, "/")
    before = client.get("/").content.decode()
    mash = MashDutySettings.for_site(site_settings.site)
    mash.opens_at = mash.opens_at.replace(hour=7)
    mash.save()

    after = client.get("/").content.decode()

    assert after != before
    assert "7" in after.split("Multi-Agency Safeguarding Hub on", 1)[1].split("</p>", 1)[0]


def test_changing_a_town_shows_on_its_page_at_once(client, site, locality):
    visit(client, "/oldbury/")
    locality.phone = "0121 496 0777"
    locality.save()

    assert "0121 496 0777" in client.get("/oldbury/").content.decode()


def test_a_quote_taken_back_leaves_you_said_we_did_at_once(client, site, home_page):
    from early_help.models import Feedback

    feedback = Feedback.objects.create(
        journey="family",
        about_role="teacher",
        approved_to_quote=True,
        quote="My worker listened to me.",
        you_said_we_did="We kept the same worker.",
    )
    page = YouSaidWeDidPage(title="You said, we did", slug="you-said", lead="x")
    home_page.add_child(instance=page)
    YouSaidWeDidItem.objects.create(page=page, feedback=feedback)
    page.save_revision().publish()
    assert "My worker listened to me." in visit(client, "/you-said/")[0].content.decode()

    feedback.quote = "Quote withdrawn."
    feedback.save()

    assert "My worker listened to me." not in client.get("/you-said/").content.decode()


def test_a_private_page_is_neither_listed_nor_cached(client, site, home_page, locality_page):
    PageViewRestriction.objects.create(
        page=locality_page, restriction_type=PageViewRestriction.PASSWORD, password="hunter22"
    )

    home = client.get("/").content.decode()
    private, _queries = visit(client, "/oldbury/")
    again, _queries = visit(client, "/oldbury/")

    assert 'href="/oldbury/"' not in home
    assert "Oldbury Early Help Team" not in private.content.decode()
    assert CACHE not in again
    assert "no-store" in again["Cache-Control"]


def test_making_a_cached_page_private_takes_it_out_of_the_cache(client, site, locality_page):
    visit(client, "/oldbury/")
    PageViewRestriction.objects.create(
        page=locality_page, restriction_type=PageViewRestriction.PASSWORD, password="hunter22"
    )

    assert "Oldbury Early Help Team" not in client.get("/oldbury/").content.decode()


def test_a_cold_home_page_makes_at_most_six_queries(
    client, site, get_help_now_page, urdu_home_page, django_assert_max_num_queries
):
    # The site's first visit fills what lasts between publishes (settings, footer, help);
    # publishing any page then empties the page cache, as editors do all day.
    visit(client, "/")
    visit(client, "/ur/")
    get_help_now_page.save_revision().publish()

    with django_assert_max_num_queries(6):
        english = client.get("/")
    # Wagtail routes /ur/ through the English root and then finds its translation, and the
    # menu pages are looked up in Urdu: two more.
    with django_assert_max_num_queries(8):
        urdu = client.get("/ur/")

    assert english[CACHE] == urdu[CACHE] == "miss"
    assert 'href="/oldbury/"' in english.content.decode()
    assert 'hreflang="ur"' in english.content.decode()


class PurgeRecorder(BaseHTTPRequestHandler):
    purged: list[str] = []

    def do_PURGE(self):
        PurgeRecorder.purged.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def caching_proxy(settings):
    """A local stand-in for Varnish that records what it is asked to purge."""
    server = HTTPServer(("127.0.0.1", 0), PurgeRecorder)
    PurgeRecorder.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield PurgeRecorder.purged
    server.shutdown()
    server.server_close()


def test_a_configured_front_end_cache_is_purged_when_settings_change(
    site, site_settings, caching_proxy, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.mash_phone = "0121 496 0444"
        site_settings.save()

    assert {"/", "/oldbury/", "/get-help-now/", JOURNEY, "/feedback/"} <= set(caching_proxy)


def test_no_front_end_cache_is_called_when_none_is_configured(
    site, site_settings, settings, django_capture_on_commit_callbacks
):
    assert not getattr(settings, "WAGTAILFRONTENDCACHE", None)
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.save()
