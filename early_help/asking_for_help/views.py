"""The request-for-help journey. `cms.RequestHelpPage` routes here, passing itself as `page`.

Each view parses input, calls one service, and renders or redirects (post/redirect/get).
Answers are saved on the server after every step; the session only holds the draft key.
"""

import datetime

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.models import Site

from ..councils.selectors import council_for_request
from ..localities.routing import RouteKind, neighbouring_council, route_postcode
from ..mash_duty.selectors import mash_availability
from ..shared import ratelimit
from ..shared.answers import Answer
from ..shared.govuk_forms import YOUNG_PERSON, DateField
from ..shared.urls import subpage_url
from ..texts.models import SmsTemplateKey
from ..texts.services import sms_queue_to_number
from . import services
from . import steps as journey
from .forms import ChildForm, ResumeForm, SubmitForm
from .selectors import draft_for_session, routed_council

TEMPLATES = "early_help/request_help/"


def _step_url(page, slug: str) -> str:
    return subpage_url(page, "step", slug)


def _render(request, page, template: str, status: int = 200, **context) -> TemplateResponse:
    context.setdefault("self", page)
    return TemplateResponse(request, TEMPLATES + template, {"page": page, **context}, status=status)


def _json_safe(data: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in data.items()}


def _councils(request, route: dict | None = None, helping=None) -> dict:
    """The council whose site this is, the council that will help (from the route, or the
    request's own), and that council again when it is another one, so the family is told."""
    site_council = council_for_request(request)
    if helping is None and route is not None:
        helping = routed_council(route, site_council=site_council)
    helping = helping or site_council
    other = helping if helping is not None and site_council is not None else None
    return {
        "site_council": site_council,
        "helping_council": helping,
        "other_council": other if other is not None and other.pk != site_council.pk else None,
    }


def _after_save(request, page, draft) -> HttpResponseRedirect:
    incomplete = journey.first_incomplete(draft.answers)
    if incomplete is None:
        return HttpResponseRedirect(subpage_url(page, "check"))
    return HttpResponseRedirect(_step_url(page, incomplete.slug))


def start(request: HttpRequest, page) -> TemplateResponse:
    """The start page. Without a session it is the same for everyone, so the host page may
    let it be cached; with one it may show the visitor's saved answers, so it never is."""
    draft = draft_for_session(request.session)
    response = _render(
        request,
        page,
        "start.html",
        draft=draft if draft is not None and not draft.is_submitted else None,
        first_step_url=_step_url(page, journey.STEPS[0].slug),
    )
    if request.session.session_key is not None:
        add_never_cache_headers(response)
    return response


@never_cache
def step(request: HttpRequest, page, slug: str) -> HttpResponse:
    if slug in journey.RENAMED:
        return HttpResponseRedirect(_step_url(page, journey.RENAMED[slug]))
    current = journey.STEPS_BY_SLUG.get(slug)
    if current is None:
        raise Http404
    draft = draft_for_session(request.session)
    if draft is not None and draft.is_submitted:
        return HttpResponseRedirect(subpage_url(page, "submitted"))
    first = current == journey.STEPS[0]
    if draft is None and not first:
        return HttpResponseRedirect(subpage_url(page, "start"))
    answers = draft.answers if draft is not None else {}
    if not current.applies(answers) or not journey.may_visit(answers, slug):
        target = journey.first_incomplete(answers)
        return HttpResponseRedirect(
            _step_url(page, target.slug) if target else subpage_url(page, "check")
        )
    if current.slug == journey.CHILDREN:
        return _children(request, page, draft, current)

    councils = _councils(request, answers.get(journey.ROUTE, {}))
    form_kwargs = {
        "journey": journey.journey_of(answers),
        "context": {
            "phone": answers.get("about-you", {}).get("phone"),
            "council": councils["helping_council"],
        },
    }
    if request.method == "POST":
        form = current.form_class(request.POST, **form_kwargs)
        if form.is_valid():
            return _save_step(request, page, draft, current, form)
    else:
        form = current.form_class(initial=current.stored(answers), **form_kwargs)
    return _render_step(request, page, draft, current, form)


def _render_step(
    request, page, draft, current, form, template: str = "step.html", **extra
) -> TemplateResponse:
    previous = journey.previous_step(draft.answers, current.slug) if draft else None
    return _render(
        request,
        page,
        template,
        status=200,
        form=form,
        step=current,
        step_title=current.title_for(draft.answers if draft else {}),
        young_person=draft is not None and journey.journey_of(draft.answers) == YOUNG_PERSON,
        back_url=_step_url(page, previous.slug) if previous else subpage_url(page, "start"),
        save_url=subpage_url(page, "save"),
        **_councils(request, draft.answers.get(journey.ROUTE, {}) if draft else None),
        **extra,
    )


