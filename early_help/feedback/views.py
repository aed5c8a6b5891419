"""The feedback journey. `cms.FeedbackPage` routes here, passing itself as `page`.

Answers live in the session until the last step (a few short pages); "Exit this page"
forgets them. Nothing about the person's device or address is stored.
"""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from wagtail.models import Site

from ..mash_duty.selectors import mash_availability
from ..shared.govuk_forms import ADULT, YOUNG_PERSON
from ..shared.urls import subpage_url
from . import services
from .forms import STEP_TITLES, STEPS
from .models import Feedback, FeedbackJourney, FeedbackLink

ANSWERS = "feedback_answers"
LINK = "feedback_link"
DONE = "feedback_done"
# Feedback saved early because it was urgent: the last step completes it.
SAVED = "feedback_saved"
TEMPLATES = "early_help/feedback/"


def _steps(session) -> list[str]:
    # With a worker's link, we already know who it is about.
    return [slug for slug, _form in STEPS if not (slug == "about" and session.get(LINK))]


def _link(session, *, include_revoked: bool = False) -> FeedbackLink | None:
    token = session.get(LINK)
    if not token:
        return None
    links = FeedbackLink.objects.all() if include_revoked else FeedbackLink.objects.live()
    return links.filter(token=token).first()


def start(request: HttpRequest, page) -> TemplateResponse:
    """The start page: the same for everyone without a session (the host page may let it
    be cached); with one it may name the worker from their link, so it never is."""
    response = TemplateResponse(
        request,
        TEMPLATES + "start.html",
        {
            "page": page,
            "self": page,
            "first_url": subpage_url(page, "step", "who"),
            "link": _link(request.session),
        },
    )
    if request.session.session_key is not None:
        add_never_cache_headers(response)
    return response


@never_cache
def from_link(request: HttpRequest, page, token: str) -> HttpResponse:
    link = FeedbackLink.objects.filter(token=token).first()
    if link is None or link.revoked:
        return TemplateResponse(
            request,
            TEMPLATES + "link_revoked.html",
            {"page": page, "self": page, "start_url": subpage_url(page, "start")},
            status=410 if link else 404,
        )
    request.session[LINK] = link.token
    request.session[ANSWERS] = {}
    return HttpResponseRedirect(subpage_url(page, "step", "who"))


@never_cache
def step(request: HttpRequest, page, slug: str) -> HttpResponse:
    forms = dict(STEPS)
    if slug not in forms or slug not in _steps(request.session):
        raise Http404
    answers = request.session.get(ANSWERS, {})
    order = _steps(request.session)
    index = order.index(slug)
    for earlier in order[:index]:
        if earlier not in answers:
            return HttpResponseRedirect(subpage_url(page, "step", earlier))
    journey = (
        ADULT
        if answers.get("who", {}).get("journey_type") == FeedbackJourney.FAMILY
        else YOUNG_PERSON
    )
    form_class = forms[slug]
    if request.method == "POST":
        form = form_class(request.POST, journey=journey)
        if form.is_valid():
            answers[slug] = form.cleaned_data
            request.session[ANSWERS] = answers
            link = _link(request.session, include_revoked=True)
            if slug == "words" and SAVED not in request.session:
                urgent = services.feedback_record_if_urgent(
                    answers=answers, link=link, language=request.LANGUAGE_CODE
                )
                if urgent is not None:
                    request.session[SAVED] = urgent.pk
            if index + 1 < len(order):
                return HttpResponseRedirect(subpage_url(page, "step", order[index + 1]))
            saved = Feedback.objects.filter(pk=request.session.get(SAVED)).first()
            if saved is not None:
                feedback = services.feedback_add_about_you(feedback=saved, you=answers["you"])
            else:
                feedback = services.feedback_record(
                    answers=answers, link=link, language=request.LANGUAGE_CODE
                )
            for key in (ANSWERS, LINK, SAVED):
                request.session.pop(key, None)
            request.session[DONE] = {"urgent": feedback.urgent, "journey": feedback.journey}
            return HttpResponseRedirect(subpage_url(page, "thanks"))
    else:
        form = form_class(initial=answers.get(slug, {}), journey=journey)
    return TemplateResponse(
        request,
        TEMPLATES + "step.html",
        {
            "page": page,
            "self": page,
            "form": form,
            "step_title": STEP_TITLES[slug],
            "single_question": len(form.top_level_fields()) == 1,
            "back_url": subpage_url(page, "step", order[index - 1])
            if index
            else subpage_url(page, "start"),
            "link": _link(request.session),
            "young_person": journey == YOUNG_PERSON,
            "last": index + 1 == len(order),
            # Help at once, on the screen after an answer that says they may not be safe.
            "help_now": SAVED in request.session,
            **(
                mash_availability(Site.find_for_request(request))
                if SAVED in request.session
                else {}
            ),
        },
    )


@never_cache
def thanks(request: HttpRequest, page) -> HttpResponse:
    done = request.session.get(DONE)
    if done is None:
        return HttpResponseRedirect(subpage_url(page, "start"))
    context = {"page": page, "self": page, **done}
    if done.get("urgent"):
        context.update(mash_availability(Site.find_for_request(request)))
    return TemplateResponse(request, TEMPLATES + "thanks.html", context)
