from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, Site

from cms.page_cache import chrome_version

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name_local: str
    url: str
    current: bool


def _page_translation_urls(request, page: Page) -> dict[str, str]:
    """Live public translations of this page, falling back to each language's home page.

    One query for both: the page's translations and the home page's, told apart here.
    """
    site = Site.find_for_request(request) if request is not None else None
    home = site.root_page if site is not None else None
    keys = {page.translation_key} | ({home.translation_key} if home is not None else set())
    translations = Page.objects.filter(translation_key__in=keys).live().select_related("locale")
    public_q = getattr(page, "public_q", None)
    translations = translations.filter(public_q()) if public_q else translations.public()
    urls: dict[str, str] = {}
    homes: dict[str, str] = {}
    for translation in translations:
        code = translation.locale.language_code
        if translation.translation_key == page.translation_key:
            urls[code] = translation.get_url(request)
        else:
            homes[code] = translation.get_url(request)
    return {**homes, **urls}


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


@dataclass(frozen=True)
class FooterLink:
    text: str
    url: str


@register.simple_tag(takes_context=True)
def footer_links(context, site_settings) -> list[FooterLink]:
    """The footer's links, each page in the visitor's language when it has one.

    One query finds every translation, rather than one or two for each link.
    """
    request = context.get("request")
    blocks = list(site_settings.footer_links)
    pages = [block.value["page"] for block in blocks if block.value.get("page")]
    translated = {}
    if pages:
        translated = {
            page.translation_key: page
            for page in Page.objects.live().filter(
                translation_key__in=[page.translation_key for page in pages],
                locale__language_code=get_language(),
            )
        }
    links = []
    for block in blocks:
        page = block.value.get("page")
        if page is not None:
            url = translated.get(page.translation_key, page).get_url(request)
        else:
            url = block.value.get("url")
        if url:
            links.append(FooterLink(text=block.value["text"], url=url))
    return links


@register.simple_tag(takes_context=True)
def page_cache_chrome_version(context) -> int:
    """Part of the key of fragments that show only settings (footer, help numbers)."""
    return chrome_version(context.get("request"))