def _save_step(request, page, draft, current, form) -> HttpResponseRedirect:
    data = _json_safe(form.cleaned_data)
    route = None
    if current.slug == "who" and data["requester_type"] == "professional":
        return HttpResponseRedirect(subpage_url(page, "professionals"))
    if draft is None:  # the first answer starts the draft
        draft = services.draft_start()
        services.draft_attach_to_session(request=request, draft=draft)
    if current.slug == "about-you":
        route = route_postcode(data["postcode"])
    draft = services.draft_save_step(draft=draft, step=current.slug, answers=data, route=route)
    if route is not None and route.kind == RouteKind.OUTSIDE:
        return HttpResponseRedirect(subpage_url(page, "outside"))
    return _after_save(request, page, draft)


def _children(request, page, draft, current) -> HttpResponse:
    children = draft.answers.get(journey.CHILDREN, [])
    kwargs = {"journey": journey.journey_of(draft.answers)}
    form = ChildForm(**kwargs)
    if request.method == "POST":
        action = request.POST.get("action", "continue")
        if action.startswith("remove-"):
            index = action.removeprefix("remove-")
            if index.isdigit():
                services.draft_child_remove(draft=draft, index=int(index))
            return HttpResponseRedirect(_step_url(page, journey.CHILDREN))
        form = ChildForm(request.POST, **kwargs)
        if action == "continue" and children and form.is_empty():
            return _after_save(request, page, draft)
        if form.is_valid():
            draft = services.draft_child_add(draft=draft, child=_json_safe(form.cleaned_data))
            if action == "add":
                # The top of the page, not the form's anchor: scrolled there, the sticky
                # "Exit this page" button would sit over the new child's "Remove" button.
                return HttpResponseRedirect(_step_url(page, journey.CHILDREN))
            return _after_save(request, page, draft)
    rows = [
        {"index": index, "name": child["first_name"], "age": _child_age(child)}
        for index, child in enumerate(children)
    ]
    return _render_step(
        request, page, draft, current, form, template="children.html", children=rows
    )


def _child_age(child: dict) -> str:
    if child.get("birth") == ChildForm.UNBORN and child.get("due_date"):
        return _("Due %(date)s") % {
            "date": date_format(datetime.date.fromisoformat(child["due_date"]))
        }
    if child.get("birth") == ChildForm.BORN_DATE and child.get("date_of_birth"):
        return _("Born %(date)s") % {
            "date": date_format(datetime.date.fromisoformat(child["date_of_birth"]))
        }
    if child.get("age") is not None:
        return _("Age %(age)s") % {"age": child["age"]}
    return ""


def _display(field, value) -> str:
    if value in (None, "", []):
        return ""
    if isinstance(field, DateField):
        return date_format(datetime.date.fromisoformat(value))
    choices = dict(getattr(field, "choices", []) or [])
    if isinstance(value, list):
        return ", ".join(str(choices.get(v, v)) for v in value)
    return str(choices.get(value, value))


def summary_sections(answers: dict, page) -> list[dict]:
    """The answers as GOV.UK summary-list rows, each with the step that changes it."""
    sections = []
    kind = journey.journey_of(answers)
    for step in journey.steps_for(answers):
        if step.form_class is None or step.slug == journey.CHILDREN:
            continue
        form = step.form_class(journey=kind)
        stored = step.stored(answers)
        revealed = form.revealed_fields()
        rows = []
        for name, field in form.fields.items():
            if name in revealed and not stored.get(name):
                continue
            rows.append(
                {"key": field.label, "value": _display(field, stored.get(name)), "field": name}
            )
        sections.append(
            {
                "title": step.title_for(answers),
                "change_url": _step_url(page, step.slug),
                "rows": rows,
            }
        )
        if step.slug == "contact" and kind != YOUNG_PERSON:
            children = [
                {"key": child["first_name"], "value": _child_age(child), "field": f"child-{index}"}
                for index, child in enumerate(answers.get(journey.CHILDREN, []))
            ]
            sections.append(
                {
                    "title": journey.STEPS_BY_SLUG[journey.CHILDREN].title,
                    "change_url": _step_url(page, journey.CHILDREN),
                    "rows": children,
                }
            )
    return sections


@never_cache
def check_answers(request: HttpRequest, page) -> HttpResponse:
    draft = draft_for_session(request.session)
    if draft is None:
        return HttpResponseRedirect(subpage_url(page, "start"))
    if draft.is_submitted:
        return HttpResponseRedirect(subpage_url(page, "submitted"))
    incomplete = journey.first_incomplete(draft.answers)
    if incomplete is not None:
        return HttpResponseRedirect(_step_url(page, incomplete.slug))
    form = SubmitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:
            # A bot filled the field people never see. Say nothing useful, make nothing.
            services.visitor_session_clear(request)
            return _render(request, page, "received.html")
        if ratelimit.is_limited("submit", request, settings.FAMILY_VOICE_SUBMISSIONS_PER_HOUR):
            return _render(request, page, "limited.html", status=429)
        services.help_request_submit(draft=draft, council=council_for_request(request))
        ratelimit.hit("submit", request)
        return HttpResponseRedirect(subpage_url(page, "submitted"))
    return _render(
        request,
        page,
        "check_answers.html",
        form=form,
        sections=summary_sections(draft.answers, page),
        young_person=journey.journey_of(draft.answers) == YOUNG_PERSON,
        back_url=_step_url(page, journey.steps_for(draft.answers)[-1].slug),
        **_councils(request, draft.answers.get(journey.ROUTE, {})),
    )


