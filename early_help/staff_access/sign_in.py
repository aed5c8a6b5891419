"""Staff sign-in: allauth with multi-factor authentication required for the admin.

allauth has no "require MFA" setting, so `StaffSecurityMiddleware` enforces it: anyone
signed in who reaches /admin/ without a second factor is sent to set one up, and anyone
whose session did not use it is asked for it again. It also ends staff sessions after
30 minutes without a request.
"""

import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode

LAST_SEEN_SESSION_KEY = "staff_last_seen"


class StaffAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Staff accounts are made by administrators, never by signing up.
        return False

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        return reverse("wagtailadmin_home")


class StaffMFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator) -> bool:
        # Keep at least one real factor: removing the last would lock them out of the admin.
        from allauth.mfa.models import Authenticator

        if authenticator.type == Authenticator.Type.RECOVERY_CODES:
            return False
        others = Authenticator.objects.filter(user=authenticator.user).exclude(pk=authenticator.pk)
        return others.exclude(type=Authenticator.Type.RECOVERY_CODES).exists()


def _session_used_mfa(request: HttpRequest) -> bool:
    from allauth.account.internal.flows.login import get_authentication_records

    return any(
        record.get("method") == "mfa"
        for record in get_authentication_records(request, request.user)
    )


def mfa_exempt(user) -> bool:
    return (user.email or "").lower() in {
        e.lower() for e in settings.FAMILY_VOICE_MFA_EXEMPT_EMAILS
    }


class StaffSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(LAST_SEEN_SESSION_KEY, now)
            if now - last_seen > settings.FAMILY_VOICE_STAFF_IDLE_SECONDS:
                logout(request)
                return HttpResponseRedirect(
                    f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}"
                )
            # Written at most once a minute, so the admin's many requests do not all save
            # the session (and fight over it).
            if now - last_seen > 60 or LAST_SEEN_SESSION_KEY not in request.session:
                request.session[LAST_SEEN_SESSION_KEY] = now
            if request.session.get("_session_expiry") != 0:
                request.session.set_expiry(0)  # the staff session ends when the browser closes
            if request.path_info.startswith("/admin/"):
                response = self._require_mfa(request)
                if response is not None:
                    return response
        return self.get_response(request)

    def _require_mfa(self, request: HttpRequest):
        from allauth.mfa.utils import is_mfa_enabled

        user = request.user
        if mfa_exempt(user):
            return None
        next_query = urlencode({"next": request.get_full_path()})
        from allauth.mfa.models import Authenticator

        if not is_mfa_enabled(user, [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]):
            return HttpResponseRedirect(f"{reverse('mfa_activate_totp')}?{next_query}")
        if not _session_used_mfa(request):
            return HttpResponseRedirect(f"{reverse('mfa_reauthenticate')}?{next_query}")
        return None
