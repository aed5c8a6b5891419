"""The public page cache: anonymous visitors share one rendering of each public page.

Why this and not a library (README, "Caching public pages"): Django's own cache middleware
caches whatever a view does not forbid, so every personal page would have to opt out, and
it has no way to invalidate; wagtail-cache is the same middleware with a keyring and clears
a whole cache backend (ours also holds the rate limits). Here caching is opt-in: a page
type says "my public view is the same for every anonymous visitor" (`allow_public_cache`)
and this middleware stores that response only when nothing about the request or the
response is personal. It is built from Django's own header helpers, so a CDN in front
sees ordinary `Cache-Control: public, max-age, s-maxage` and `Vary`.

Invalidation without scanning keys: every stored page carries the two version numbers
that were current when it was rendered; publishing bumps the content version, and a
change to what every page shows around its content (site settings, MASH duty settings,
a page's address, privacy) bumps the "chrome" version too. Stale entries are never
served again and expire by themselves. Fragments that depend only on the chrome (the
footer, "If you need help now") are cached with the chrome version, so a cold page after
an ordinary publish does not fetch the settings again.
"""

import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache, RedisSerializer
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language_from_path

logger = logging.getLogger(__name__)

# Short keys: a cached page is one round trip, and keys are part of its cost.
CONTENT_VERSION_KEY = "fvpc:c"
CHROME_VERSION_KEY = "fvpc:h"
ENTRY_PREFIX = "fvpc:e:"
# Tells tests, the benchmark and whoever reads a response what the page cache did.
STATUS_HEADER = "X-Page-Cache"
# Added by campaigns (a text, a school letter's QR code); the page is the same without them.
TRACKING_PARAMETERS = ("utm_", "fbclid", "gclid", "msclkid")
# Never looked up: staff, sign-in, webhooks, health checks, files.
NEVER_CACHED_PREFIXES = (
    "/admin/",
    "/accounts/",
    "/exit/",
    "/sms/",
    "/healthz/",
    "/static/",
    "/media/",
    "/documents/",
    "/api/",
)
# Headers the outer middleware adds to every response (cached or not) are not stored.
NOT_STORED_HEADERS = {"set-cookie", "x-request-id", STATUS_HEADER.lower()}
PERSONAL_CACHE_CONTROL = ("private", "no-store", "no-cache", "max-age=0")


@dataclass(frozen=True)
class Versions:
    content: int
    chrome: int


def allow_public_cache(response: HttpResponse) -> HttpResponse:
    """Mark a page's response as the same for every anonymous visitor (it may be shared).

    The middleware still refuses it if the request or the response turns out personal.
    """
    response.fv_public_page = True
    return response


def _enabled() -> bool:
    return settings.FAMILY_VOICE_PAGE_CACHE_SECONDS > 0


def _entry_key(request: HttpRequest) -> str | None:
    """Scheme, host, language and path; None when the request must not share a page."""
    if request.method != "GET" or request.path.startswith(NEVER_CACHED_PREFIXES):
        return None
    # A session means a journey, a draft or a signed-in member of staff: never shared.
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return None
    if any(not name.startswith(TRACKING_PARAMETERS) for name in request.GET):
        return None
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    where = f"{request.scheme}://{request.get_host()}{request.path}"
    digest = hashlib.blake2b(where.encode(), digest_size=16).hexdigest()
    return f"{ENTRY_PREFIX}{language}:{digest}"


_redis_clients: dict[str, object] = {}


def _read_many(keys: list[str]) -> dict:
    """`cache.get_many`, straight to Redis when the cache is Redis.

    Django's Redis backend builds a new client object on every call, which was a third of
    what a cached page cost; this reads the same keys, written by `cache.set`, with one
    client per process and Django's own key names and serializer.
    """
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return backend.get_many(keys)
    location = settings.CACHES["default"]["LOCATION"]
    location = location if isinstance(location, str) else location[0]
    client = _redis_clients.get(location)
    if client is None:
        import redis

        client = _redis_clients[location] = redis.Redis.from_url(location)
    values = client.mget([backend.make_key(key) for key in keys])
    serializer = RedisSerializer()
    return {key: serializer.loads(v) for key, v in zip(keys, values, strict=True) if v is not None}