@never_cache
def submitted(request: HttpRequest, page) -> HttpResponse:
    draft = draft_for_session(request.session)
    if draft is None or not draft.is_submitted:
        return HttpResponseRedirect(subpage_url(page, "start"))
    help_request = draft.help_request
    # Who to call now is the helping council's MASH, which may not be this site's council.
    council = help_request.council
    mash_site = council.site if council is not None and council.site_id else None
    mash_site = mash_site or Site.find_for_request(request)
    return _render(
        request,
        page,
        "submitted.html",
        help_request=help_request,
        young_person=help_request.requester_type == YOUNG_PERSON,
        mash_site=mash_site,
        **_councils(request, helping=council),
        **(mash_availability(mash_site) if help_request.safeguarding_flag else {}),
    )


def _public_base_url(request) -> str:
    """Where this council's site is: its own recorded address, or PUBLIC_BASE_URL for
    the default site (whose recorded hostname may be a placeholder)."""
    site = Site.find_for_request(request)
    if site is None or site.is_default_site:
        return settings.PUBLIC_BASE_URL
    return site.root_url


@never_cache
def save_for_later(request: HttpRequest, page) -> HttpResponse:
    draft = draft_for_session(request.session)
    if draft is None or draft.is_submitted:
        return HttpResponseRedirect(subpage_url(page, "start"))
    # Every visit issues a fresh code: no code is kept anywhere but in its hash.
    code = services.draft_resume_code_issue(draft=draft) if draft.phone_last_four else ""
    may_text = draft.answers.get("safe-contact", {}).get("may_text") == Answer.YES
    texted = False
    limit_key = f"resume-text-{draft.pk}"
    if (
        request.method == "POST"
        and code
        and may_text
        and not ratelimit.is_limited(limit_key, request, 3)
    ):
        link = _public_base_url(request) + subpage_url(page, "resume") + f"?code={code}"
        phone = draft.answers.get("about-you", {}).get("phone", "")
        texted = (
            sms_queue_to_number(
                phone=phone,
                key=SmsTemplateKey.RESUME_LINK,
                values={"code": code, "link": link},
                language=request.LANGUAGE_CODE,
            )
            is not None
        )
        ratelimit.hit(limit_key, request)
    return _render(
        request,
        page,
        "saved.html",
        code=code,
        has_phone=bool(draft.phone_last_four),
        may_text=may_text,
        texted=texted,
        expires_at=draft.expires_at,
        continue_url=_after_save(request, page, draft).url,
    )


@never_cache
def resume(request: HttpRequest, page) -> HttpResponse:
    form = ResumeForm(request.POST or None, initial={"code": request.GET.get("code", "")[:20]})
    if request.method == "POST" and form.is_valid():
        if ratelimit.is_limited("resume", request, settings.FAMILY_VOICE_RESUME_ATTEMPTS_PER_HOUR):
            return _render(request, page, "limited.html", status=429)
        draft = services.draft_resume(
            code=form.cleaned_data["code"], phone_last_four=form.cleaned_data["phone_last_four"]
        )
        if draft is None:
            ratelimit.hit("resume", request)
            form.add_error(
                None,
                _(
                    "We could not find a saved request with that code and phone number. Check them and try again."
                ),
            )
        else:
            request.session.cycle_key()
            services.draft_attach_to_session(request=request, draft=draft)
            return _after_save(request, page, draft)
    return _render(request, page, "resume.html", form=form, back_url=subpage_url(page, "start"))


@never_cache
def outside_area(request: HttpRequest, page) -> HttpResponse:
    draft = draft_for_session(request.session)
    if draft is None:
        return HttpResponseRedirect(subpage_url(page, "start"))
    route = draft.answers.get(journey.ROUTE, {})
    if route.get("kind") != RouteKind.OUTSIDE:
        return _after_save(request, page, draft)
    return _render(
        request,
        page,
        "outside_area.html",
        council=neighbouring_council(route.get("council")),
        site_council=council_for_request(request),
        postcode=draft.answers.get("about-you", {}).get("postcode", ""),
        change_url=_step_url(page, "about-you"),
    )


def professionals(request: HttpRequest, page) -> TemplateResponse:
    return _render(request, page, "professionals.html", back_url=_step_url(page, "who"))


def start_again(request: HttpRequest, page) -> HttpResponse:
    if request.method == "POST":
        services.draft_detach_from_session(request=request)
    return HttpResponseRedirect(subpage_url(page, "start"))
