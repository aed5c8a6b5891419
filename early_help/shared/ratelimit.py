"""Cache-based limits per address, so a script cannot flood the teams' queues.

The cache must be shared between processes in production (REDIS_URL). Addresses are
hashed before they become cache keys: no IP address is stored.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS = 3600


def client_ip(request: HttpRequest) -> str:
    """The visitor's address, trusting only as many X-Forwarded-For hops as we have proxies."""
    proxies = settings.FAMILY_VOICE_TRUSTED_PROXY_COUNT
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _key(action: str, request: HttpRequest) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_ip(request)}".encode()).hexdigest()[:32]
    return f"ratelimit:{action}:{digest}"


def is_limited(action: str, request: HttpRequest, limit: int) -> bool:
    return cache.get(_key(action, request), 0) >= limit


def hit(action: str, request: HttpRequest) -> None:
    key = _key(action, request)
    if cache.add(key, 1, WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, WINDOW_SECONDS)


def _subject_key(action: str, subject: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{subject}".encode()).hexdigest()[:32]
    return f"ratelimit:{action}:subject:{digest}"


def is_limited_for(action: str, subject: str, limit: int) -> bool:
    """Like `is_limited`, counted per thing (a reference) rather than per address, so that
    many addresses together cannot go past the limit either. The subject is hashed too."""
    return cache.get(_subject_key(action, subject), 0) >= limit


def hit_for(action: str, subject: str) -> None:
    key = _subject_key(action, subject)
    if cache.add(key, 1, WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, WINDOW_SECONDS)
