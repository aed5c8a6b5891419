"""Local development: `make run`. Never use in production."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "dev-only-not-secret-family-voice")

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
# The demo's second council has its own site at http://dudley.localhost:8000/ (browsers
# send *.localhost to this machine); the leading dot allows every *.localhost name.
ALLOWED_HOSTS = ["127.0.0.1", "localhost", ".localhost", "[::1]"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
FAMILY_VOICE_ALLOW_DRAMA_NUMBERS = True
FAMILY_VOICE_WEBHOOKS_ALLOW_LOCAL_HTTP = True
FAMILY_VOICE_DEMO_DATA_ALLOWED = True

# Serve static files straight from the build folder, no collectstatic needed (and no
# manifest, so the site also runs with DJANGO_DEBUG=false, as some tests run it).
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The `make run` demo users sign in without a second factor, so a new colleague can look
# round at once. Everyone else, and every user in production, must use MFA.
FAMILY_VOICE_MFA_EXEMPT_EMAILS = [
    "worker.oldbury@example.org",
    "worker.tipton@example.org",
    "manager.oldbury@example.org",
    "mash.duty@example.org",
    "service.manager@example.org",
    "comms.editor@example.org",
    "comms.approver@example.org",
    "locality.data@example.org",
    "admin@example.org",
    "region.manager@example.org",
    "worker.dudley@example.org",
    "worker.stourbridge@example.org",
    "manager.dudley@example.org",
    "mash.dudley@example.org",
]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
