"""Production. Everything secure comes from base.py; this file only refuses unsafe setups."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DEBUG, FAMILY_VOICE_MFA_EXEMPT_EMAILS, LOGGING, env

if DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG must be off in production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS is required in production.")
if not env("DATABASE_URL"):
    raise ImproperlyConfigured("DATABASE_URL is required in production (PostgreSQL).")
if FAMILY_VOICE_MFA_EXEMPT_EMAILS:
    raise ImproperlyConfigured("Every production user must use MFA: no exemptions.")

# A log platform reads JSON; DJANGO_LOG_FORMAT=plain still gives a person readable lines.
LOGGING["handlers"]["console"]["formatter"] = env("DJANGO_LOG_FORMAT", "json")
