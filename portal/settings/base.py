"""Settings shared by every environment.

Safe for production as they stand: DEBUG is off, there is no default SECRET_KEY, cookies are
secure and the public site runs under a strict Content Security Policy. ``dev.py`` and
``test.py`` relax what they must. Every value that changes between deployments is read from
the environment and documented in the README and ``.env.example``.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is required. Set it in the environment (see .env.example)."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# The public address of the site, without a trailing slash. Used wherever we must give a
# full URL to someone outside the request: Twilio's signature check, links in text
# messages, Wagtail's admin notifications.
PUBLIC_BASE_URL = (env("PUBLIC_BASE_URL", "http://127.0.0.1:8000") or "").rstrip("/")
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL

INSTALLED_APPS = [
    "early_help",
    "cms",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "phonenumber_field",
    "django_tasks",
    "django_tasks_db",
    "django_filters",
    "csp",
    # The API's docs page serves Swagger UI from ninja's static files, not a CDN.
    "ninja",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",
]

MIDDLEWARE = [
    # First, so its one line per request times and sees everything, redirects included.
    "portal.logging.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session, so a shared public page costs one cache round trip and nothing
    # else; it stores only what a page allows and nothing personal (cms/page_cache.py).
    "cms.page_cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "early_help.staff_access.sign_in.StaffSecurityMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Our form field templates (GOV.UK Frontend markup) live in templates/forms/.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60") or 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database serves the web processes and the task worker at once (DESIGN.md
    # 6). WAL lets people read while someone writes; "IMMEDIATE" takes the write lock when a
    # transaction begins, so two transactions never both read and then fail to upgrade
    # (SQLite answers that at once with "database is locked", whatever the timeout); the
    # timeout (seconds) is how long a writer waits for the lock before giving up.
    # synchronous=NORMAL is durable across application crashes in WAL mode and much faster.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "family-voice",
        }
    }
else:
    # Each process keeps its own cache: fine for one process, wrong for rate limits across
    # several workers. Production sets REDIS_URL.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "family-voice",
        }
    }

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "sms"],
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# --- Staff sign-in (django-allauth with MFA) -------------------------------------------
LOGIN_URL = "account_login"
WAGTAILADMIN_LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "wagtailadmin_home"
WAGTAIL_PASSWORD_RESET_ENABLED = False  # allauth's reset, so no path skips MFA
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
ACCOUNT_ADAPTER = "early_help.staff_access.sign_in.StaffAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "5/5m/ip,5/5m/key",
    "reset_password": "5/m/ip,3/5m/key",
}
ACCOUNT_TRUSTED_PROXY_COUNT = int(env("FAMILY_VOICE_TRUSTED_PROXY_COUNT", "0") or 0)
MFA_ADAPTER = "early_help.staff_access.sign_in.StaffMFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TRUST_ENABLED = False
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_TOTP_ISSUER = "Family Voice"
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "Family Voice <no-reply@example.org>")
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("DJANGO_EMAIL_PORT", "25") or 25)
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
# Staff sessions end after this long without a request, and when the browser closes.
FAMILY_VOICE_STAFF_IDLE_SECONDS = 30 * 60
# Emails that may use the admin without MFA. Only dev sets it (the demo users);
# production refuses to start with it.
FAMILY_VOICE_MFA_EXEMPT_EMAILS: list[str] = []

# --- Languages -------------------------------------------------------------------------
# Django names Punjabi in Latin letters ("Punjabi"), which the language switcher would show
# to Punjabi readers. Sandwell's Punjabi speakers mostly read Gurmukhi, so "pa" here means
# Gurmukhi script, and its own name is written in it.
LANG_INFO["pa"] = {"bidi": False, "code": "pa", "name": "Punjabi", "name_local": "ਪੰਜਾਬੀ"}

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("pl", _("Polish")),
    ("ur", _("Urdu")),
    ("pa", _("Punjabi")),
    ("bn", _("Bengali")),
    ("ro", _("Romanian")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static and media ------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static" / "build"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")) or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "portal.storage.StaticStorage"},
}

# --- Wagtail ---------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Family Voice"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]

# --- Security --------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# Load balancers probe each process directly, over plain HTTP (portal/health.py).
SECURE_REDIRECT_EXEMPT = [r"^healthz/"]
SECURE_HSTS_SECONDS = int(env("DJANGO_SECURE_HSTS_SECONDS", "31536000") or 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

GOVUK_FRONTEND_JS_ENABLED_HASH = "'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='"
# The strict policy covers the public site. Wagtail's admin needs inline scripts and
# styles, so it is left out by prefix rather than weakening the policy for everyone.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        # The one inline script (templates/base.html, GOV.UK Frontend's "js-enabled" line)
        # by its hash, which GOV.UK Frontend publishes: no nonce, because a cached page
        # would hand the same nonce to everyone.
        "script-src": [SELF, GOVUK_FRONTEND_JS_ENABLED_HASH],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# --- The public page cache (cms/page_cache.py) ----------------------------------------
# Anonymous visitors share one rendering of each public page, kept in the cache above
# (Redis in production). Publishing or changing settings makes stored pages stale at once;
# this is only how long an entry may live at most. 0 turns the page cache off.
FAMILY_VOICE_PAGE_CACHE_SECONDS = int(env("FAMILY_VOICE_PAGE_CACHE_SECONDS", "600") or 0)
# What browsers (max-age) and a CDN or proxy in front (s-maxage) may keep without asking.
FAMILY_VOICE_PAGE_MAX_AGE = int(env("FAMILY_VOICE_PAGE_MAX_AGE", "60") or 0)
FAMILY_VOICE_PAGE_S_MAXAGE = int(env("FAMILY_VOICE_PAGE_S_MAXAGE", "300") or 0)

# A CDN or caching proxy in front: Wagtail's front-end cache purges pages when they change
# (wagtail.contrib.frontend_cache). "http" sends PURGE to a Varnish/Squid-style proxy at
# FRONTEND_CACHE_LOCATION; "cloudflare" uses Cloudflare's API with a zone and a token.
FRONTEND_CACHE_BACKEND = env("FRONTEND_CACHE_BACKEND", "")
if FRONTEND_CACHE_BACKEND == "http":
    if not env("FRONTEND_CACHE_LOCATION"):
        raise ImproperlyConfigured("FRONTEND_CACHE_BACKEND=http needs FRONTEND_CACHE_LOCATION.")
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env("FRONTEND_CACHE_LOCATION"),
        }
    }
elif FRONTEND_CACHE_BACKEND == "cloudflare":
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": env("FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN"),
            "ZONEID": env("FRONTEND_CACHE_CLOUDFLARE_ZONEID"),
        }
    }
elif FRONTEND_CACHE_BACKEND:
    raise ImproperlyConfigured("FRONTEND_CACHE_BACKEND must be http, cloudflare or empty.")
if FRONTEND_CACHE_BACKEND:
    INSTALLED_APPS.insert(
        INSTALLED_APPS.index("wagtail.contrib.settings"), "wagtail.contrib.frontend_cache"
    )

# --- Retention (DESIGN.md rule 6): `manage.py apply_retention` runs daily --------------
# Days after a help request closes before its personal details are removed.
FAMILY_VOICE_RETENTION_DAYS_HELP_REQUESTS = int(
    env("FAMILY_VOICE_RETENTION_DAYS_HELP_REQUESTS", "2190") or 2190
)
# Days before the words and numbers of texts are removed (the delivery record stays).
FAMILY_VOICE_RETENTION_DAYS_TEXTS = int(env("FAMILY_VOICE_RETENTION_DAYS_TEXTS", "180") or 180)
# Days before named feedback loses the name and reply number.
FAMILY_VOICE_RETENTION_DAYS_FEEDBACK = int(
    env("FAMILY_VOICE_RETENTION_DAYS_FEEDBACK", "365") or 365
)
# Days the audit trail (who viewed, changed or exported what) is kept: two years, the
# period councils commonly keep access logs for.
FAMILY_VOICE_RETENTION_DAYS_AUDIT = int(env("FAMILY_VOICE_RETENTION_DAYS_AUDIT", "730") or 730)
# Days outgoing webhook deliveries and their tries are kept (they hold ids, no personal
# details): long enough to look into a case system's complaint about a missed notice.
FAMILY_VOICE_RETENTION_DAYS_WEBHOOKS = int(env("FAMILY_VOICE_RETENTION_DAYS_WEBHOOKS", "90") or 90)

# --- Text messages (Twilio) -----------------------------------------------------------
TWILIO_ACCOUNT_SID = env("TWILIO_ACCOUNT_SID", "")
TWILIO_AUTH_TOKEN = env("TWILIO_AUTH_TOKEN", "")
TWILIO_MESSAGING_SERVICE_SID = env("TWILIO_MESSAGING_SERVICE_SID", "")
TWILIO_FROM_NUMBER = env("TWILIO_FROM_NUMBER", "")
TWILIO_TIMEOUT_SECONDS = float(env("TWILIO_TIMEOUT_SECONDS", "10") or 10)
# Only for tests and benchmarks: a local stand-in for api.twilio.com.
TWILIO_API_BASE_URL = env("TWILIO_API_BASE_URL", "")
# console (logs; dev inbox page), locmem (tests) or twilio. Twilio switches on by itself
# when its account is configured.
SMS_BACKEND = env("SMS_BACKEND") or ("twilio" if TWILIO_ACCOUNT_SID else "console")
# Texts wait between these hours, UK time ("21-8": 21:00 to 08:00). "0-0" turns it off.
FAMILY_VOICE_SMS_QUIET_HOURS = tuple(
    int(h) for h in (env("FAMILY_VOICE_SMS_QUIET_HOURS", "21-8") or "21-8").split("-")
)
# The number texts give when a request has no town team yet (and in replies to HELP).
FAMILY_VOICE_CONTACT_PHONE = env("FAMILY_VOICE_CONTACT_PHONE", "0121 496 0100")

# --- Outgoing webhooks to case systems ------------------------------------------------
# Seconds to wait for a case system's webhook receiver before counting the try as failed.
FAMILY_VOICE_WEBHOOK_TIMEOUT_SECONDS = float(
    env("FAMILY_VOICE_WEBHOOK_TIMEOUT_SECONDS", "10") or 10
)
# Webhook addresses must be HTTPS; dev and test settings also allow http:// to this
# machine (127.0.0.1, localhost) for a local receiver.
FAMILY_VOICE_WEBHOOKS_ALLOW_LOCAL_HTTP = False

# --- Logging ---------------------------------------------------------------------------
# Personal data never goes to the logs (DESIGN.md rule 4): we log ids and references only.
# One line per request and per task (portal/logging.py), each with its request id;
# "json" (production's default) for a log platform, "plain" for people reading a terminal.
LOG_FORMAT = env("DJANGO_LOG_FORMAT", "plain")
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured("DJANGO_LOG_FORMAT must be plain or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "portal.logging.RequestIdFilter"},
        "library_task_lines": {"()": "portal.logging.LibraryTaskLinesFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(levelname)s %(name)s %(message)s %(request_id)s %(process)d",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id", "library_task_lines"],
        }
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- Family Voice ----------------------------------------------------------------------
# Ofcom's drama range (07700 900000-900999) is reserved for fiction; phonenumbers calls it
# invalid. Dev and test settings accept it so demo data never uses a real number.
FAMILY_VOICE_ALLOW_DRAMA_NUMBERS = False
# `seed_demo` invents people and passwords: only dev and test may run it.
FAMILY_VOICE_DEMO_DATA_ALLOWED = False
# Targets, in working days (weekends and England and Wales bank holidays skipped).
FAMILY_VOICE_FIRST_CONTACT_WORKING_DAYS = int(
    env("FAMILY_VOICE_FIRST_CONTACT_WORKING_DAYS", "2") or 2
)
FAMILY_VOICE_MASH_TRIAGE_WORKING_DAYS = int(env("FAMILY_VOICE_MASH_TRIAGE_WORKING_DAYS", "1") or 1)
# Requests one address may send in an hour before we ask them to phone instead.
FAMILY_VOICE_SUBMISSIONS_PER_HOUR = int(env("FAMILY_VOICE_SUBMISSIONS_PER_HOUR", "5") or 5)
# Wrong codes one address may try in an hour when carrying on a saved request.
FAMILY_VOICE_RESUME_ATTEMPTS_PER_HOUR = int(
    env("FAMILY_VOICE_RESUME_ATTEMPTS_PER_HOUR", "10") or 10
)
# How many proxies in front of the site add to X-Forwarded-For; 0 means trust none.
FAMILY_VOICE_TRUSTED_PROXY_COUNT = int(env("FAMILY_VOICE_TRUSTED_PROXY_COUNT", "0") or 0)
