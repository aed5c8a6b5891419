import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page, Site

from early_help.asking_for_help.services import visitor_session_clear
from early_help.councils.selectors import council_for_request

from .models import SiteSettings

SEARCH_PAGE_SIZE = 10
SEARCH_QUERY_MAX_LENGTH = 200


@never_cache
def quick_exit(request: HttpRequest) -> HttpResponse:
    """Leave for a neutral site, forgetting the visitor: "Exit this page" (DESIGN.md rule 1).

    Reached by a plain link so it works without JavaScript; also accepts POST so a form can
    use it. The session, including any saved draft, is gone before the redirect.
    """
    destination = SiteSettings.for_request(request).quick_exit_url
    visitor_session_clear(request)
    response = HttpResponseRedirect(destination)
    # Ask the browser to forget our cookies and storage too; older browsers ignore it.
    response["Clear-Site-Data"] = '"cookies", "storage"'
    response["Referrer-Policy"] = "no-referrer"
    return response


BRAND_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
# The address carries the colour, so a changed colour is a new address and the old
# stylesheet may be kept for a year.
COUNCIL_STYLESHEET_MAX_AGE = 365 * 24 * 3600


@require_GET
def council_stylesheet(request: HttpRequest) -> HttpResponse:
    """The council's brand colour for the header, as a stylesheet of its own: the public
    site's CSP allows no inline style, and this keeps every page's HTML the same size."""
    council = council_for_request(request)
    colour = council.brand_colour if council is not None else ""
    css = f":root{{--fv-brand:{colour.lower()}}}\n" if BRAND_COLOUR.fullmatch(colour or "") else ""
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={COUNCIL_STYLESHEET_MAX_AGE}, immutable"
    return response


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "robots.txt",
        {"sitemap_url": request.build_absolute_uri(reverse("sitemap"))},
        content_type="text/plain; charset=utf-8",
    )


@require_GET
def search(request: HttpRequest) -> TemplateResponse:
    """Search the live public pages of the visitor's language."""
    query = request.GET.get("q", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    results = Page.objects.none()
    if query:
        site = Site.find_for_request(request)
        results = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        if site is not None:
            results = results.descendant_of(site.root_page.localized, inclusive=True)
        results = results.search(query)
    paginator = Paginator(results, SEARCH_PAGE_SIZE)
    try:
        page_of_results = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page_of_results = paginator.page(1)
    except EmptyPage:
        page_of_results = paginator.page(paginator.num_pages)
    return TemplateResponse(
        request, "cms/search.html", {"query": query, "results": page_of_results}
    )
