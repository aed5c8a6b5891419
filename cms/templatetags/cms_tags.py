from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_info
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site

from cms.page_cache import chrome_version
from early_help.councils.selectors import council_for_request

from ..models import SiteSettings
from ..translation import content_language

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name_local: str
    url: str
    current: bool


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    url: str


@dataclass(frozen=True)
class PageLanguage:
    """The language of the visitor's interface and of the page's own words.

    They differ when a page has no translation in the visitor's language yet: the page is
    shown in English and says so, and every element says which language it is in.
    """

    ui: str
    content: str
    ui_name: str
    # A journey mixes its questions (interface, visitor's language) with the page's words, so
    # only the page's own words are marked; any other page is English as a whole.
    journey: bool

    @property
    def fallback(self) -> bool:
        return self.ui != self.content

    @property
    def document(self) -> str:
        """The language of <html>: the page's words, unless the page is a journey."""
        return self.ui if self.journey else self.content

    @staticmethod
    def direction(code: str) -> str:
        return "rtl" if get_language_info(code)["bidi"] else "ltr"


def _page(context) -> Page | None:
    page = context.get("page")
    return page if isinstance(page, Page) and page.pk else None


def _public(queryset, served: Page | None):
    """Wagtail's `.public()`, without its query for every listing when the page being served
    already knows the site's view restrictions (cms.models.LeanPageMixin)."""
    if served is not None and hasattr(served, "public_q"):
        return queryset.filter(served.public_q())
    return queryset.public()


def _translations(page: Page):
    """Live, public versions of the page in every language: translations and aliases."""
    return _public(
        Page.objects.filter(translation_key=page.translation_key).live(), page
    ).select_related("locale")


def _cached(request, name: str, compute):
    if request is None:
        return compute()
    attribute = f"_fv_{name}"
    if not hasattr(request, attribute):
        setattr(request, attribute, compute())
    return getattr(request, attribute)


@register.simple_tag(takes_context=True)
def page_language(context) -> PageLanguage:
    """Which language the interface and the page's words are in (see PageLanguage)."""
    request = context.get("request")
    page = _page(context)

    def compute():
        ui = get_language() or settings.LANGUAGE_CODE
        return PageLanguage(
            ui=ui,
            content=_content_language(request, page) if page is not None else ui,
            ui_name=get_language_info(ui)["name_local"],
            journey=isinstance(page, RoutablePageMixin),
        )

    return _cached(request, "page_language", compute)


def _content_language(request, page: Page) -> str:
    """content_language, answered from the page's translations already read when it can."""
    by_pk = {version.pk: version for version in _page_translations(request, page)}
    source = by_pk.get(page.alias_of_id) if page.alias_of_id else by_pk.get(page.pk)
    return source.locale.language_code if source is not None else content_language(page)


def _attrs(code: str) -> SafeString:
    return format_html(' lang="{}" dir="{}"', code, PageLanguage.direction(code))


@register.simple_tag(takes_context=True)
def ui_lang_attrs(context) -> SafeString:
    """lang and dir for the interface around a page shown in another language, else nothing."""
    language = page_language(context)
    if language.document == language.ui:
        return mark_safe("")
    return _attrs(language.ui)


@register.simple_tag(takes_context=True)
def content_lang_attrs(context) -> SafeString:
    """lang and dir for a journey page's own words when they are not in the visitor's language."""
    language = page_language(context)
    if language.document == language.content:
        return mark_safe("")
    return _attrs(language.content)


def _page_translations(request, page: Page) -> list[Page]:
    """The page's live, public versions, read once per request."""
    return _cached(request, f"translations_{page.pk}", lambda: list(_translations(page)))


def _page_translation_urls(request, page: Page) -> dict[str, str]:
    """Where this page is in each language, falling back to each language's home page."""
    urls: dict[str, str] = {}
    for translation in _page_translations(request, page):
        urls[translation.locale.language_code] = translation.get_url(request)
    site = Site.find_for_request(request) if request is not None else None
    home = site.root_page if site is not None else None
    missing = {code for code, _name in settings.LANGUAGES} - urls.keys()
    if missing and home is not None and home.translation_key != page.translation_key:
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
    """Links to this page in every language, for the language switcher.

    A page not yet translated is offered in its alias (English words, the visitor's
    interface), so choosing a language keeps it. Computed once per request.
    """
    request = context.get("request")

    def compute():
        current = get_language()
        page = _page(context)
        if page is not None:
            urls = _page_translation_urls(request, page)
        elif request is not None:
            path = request.get_full_path()
            urls = {code: translate_url(path, code) for code, _n in settings.LANGUAGES}
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
        return links if len(links) > 1 else []

    return _cached(request, "language_links", compute)


