"""Local development: `make run`. Never use in production."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "dev-only-not-secret-family-voice")

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
FAMILY_VOICE_ALLOW_DRAMA_NUMBERS = True
FAMILY_VOICE_DEMO_DATA_ALLOWED = True

# Serve static files straight from the build folder, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
