from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, Site

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name_local: str
    url: str
    current: bool


def _page_translation_urls(request, page: Page) -> dict[str, str]:
    """Live translations of this page, falling back to each language's home page."""
    urls: dict[str, str] = {}
    translations = (
        Page.objects.filter(translation_key=page.translation_key)
        .live()
        .public()
        .select_related("locale")
    )
    for translation in translations:
        urls[translation.locale.language_code] = translation.get_url(request)
    site = Site.find_for_request(request) if request is not None else None
    home = site.root_page if site is not None else None
    missing = {code for code, _name in settings.LANGUAGES} - urls.keys()
    if missing and home is not None:
        homes = (
            Page.objects.filter(
                translation_key=home.translation_key, locale__language_code__in=missing
            )
            .live()
            .select_related("locale")
        )
        for translation in homes:
            urls[translation.locale.language_code] = translation.get_url(request)
    return urls


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """Links to this page in every language it exists in, for the language switcher.

    Computed once per request: the header and the <head> alternates both use it.
    """
    request = context.get("request")
    cached = getattr(request, "_fv_language_links", None)
    if cached is not None:
        return cached
    current = get_language()
    page = context.get("page")
    if isinstance(page, Page) and page.pk:
        urls = _page_translation_urls(request, page)
    elif request is not None:
        urls = {
            code: translate_url(request.get_full_path(), code) for code, _n in settings.LANGUAGES
        }
    else:
        urls = {}
    links = [
        LanguageLink(
            code=code,
            name_local=get_language_info(code)["name_local"],
            url=urls[code],
            current=code == current,
        )
        for code, _name in settings.LANGUAGES
        if code in urls
    ]
    if len(links) < 2:
        links = []
    if request is not None:
        request._fv_language_links = links
    return links
