""" "Where is my request?": a family sees where their request is, with a code we text them.
`cms.RequestHelpPage` routes here, passing itself as `page`.

1. The family types their reference. Whatever it is, and whether or not we may text
   them, the next page says the same: if we can text you, we have sent a code; if not,
   phone us. Telling a stranger "we cannot text this family" would itself be a risk.
2. They type the code. A right code lets this session see the request for a while.
3. The status page shows where the request is, in plain words, and nothing else; the
   family may ask for a different worker or add something they forgot.

Nothing here is ever cached: `never_cache` marks every answer private and no-store.
"""

import time

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.models import Site

from ..councils.selectors import contact_phone, council_for_request
from ..mash_duty.selectors import mash_availability
from ..shared import ratelimit
from ..shared.urls import subpage_url
from . import rules, selectors, services
from .forms import AddSomethingForm, ChangeOfWorkerForm, CodeForm, ReferenceForm

TEMPLATES = "early_help/tracking/"
# The reference typed at step 1 (normalised), whether or not it exists.
PENDING = "tracking_reference"
# The request a right code proved, and until when (seconds since the epoch).
VERIFIED = "tracking_verified"
# What the family just did on the status page, shown once after the redirect.
DONE = "tracking_done"


def _render(request, page, template: str, status: int = 200, **context) -> TemplateResponse:
    context.setdefault("self", page)
    return TemplateResponse(
        request,
        TEMPLATES + template,
        {"page": page, "contact_phone": contact_phone(council_for_request(request)), **context},
        status=status,
    )


def _limited(request, page) -> TemplateResponse:
    return _render(request, page, "limited.html", status=429)


@never_cache
def reference(request: HttpRequest, page) -> HttpResponse:
    """Step 1: the reference. Always on to the code page, whatever was typed."""
    form = ReferenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if ratelimit.is_limited("tracking-reference", request, rules.REFERENCES_PER_HOUR):
            return _limited(request, page)
        ratelimit.hit("tracking-reference", request)
        typed = form.cleaned_data["reference"]
        # Counted whether or not the reference exists, so the limit tells nobody anything.
        if not ratelimit.is_limited_for(
            "tracking-code-sent", typed, rules.CODES_PER_REFERENCE_PER_HOUR
        ):
            ratelimit.hit_for("tracking-code-sent", typed)
            services.tracking_code_issue(reference=typed)
        request.session[PENDING] = typed
        return HttpResponseRedirect(subpage_url(page, "track_code"))
    return _render(request, page, "reference.html", form=form, back_url=subpage_url(page, "start"))


@never_cache
def code(request: HttpRequest, page) -> HttpResponse:
    """Step 2: the code. The words above the form are the same for every reference."""
    typed_reference = request.session.get(PENDING)
    if not typed_reference:
        return HttpResponseRedirect(subpage_url(page, "track"))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if ratelimit.is_limited("tracking-code", request, rules.WRONG_CODES_PER_HOUR):
            return _limited(request, page)
        help_request = services.tracking_code_verify(
            reference=typed_reference, code=form.cleaned_data["code"]
        )
        if help_request is None:
            ratelimit.hit("tracking-code", request)
            form.add_error(
                "code",
                _(
                    "That code is not right, or it has run out. Check the text and try again, or ask for a new code."
                ),
            )
        else:
            request.session.cycle_key()
            request.session.pop(PENDING, None)
            request.session[VERIFIED] = {
                "pk": help_request.pk,
                "until": time.time() + rules.VERIFIED_FOR.total_seconds(),
            }
            return HttpResponseRedirect(subpage_url(page, "track_status"))
    return _render(
        request,
        page,
        "code.html",
        form=form,
        reference=typed_reference,
        back_url=subpage_url(page, "track"),
    )


def _verified(request):
    """The request this session proved with a code, while it may still see it."""
    verified = request.session.get(VERIFIED)
    if not isinstance(verified, dict) or verified.get("until", 0) < time.time():
        request.session.pop(VERIFIED, None)
        return None
    help_request = selectors.verified_help_request(verified.get("pk"))
    if help_request is None:
        request.session.pop(VERIFIED, None)
    return help_request


def _status_page(request, page, help_request, *, change_form=None, add_form=None, status=200):
    done = request.session.pop(DONE, None) or {}
    family_status = selectors.family_status(help_request)
    urgent = bool(done.get("urgent"))
    return _render(
        request,
        page,
        "status.html",
        status=status,
        family_status=family_status,
        change_form=change_form or ChangeOfWorkerForm(),
        add_form=add_form or AddSomethingForm(),
        # The error summary shows the form that went wrong.
        form=add_form if add_form is not None and add_form.errors else change_form,
        done=done.get("what", ""),
        help_now=urgent,
        **(mash_availability(Site.find_for_request(request)) if urgent else {}),
    )


@never_cache
def status(request: HttpRequest, page) -> HttpResponse:
    """Step 3: where the request is, for a session that gave the right code."""
    help_request = _verified(request)
    if help_request is None:
        return HttpResponseRedirect(subpage_url(page, "track"))
    return _status_page(request, page, help_request)


@never_cache
def change_worker(request: HttpRequest, page) -> HttpResponse:
    help_request = _verified(request)
    if help_request is None:
        return HttpResponseRedirect(subpage_url(page, "track"))
    if request.method != "POST" or not help_request.is_open:
        return HttpResponseRedirect(subpage_url(page, "track_status"))
    form = ChangeOfWorkerForm(request.POST)
    if not form.is_valid():
        return _status_page(request, page, help_request, change_form=form)
    reasons = services.tracking_change_of_worker_ask(
        help_request=help_request, reason=form.cleaned_data["reason"]
    )
    request.session[DONE] = {"what": "change", "urgent": bool(reasons)}
    return HttpResponseRedirect(subpage_url(page, "track_status") + "#done")


@never_cache
def add_something(request: HttpRequest, page) -> HttpResponse:
    help_request = _verified(request)
    if help_request is None:
        return HttpResponseRedirect(subpage_url(page, "track"))
    if request.method != "POST" or not help_request.is_open:
        return HttpResponseRedirect(subpage_url(page, "track_status"))
    form = AddSomethingForm(request.POST)
    if not form.is_valid():
        return _status_page(request, page, help_request, add_form=form)
    reasons = services.tracking_note_add(help_request=help_request, text=form.cleaned_data["text"])
    request.session[DONE] = {"what": "added", "urgent": bool(reasons)}
    return HttpResponseRedirect(subpage_url(page, "track_status") + "#done")