@register.simple_tag(takes_context=True)
def alternates(context) -> list[Alternate]:
    """hreflang alternates: only the languages this page really is in, as absolute URLs,
    and x-default (the English page) for everyone else."""
    request = context.get("request")
    if request is None:
        return []
    page = _page(context)
    if page is not None:
        urls = {
            translation.locale.language_code: translation.get_url(request)
            for translation in _page_translations(request, page)
            if not translation.alias_of_id
        }
    else:
        # Pages that are not Wagtail pages (search) are interface only: every language.
        path = request.get_full_path()
        urls = {code: translate_url(path, code) for code, _n in settings.LANGUAGES}
    links = [
        Alternate(code, request.build_absolute_uri(urls[code]))
        for code, _name in settings.LANGUAGES
        if code in urls
    ]
    if settings.LANGUAGE_CODE in urls:
        links.append(
            Alternate("x-default", request.build_absolute_uri(urls[settings.LANGUAGE_CODE]))
        )
    return links


@dataclass(frozen=True)
class PageLink:
    url: str
    text: str
    lang: str  # "" when the text is in the visitor's language


def _page_links(
    request, pages: list[Page], texts: list[str] | None = None, served: Page | None = None
) -> list[PageLink]:
    """Links to pages in the visitor's language: the translation when there is one (its
    title), else the page shown in English (the alias keeps the visitor's language), its
    English title marked as English."""
    code = get_language()
    if all(page.locale.language_code == code and not page.alias_of_id for page in pages):
        # Already in the visitor's language (the home page's own menu pages).
        return [
            PageLink(page.get_url(request), texts[index] if texts else page.title, "")
            for index, page in enumerate(pages)
        ]
    versions = {
        (p.translation_key): p
        for p in _public(
            Page.objects.filter(
                translation_key__in=[page.translation_key for page in pages],
                locale__language_code=code,
            ).live(),
            served,
        ).select_related("locale")
    }
    links = []
    for index, page in enumerate(pages):
        version = versions.get(page.translation_key, page)
        text = texts[index] if texts else page.title
        if version.alias_of_id or version.locale.language_code != code:
            links.append(PageLink(version.get_url(request), text, page.locale.language_code))
        elif version.locale_id == page.locale_id:
            links.append(PageLink(version.get_url(request), text, ""))
        else:
            links.append(PageLink(version.get_url(request), version.title, ""))
    return links


@register.simple_tag(takes_context=True)
def menu_links(context) -> list[PageLink]:
    """The pages comms chose to "Show in menus" under the home page, in the visitor's language."""
    request = context.get("request")

    def compute():
        site = Site.find_for_request(request) if request is not None else None
        if site is None:
            return []
        served = _page(context)
        prepared = getattr(request, "_fv_menu_pages", None)
        if prepared is not None and prepared[0] == site.root_page_id:
            pages = prepared[1]  # the home page read them with its own links
        else:
            children = site.root_page.get_children().live().in_menu()
            pages = list(_public(children, served).select_related("locale"))
        return _page_links(request, pages, served=served)

    return _cached(request, "menu_links", compute)


@register.simple_tag(takes_context=True)
def footer_links(context, links) -> list[PageLink]:
    """Site settings' footer links: pages in the visitor's language, web addresses as set."""
    request = context.get("request")
    pages, texts, result = [], [], []
    for link in links:
        if link.value.get("page"):
            pages.append(link.value["page"])
            texts.append(link.value["text"])
    by_page = iter(_page_links(request, pages, texts, _page(context))) if pages else iter(())
    english = settings.LANGUAGE_CODE
    for link in links:
        if link.value.get("page"):
            result.append(next(by_page))
        else:
            # Comms write footer link text in English: say so unless the visitor reads English.
            lang = "" if get_language() == english else english
            result.append(PageLink(link.value["url"], link.value["text"], lang))
    return result


@register.simple_tag(takes_context=True)
def page_cache_chrome_version(context) -> int:
    """Part of the key of fragments that show only settings (footer, help numbers)."""
    return chrome_version(context.get("request"))


@register.simple_tag
def site_settings_for(site):
    """A site's settings (its numbers), for a page that shows another council's."""
    return SiteSettings.for_site(site)


@register.simple_tag(takes_context=True)
def current_council(context):
    """The council whose site this is (None on a deployment without councils)."""
    return council_for_request(context.get("request"))
