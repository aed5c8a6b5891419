"""Pages in six languages: real translations, honest English fallbacks, and what search
engines are told."""

import re

import pytest
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation

from cms.demo_translations import translation_memory
from cms.translation import (
    DRAFT_TRANSLATION_TOOL,
    MissingPageTranslation,
    locale_trees_sync,
    page_translation_publish,
)

pytestmark = pytest.mark.django_db

SIX = ["en", "pl", "ur", "pa", "bn", "ro"]


def _alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


@pytest.fixture
def synced(home_page, standard_page, get_help_now_page):
    """Every language follows English; only "get help now" is translated into Urdu."""
    locale_trees_sync()
    urdu = Locale.objects.get(language_code="ur")
    memory = {
        "Get help now": "ابھی مدد حاصل کریں",
        "get-help-now": "get-help-now",
        "Talk to someone today.": "آج ہی کسی سے بات کریں۔",
    }
    page_translation_publish(page=get_help_now_page, locale=urdu, translations=memory)
    return get_help_now_page


def test_the_language_switcher_offers_all_six_languages(client, synced):
    html = client.get("/what-is-early-help/").content.decode()
    switcher = re.search(r'<nav class="[^"]*govuk-language-navigation.*?</nav>', html, re.S)
    assert re.findall(r' lang="([\w-]+)"', switcher.group()) == SIX


def test_alternates_list_only_real_translations_with_absolute_urls(client, synced):
    alternates = _alternates(client.get("/get-help-now/").content.decode())
    assert alternates == {
        "en": "http://testserver/get-help-now/",
        "ur": "http://testserver/ur/get-help-now/",
        "x-default": "http://testserver/get-help-now/",
    }
    # The untranslated page exists in Urdu as English words: not an Urdu alternate.
    alternates = _alternates(client.get("/ur/what-is-early-help/").content.decode())
    assert alternates == {
        "en": "http://testserver/what-is-early-help/",
        "x-default": "http://testserver/what-is-early-help/",
    }


def test_an_untranslated_page_is_english_says_so_and_keeps_the_visitors_language(client, synced):
    response = client.get("/ur/what-is-early-help/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en" dir="ltr"' in html
    assert re.search(r'<header class="govuk-template__header" lang="ur" dir="rtl">', html)
    note = re.search(
        r'<p class="govuk-inset-text fv-language-note" lang="ur" dir="rtl">(.*?)</p>', html, re.S
    )
    assert note is not None
    assert "اردو" in note.group(1)
    assert '<span class="govuk-language-navigation__text" aria-current="true" lang="ur">' in html


def test_a_translated_page_is_marked_in_its_language_without_a_note(client, synced):
    html = client.get("/ur/get-help-now/").content.decode()
    assert '<html lang="ur" dir="rtl"' in html
    assert "fv-language-note" not in html
    assert "ابھی مدد حاصل کریں" in html


def test_meta_description_is_the_search_description_or_the_lead(client, synced):
    synced.search_description = "Numbers to call today."
    synced.save_revision().publish()
    html = client.get("/get-help-now/").content.decode()
    assert '<meta name="description" content="Numbers to call today.">' in html
    html = client.get("/what-is-early-help/").content.decode()
    assert '<meta name="description" content="Support for families, early.">' in html


def test_menu_pages_are_linked_in_the_footer_in_the_visitors_language(client, synced):
    synced.show_in_menus = True
    synced.save_revision().publish()
    html = client.get("/ur/").content.decode()
    footer = re.search(r"<footer.*?</footer>", html, re.S).group()
    assert 'href="/ur/get-help-now/">ابھی مدد حاصل کریں</a>' in footer


def test_draft_translations_are_marked_for_review_and_a_reviewers_words_are_kept(
    home_page, get_help_now_page, django_capture_on_commit_callbacks
):
    polish = Locale.objects.create(language_code="pl")
    words = {"Get help now": "Pomoc od razu", "get-help-now": "get-help-now"}
    words["Talk to someone today."] = "Porozmawiaj z kimś dzisiaj."
    # wagtail-localize publishes once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        page_translation_publish(page=home_page, locale=polish, translations=_home_words(home_page))
        translated = page_translation_publish(
            page=get_help_now_page, locale=polish, translations=words
        )
    translated.refresh_from_db()
    assert translated.live
    assert translated.title == "Pomoc od razu"
    draft = StringTranslation.objects.get(locale=polish, data="Pomoc od razu")
    assert (draft.translation_type, draft.tool_name) == ("machine", DRAFT_TRANSLATION_TOOL)
    assert DRAFT_TRANSLATION_TOOL in draft.get_comment()

    draft.translation_type, draft.tool_name, draft.data = "manual", "", "Pomoc teraz"
    draft.save()
    with django_capture_on_commit_callbacks(execute=True):
        page_translation_publish(page=get_help_now_page, locale=polish, translations=words)
    translated.refresh_from_db()
    assert translated.title == "Pomoc teraz"


def test_a_page_with_an_untranslated_sentence_is_not_published(home_page, get_help_now_page):
    polish = Locale.objects.create(language_code="pl")
    with pytest.raises(MissingPageTranslation, match="Talk to someone today"):
        page_translation_publish(
            page=get_help_now_page, locale=polish, translations={"Get help now": "Pomoc"}
        )
    assert not get_help_now_page.has_translation(polish)


def _home_words(home) -> dict[str, str]:
    return {
        home.title: "Wczesna pomoc",
        home.slug: home.slug,
        home.lead: "Rodziny proszą o pomoc.",
        "Tell us what is happening.": "Powiedz nam, co się dzieje.",
    }


def test_every_demo_sentence_is_translated_into_every_family_language():
    for code in ["pl", "ur", "pa", "bn", "ro"]:
        memory = translation_memory(code, towns=["Oldbury"])
        assert all(memory.values()), code
        assert memory["Early help in Oldbury"] != "Early help in Oldbury"
