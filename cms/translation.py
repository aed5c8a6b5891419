"""Page translations: which language a page's words are in, and translating a page as comms do.

wagtail-localize keeps one tree of pages per language. A page nobody has translated yet is an
*alias* in the other trees (Settings -> Locales -> "Synchronise content from English"): it
sits at /ur/<slug>/ but shows the English words. Visitors still get the page, honestly
marked as English; search engines are only told about real translations.
"""

from collections.abc import Mapping

from django.conf import settings
from django.db import transaction
from django.utils.translation import get_language
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    LocaleSynchronization,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.synctree import synchronize_tree

# What a reviewer sees beside each string in wagtail-localize's translation editor
# ("Translated with <this> on <date>"). Saving a string there marks it manual.
DRAFT_TRANSLATION_TOOL = "Draft translation, awaiting professional review"


def content_language(page: Page) -> str:
    """The language code of the words a page shows (an alias shows its original's words)."""
    if page.alias_of_id:
        source = Page.objects.select_related("locale").only("locale").get(pk=page.alias_of_id)
        return source.locale.language_code
    return page.locale.language_code


def is_real_translation(page: Page, language_code: str | None = None) -> bool:
    """True when the page's words are in the language (the active one unless given)."""
    return not page.alias_of_id and page.locale.language_code == (language_code or get_language())


def locale_trees_sync(*, source_code: str | None = None) -> list[Locale]:
    """Make every site language follow the source language's page tree.

    Effects: creates the Locale of each language in settings.LANGUAGES, and the
    "Synchronise content from" setting comms would tick in Settings -> Locales; saving it
    makes wagtail-localize create an alias of every untranslated page in that language.
    Returns the locales that follow the source.
    """
    source, _created = Locale.objects.get_or_create(
        language_code=source_code or settings.LANGUAGE_CODE
    )
    followers = []
    for code, _name in settings.LANGUAGES:
        if code == source.language_code:
            continue
        locale, _created = Locale.objects.get_or_create(language_code=code)
        sync, created = LocaleSynchronization.objects.get_or_create(
            locale=locale, defaults={"sync_from": source}
        )
        if not created:
            # Pages published since the setting was saved (in code, not in the admin) get
            # their aliases here; the admin's "after create page" hook does it otherwise.
            synchronize_tree(sync.sync_from, locale)
        followers.append(locale)
    return followers


class MissingPageTranslation(ValueError):
    """Some of the page's words have no translation: publishing would show English."""


@transaction.atomic
def page_translation_publish(
    *,
    page: Page,
    locale: Locale,
    translations: Mapping[str, str],
    tool_name: str = DRAFT_TRANSLATION_TOOL,
) -> Page:
    """Translate a page into a locale the way wagtail-localize's editor does, and publish it.

    Effects: creates (or refreshes) the page's TranslationSource and a Translation for the
    locale; saves a StringTranslation for every segment of the page from `translations`
    (English text -> translated text), recorded as a machine translation by `tool_name`
    so reviewers see it is a draft; strings a person has already translated are kept;
    then publishes the translated page (turning an alias into a real page).
    Raises MissingPageTranslation, before saving anything, when a segment has no translation.
    """
    source, _created = TranslationSource.update_or_create_from_instance(page)
    segments = list(StringSegment.objects.filter(source=source).select_related("string", "context"))
    missing = sorted({s.string.data for s in segments} - translations.keys())
    if missing:
        raise MissingPageTranslation(
            f"{page.title!r} into {locale.language_code}: no translation for {missing}"
        )
    for segment in segments:
        existing = StringTranslation.objects.filter(
            translation_of=segment.string, locale=locale, context=segment.context
        ).first()
        if existing is not None and existing.translation_type == "manual":
            continue  # a reviewer's words win over the draft
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": translations[segment.string.data],
                "translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE,
                "tool_name": tool_name,
                "has_error": False,
                "field_error": "",
            },
        )
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    translation.save_target(publish=True)
    return translation.get_target_instance()
