"""The test suite: `make test`."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-not-secret-family-voice")

from .base import *  # noqa: F403
from .base import LOGGING

DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost", ".localhost"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
FAMILY_VOICE_ALLOW_DRAMA_NUMBERS = True
FAMILY_VOICE_WEBHOOKS_ALLOW_LOCAL_HTTP = True

# Manifest storage needs collectstatic and breaks admin pages in tests (DESIGN.md 6).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
FAMILY_VOICE_DEMO_DATA_ALLOWED = True

# Serve static files straight from the build folder, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Quiet: Wagtail and django-tasks log every page save at INFO.
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "locmem"
TWILIO_ACCOUNT_SID = "AC" + "0" * 32
TWILIO_AUTH_TOKEN = "test-auth-token"  # noqa: S105 - signs test webhooks only
TWILIO_FROM_NUMBER = "+447700900000"
PUBLIC_BASE_URL = "https://familyvoice.example.org"
