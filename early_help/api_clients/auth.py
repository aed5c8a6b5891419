"""Who is calling: a bearer token names an active client; its calls per minute are capped.

The limit lives in the shared cache (Redis in production), like the site's other rate
limits, so every web process counts the same calls.
"""

import time

from django.core.cache import cache
from ninja.security import HttpBearer

from .models import ApiClient
from .selectors import api_client_for_token
from .services import api_client_used


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


def rate_limit_hit(client: ApiClient, *, now: float | None = None) -> None:
    """Count this call in the client's current minute; raise RateLimited over its limit.

    A fixed window per wall-clock minute: the answer's Retry-After is the rest of it.
    """
    now = time.time() if now is None else now
    minute = int(now // 60)
    key = f"api-ratelimit:{client.pk}:{minute}"
    if cache.add(key, 1, 90):
        calls = 1
    else:
        try:
            calls = cache.incr(key)
        except ValueError:
            cache.set(key, 1, 90)
            calls = 1
    if calls > client.rate_limit_per_minute:
        raise RateLimited(retry_after=max(1, 60 - int(now % 60)))


class ClientToken(HttpBearer):
    """`Authorization: Bearer fv_...`. An unknown, rotated-away or revoked token is a 401."""

    def authenticate(self, request, token: str) -> ApiClient | None:
        client = api_client_for_token(token)
        if client is None or client.service_user is None:
            return None
        rate_limit_hit(client)
        api_client_used(client=client)
        request.api_client = client
        return client