def current_versions(request: HttpRequest | None = None) -> Versions:
    """The versions in force, read once per request (the middleware may have read them)."""
    known = getattr(request, "fv_cache_versions", None)
    if known is not None:
        return known
    found = _read_many([CONTENT_VERSION_KEY, CHROME_VERSION_KEY])
    versions = Versions(found.get(CONTENT_VERSION_KEY, 0), found.get(CHROME_VERSION_KEY, 0))
    if request is not None:
        request.fv_cache_versions = versions
    return versions


def chrome_version(request: HttpRequest) -> int:
    """For cached template fragments that show settings (see templates/includes/)."""
    return current_versions(request).chrome


def _is_personal(request: HttpRequest, response: HttpResponse) -> bool:
    if getattr(request, "is_preview", False):
        return True
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    # A CSRF token or a cookie in the page belongs to one visitor; so does a nonce.
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return True
    if "'nonce-" in response.get("Content-Security-Policy", ""):
        return True
    cache_control = response.get("Cache-Control", "").lower()
    return any(word in cache_control for word in PERSONAL_CACHE_CONTROL)


class PublicPageCacheMiddleware:
    """Serve shared public pages from the cache, and store the ones pages allow.

    Sits just inside WhiteNoise: a hit costs one cache round trip and none of the session,
    authentication, CSRF or page routing that follows. Everything inner middleware adds
    (CSP, X-Frame-Options, Vary, Content-Language) is stored with the page; everything
    outer (security headers, the request id and the log line) is added to every response.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = _entry_key(request) if _enabled() else None
        if key is None:
            return self._uncached(request, self.get_response(request))
        try:
            # Every change to the chrome also bumps the content version, so a stored page
            # is current when its content version is.
            found = _read_many([key, CONTENT_VERSION_KEY])
        except Exception:
            # The cache is down: serve the page from the database rather than fail.
            logger.exception("page cache unavailable")
            return self._uncached(request, self.get_response(request))
        content = found.get(CONTENT_VERSION_KEY, 0)
        entry = found.get(key)
        if entry is not None and entry[0] == content:
            return self._from_entry(entry)
        # Stored under the content version read above: if anything changed since, the
        # version has moved on and this rendering is never served.
        chrome = _read_many([CHROME_VERSION_KEY]).get(CHROME_VERSION_KEY, 0)
        versions = request.fv_cache_versions = Versions(content, chrome)
        response = self.get_response(request)
        if not getattr(response, "fv_public_page", False) or response.status_code != 200:
            return self._uncached(request, response)
        if response.streaming or _is_personal(request, response):
            return self._uncached(request, response)
        self._make_shareable(response)
        headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED_HEADERS]
        entry = (versions.content, headers, response.content)
        try:
            cache.set(key, entry, settings.FAMILY_VOICE_PAGE_CACHE_SECONDS)
        except Exception:
            logger.exception("page cache unavailable")
        response[STATUS_HEADER] = "miss"
        return response

    @staticmethod
    def _make_shareable(response: HttpResponse) -> None:
        patch_cache_control(
            response,
            public=True,
            max_age=settings.FAMILY_VOICE_PAGE_MAX_AGE,
            s_maxage=settings.FAMILY_VOICE_PAGE_S_MAXAGE,
        )
        # A shared cache in front must not hand this page to someone with a session (their
        # start page shows their saved answers): Vary on the cookie keeps them apart.
        patch_vary_headers(response, ["Cookie"])

    @staticmethod
    def _uncached(request: HttpRequest, response: HttpResponse) -> HttpResponse:
        """A page that may be shared, shown to someone it must not be shared from."""
        if getattr(response, "fv_public_page", False) and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response

    @staticmethod
    def _from_entry(entry) -> HttpResponse:
        _versions, headers, content = entry
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response[STATUS_HEADER] = "hit"
        return response


def page_cache_invalidate(*, chrome: bool = False) -> None:
    """Make every stored page stale; with `chrome`, the cached footer and help too.

    Effects: bumps the version(s) now, so this process and every other stop serving what
    was stored, and again when the transaction commits, so a page rendered from the old
    data between the two is not kept either. Purges the front-end cache (CDN) when one is
    configured, after the commit.
    """

    def bump() -> None:
        keys = [CONTENT_VERSION_KEY, CHROME_VERSION_KEY] if chrome else [CONTENT_VERSION_KEY]
        for key in keys:
            # add() then incr() keeps the counter atomic across processes (Redis INCR).
            cache.add(key, 0, timeout=None)
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=None)

    bump()
    # robust: a failing bump must not stop the other callbacks of the commit.
    transaction.on_commit(bump, robust=True)
    transaction.on_commit(frontend_cache_purge_all, robust=True)


def frontend_cache_purge_all() -> None:
    """Purge every live public page from the CDN, when `wagtail.contrib.frontend_cache` is on.

    Every page shows the footer, the help numbers and links to other pages, so any change
    may show anywhere: the site is small enough to purge whole, in one batch per backend.
    """
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Page

    batch = PurgeBatch()
    batch.add_pages(Page.objects.live().public().specific(defer=True))
    try:
        batch.purge()
    except Exception:
        # A CDN that does not answer must not undo an editor's publish; pages still
        # expire after s-maxage.
        logger.exception("front-end cache purge failed")


def _content_changed(**kwargs) -> None:
    page_cache_invalidate()


def _page_published(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    from .models import SiteSettings

    # The footer links to pages in the visitor's language: a page it links to, newly
    # published in one more language, changes the footer too.
    linked = [
        block["value"].get("page")
        for footer in SiteSettings.objects.values_list("footer_links", flat=True)
        for block in (footer.raw_data if hasattr(footer, "raw_data") else footer or [])
        if isinstance(block.get("value"), dict)
    ]
    in_footer = Page.objects.filter(
        id__in=[pk for pk in linked if pk], translation_key=instance.translation_key
    ).exists()
    page_cache_invalidate(chrome=in_footer)


def _chrome_changed(**kwargs) -> None:
    page_cache_invalidate(chrome=True)


def _setting_changed(sender, **kwargs) -> None:
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    if issubclass(sender, (BaseSiteSetting, BaseGenericSetting)):
        page_cache_invalidate(chrome=True)


def _feedback_changed(sender, instance, **kwargs) -> None:
    from .models import YouSaidWeDidItem

    # Feedback is saved all day; only a quote a published page shows matters here.
    if YouSaidWeDidItem.objects.filter(feedback_id=instance.pk).exists():
        page_cache_invalidate()


def connect_page_cache_invalidation() -> None:
    """Connect what changes a public page to `page_cache_invalidate` (CmsConfig.ready)."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, PageViewRestriction, Site
    from wagtail.signals import (
        page_published,
        page_slug_changed,
        page_unpublished,
        post_page_move,
    )

    from early_help.models import Council, Feedback, Locality

    uid = "fv-page-cache"
    # Content: the page itself, and what a page shows of other records.
    page_published.connect(_page_published, dispatch_uid=f"{uid}-published")
    for model in (Locality, get_image_model(), get_document_model()):
        post_save.connect(_content_changed, sender=model, dispatch_uid=f"{uid}-{model.__name__}")
        post_delete.connect(
            _content_changed, sender=model, dispatch_uid=f"{uid}-{model.__name__}-del"
        )
    post_save.connect(_feedback_changed, sender=Feedback, dispatch_uid=f"{uid}-feedback")
    # Chrome: what every page shows around its content, and where pages are.
    page_unpublished.connect(_chrome_changed, dispatch_uid=f"{uid}-unpublished")
    page_slug_changed.connect(_chrome_changed, dispatch_uid=f"{uid}-slug")
    post_page_move.connect(_chrome_changed, dispatch_uid=f"{uid}-move")
    # A council's name and colour are in every page's header.
    for model in (PageViewRestriction, Site, Locale, Council):
        post_save.connect(_chrome_changed, sender=model, dispatch_uid=f"{uid}-{model.__name__}")
        post_delete.connect(
            _chrome_changed, sender=model, dispatch_uid=f"{uid}-{model.__name__}-del"
        )
    # Every site setting (ours, MASH duty's, any added later).
    post_save.connect(_setting_changed, dispatch_uid=f"{uid}-settings")
    post_delete.connect(_setting_changed, dispatch_uid=f"{uid}-settings-del")
