import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES if code != "en"])
def test_every_language_has_a_message_file(code):
    assert (LOCALE / code / "LC_MESSAGES" / "django.po").exists()


@pytest.mark.parametrize("code", ["pl", "ur"])
def test_polish_and_urdu_translate_every_string(code):
    po = polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))
    missing = [
        entry.msgid
        for entry in po
        if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)
    ]
    assert missing == []
    assert "professional translator" in po.header


PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\{ ?\w+ ?\}\}")


@pytest.mark.parametrize("code", ["pl", "ur"])
def test_translations_keep_their_placeholders(code):
    po = polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))
    for entry in po.translated_entries():
        expected = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        if entry.msgid_plural:
            # A singular form may spell the number out, so it may drop the counter.
            for translation in entry.msgstr_plural.values():
                assert set(PLACEHOLDER.findall(translation)) <= expected, entry.msgid
        else:
            assert set(PLACEHOLDER.findall(entry.msgstr)) == expected, entry.msgid


@pytest.mark.django_db
def test_urdu_pages_are_marked_right_to_left(client, urdu_home_page):
    html = client.get("/ur/").content.decode()
    assert '<html lang="ur" dir="rtl"' in html


@pytest.mark.django_db
def test_english_pages_are_marked_left_to_right(client, home_page):
    html = client.get("/").content.decode()
    assert '<html lang="en" dir="ltr"' in html


@pytest.mark.django_db
def test_language_switcher_links_each_translation_in_its_own_language(client, urdu_home_page):
    html = client.get("/").content.decode()
    assert 'href="/ur/" rel="alternate" lang="ur" hreflang="ur">اردو</a>' in html
    assert '<link rel="alternate" hreflang="ur" href="http://testserver/ur/">' in html
