"""Both journeys in each of the six languages, on a phone, with axe-core on every page.

The page words come from the demo's draft translations (wagtail-localize), the questions
from locale/. On every page we look for English interface strings (the .po files' msgids)
in any element that does not say it is English.
"""

import re
from functools import cache
from pathlib import Path

import polib
import pytest
from django.conf import settings
from wagtail.models import Locale
from wagtail.rich_text import RichText

from cms.demo_content import FEEDBACK, HOME, REQUEST_HELP
from cms.demo_translations import translation_memory
from cms.models import FeedbackPage, RequestHelpPage
from cms.translation import locale_trees_sync, page_translation_publish
from early_help.models import Feedback, HelpRequest

from ..conftest import publish_child
from .conftest import assert_accessible
from .test_request_help import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = [code for code, _name in settings.LANGUAGES]
ROOT = Path(settings.BASE_DIR)
# Names and numbers that read the same in every language. "English" is the name of a
# language in the language question, which lists each language by its own name.
SAME_EVERYWHERE = re.compile(r"^(999|MASH|BSL|Childline|Family Voice|Sandwell|English|[\d\s+]+)$")
# What the test types into the forms (shown back on "check your answers").
TYPED = ["Jo", "Bloggs", "Tigrinya", "Sam", "Baby", "Rent arrears.", "Someone to talk to."]
TYPED += ["Health visitor", "She listens to me", "Oldbury Early Help Team"]

# Text a screen reader reads in the page's language: every text node whose nearest lang is
# not English, and the page title.
PAGE_TEXTS = """() => {
  const out = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const owner = walker.currentNode.parentElement;
    if (!owner || owner.closest('script, style, template')) continue;
    const lang = (owner.closest('[lang]') || document.documentElement).getAttribute('lang');
    if (lang && lang.startsWith('en')) continue;
    out.push(walker.currentNode.textContent);
  }
  return out;
}"""

PY_MSGID = re.compile(
    r"\b(?:_|gettext|gettext_lazy|pgettext_lazy|ngettext_lazy)\(\s*(?:\"[^\"]*\",\s*)?"
    r"((?:\"(?:[^\"\\\n]|\\.)*\"\s*)+)"
)
TEMPLATE_MSGID = re.compile(r"{%\s*(?:translate|trans)\s+(?:\"([^\"]+)\"|'([^']+)')")
TEMPLATE_BLOCK = re.compile(
    r"{%\s*blocktrans(?:late)?[^%]*%}(.*?){%\s*endblocktrans(?:late)?\s*%}", re.S
)


@cache
def _source_msgids() -> frozenset[str]:
    """Every interface string marked in our code and templates, as `makemessages` finds
    them, so strings added since the .po files were made are looked for too."""
    found = set()
    for folder in ("early_help", "cms", "portal", "templates"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix == ".py":
                for match in PY_MSGID.finditer(path.read_text()):
                    found.add("".join(re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(1))))
            elif path.suffix in (".html", ".txt"):
                text = path.read_text()
                found.update(a or b for a, b in TEMPLATE_MSGID.findall(text))
                found.update(" ".join(body.split()) for body in TEMPLATE_BLOCK.findall(text))
    return frozenset(m.replace("\\'", "'") for m in found if m.strip())


def _visible_part(msgid: str) -> str:
    """The longest literal part of a string with placeholders or markup."""
    parts = re.split(r"%\(\w+\)s|%s|<[^>]+>|\{\{.*?\}\}", msgid)
    return max((" ".join(p.split()) for p in parts), key=len).strip(" .,:;()")


@cache
def _interface_strings(code: str) -> list[tuple[str, str]]:
    """(English text a visitor could see, its state in `code`'s .po file) for every string."""
    po = polib.pofile(str(ROOT / "locale" / code / "LC_MESSAGES" / "django.po"))
    entries = {entry.msgid: entry for entry in po if not entry.obsolete}
    strings = []
    for msgid in _source_msgids() | entries.keys():
        entry = entries.get(msgid)
        if entry is None:
            state = "not in the .po files yet"
        elif not entry.translated() or "fuzzy" in entry.flags:
            state = "untranslated"
        elif entry.msgstr == entry.msgid:
            continue  # the same words in both languages (a name)
        else:
            state = "translated"
        text = _visible_part(msgid)
        if not text or SAME_EVERYWHERE.match(text):
            continue
        if text != msgid.strip(" .,:;()") and len(text.split()) < 3:
            continue  # a fragment too short to tell English from a name
        strings.append((text, state))
    return strings


def english_on_page(page, code: str) -> dict[str, list[str]]:
    """English interface strings shown on the page in an element that claims `code`.

    A one-word string counts only as the whole text of an element ("Back", "Continue"), so
    "Family" in "Family Voice" does not; longer strings count anywhere in the text.
    """
    texts = [" ".join(t.split()) for t in page.evaluate(PAGE_TEXTS)]
    whole = " ".join(t for t in texts if t)
    for typed in TYPED:
        whole = whole.replace(typed, " ")
    elements = {t.strip(" .,:;()") for t in texts}
    found: dict[str, set[str]] = {}
    for english, state in _interface_strings(code):
        if len(english.split()) == 1:
            shown = english in elements
        else:
            shown = re.search(r"(?<![\w'])" + re.escape(english) + r"(?![\w'])", whole)
        if shown:
            found.setdefault(state, set()).add(english)
    # "What help would you like?" is found inside a new "What help would you like? (optional)".
    longer = set().union(*found.values()) if found else set()
    return {
        state: sorted(s for s in strings if not any(s != other and s in other for other in longer))
        for state, strings in found.items()
        if any(not any(s != other and s in other for other in longer) for s in strings)
    }


class EnglishFinder:
    """Collects English interface strings page by page, to list them all in one failure."""

    def __init__(self, code: str):
        self.code = code
        self.found: dict[str, dict[str, list[str]]] = {}

    def look(self, page) -> None:
        if self.code != "en":
            found = english_on_page(page, self.code)
            if found:
                self.found[page.url.split("//", 1)[1].split("/", 1)[1]] = found

    def assert_none(self) -> None:
        by_state: dict[str, set[str]] = {}
        for found in self.found.values():
            for state, strings in found.items():
                by_state.setdefault(state, set()).update(strings)
        assert not by_state, (
            f"English interface strings on pages in {self.code} "
            f"(on /{', /'.join(self.found)}).\n"
            f"Not yet in the .po files (run make messages, then translate): "
            f"{sorted(by_state.get('not in the .po files yet', []))}\n"
            f"Not yet translated in locale/{self.code}/LC_MESSAGES/django.po: "
            f"{sorted(by_state.get('untranslated', []))}\n"
            f"Translated, but shown in English: {sorted(by_state.get('translated', []))}"
        )


def prefix(code: str) -> str:
    return "" if code == settings.LANGUAGE_CODE else f"/{code}"


@pytest.fixture
def every_language(home_page, locality):
    """The demo's home, request-for-help and feedback pages, translated as the demo does."""
    home_page.title = HOME["title"]
    home_page.lead = HOME["lead"]
    home_page.body = [(kind, RichText(value)) for kind, value in HOME["body"]]
    home_page.save_revision().publish()
    request_help = publish_child(home_page, RequestHelpPage(slug="ask-for-help", **REQUEST_HELP))
    feedback = publish_child(home_page, FeedbackPage(slug="feedback", **FEEDBACK))
    pages = [home_page, request_help, feedback]
    for locale in locale_trees_sync():
        memory = translation_memory(
            locale.language_code, towns=["Oldbury"], kept=[p.slug for p in pages]
        )
        for page in pages:
            page_translation_publish(page=page, locale=locale, translations=memory)
    return {"request_help": request_help, "feedback": feedback}


class EveryLanguageJourney(Journey):
    """The family journey, checking each page for English as well as accessibility."""

    def __init__(self, page, base_url: str, english: EnglishFinder):
        super().__init__(page, base_url)
        self.english = english

    def at(self, slug: str):
        super().at(slug)
        assert self.page.locator("html").get_attribute("lang") == self.english.code
        self.english.look(self.page)

    def errors_shown(self):
        super().errors_shown()
        self.english.look(self.page)


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_family_asks_for_help_in_their_language(
    code, phone, live_server, every_language, site_settings, locality
):
    translated = every_language["request_help"].get_translation(
        Locale.objects.get(language_code=code)
    )
    english = EnglishFinder(code)
    phone.goto(f"{live_server.url}{prefix(code)}/")
    assert_accessible(phone)
    english.look(phone)
    phone.locator("main a.govuk-button--start").click()
    phone.wait_for_url(f"**{prefix(code)}/ask-for-help/")
    assert phone.locator("h1").inner_text() == translated.title
    assert_accessible(phone)
    english.look(phone)

    journey = EveryLanguageJourney(phone, live_server.url, english)
    phone.locator("main a.govuk-button--start").click()
    journey.who("parent_carer")
    journey.about_you()
    journey.safe_contact()
    journey.language()
    journey.children()
    journey.whats_happening()
    journey.help_wanted()
    journey.other_agencies()
    journey.consent()
    english.look(phone)  # check your answers
    reference = journey.send()
    english.look(phone)
    assert phone.locator("html").get_attribute("lang") == code
    # The page's own "what happens next", in the family's language.
    assert translated.what_happens_next[3:40] in phone.locator("main").inner_html()
    assert HelpRequest.objects.filter(reference=reference).exists()
    english.assert_none()


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_young_person_gives_feedback_in_their_language(
    code, phone, live_server, every_language, site_settings
):
    translated = every_language["feedback"].get_translation(Locale.objects.get(language_code=code))
    english = EnglishFinder(code)

    def check():
        assert phone.locator("html").get_attribute("lang") == code
        assert_accessible(phone)
        english.look(phone)

    def at(slug):
        phone.wait_for_url(f"**{prefix(code)}/feedback/step/{slug}/")
        check()
        phone.locator("main button[type=submit]").click()  # errors first
        phone.locator(".govuk-error-summary").wait_for()
        check()

    def submit():
        phone.locator("main button[type=submit]").click()

    phone.goto(f"{live_server.url}{prefix(code)}/feedback/")
    assert phone.locator("h1").inner_text() == translated.title
    check()
    phone.locator("main a.govuk-button--start").click()
    at("who")
    phone.locator("input[name=journey_type][value=young_person]").check()
    submit()
    at("about")
    phone.locator("input[name=about_role][value=social_worker]").check()
    phone.locator("input[name=knows_worker][value=yes]").check()
    submit()
    at("scales")
    for name in ("trust", "easy_to_contact", "listens", "explains"):
        phone.locator(f"input[name={name}][value='4']").check()
    submit()
    at("changes")
    phone.locator("input[name=worker_changed][value=no]").check()
    submit()
    at("words")
    phone.locator("input[name=feels_safe][value=yes]").check()
    phone.fill("#id_going_well", "She listens to me")
    submit()
    at("you")
    phone.locator("input[name=anonymous][value=yes]").check()
    phone.locator("input[name=wants_reply][value=no]").check()
    submit()
    phone.wait_for_url(f"**{prefix(code)}/feedback/thank-you/")
    check()
    assert translated.what_happens_next[3:40] in phone.locator("main").inner_html()
    assert Feedback.objects.count() == 1
    english.assert_none()


def _style(page, selector: str, prop: str) -> str:
    return page.evaluate(
        "([s, p]) => getComputedStyle(document.querySelector(s)).getPropertyValue(p)",
        [selector, prop],
    )


def _box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def test_urdu_steps_read_right_to_left(phone, live_server, every_language, site_settings):
    journey = Journey(phone, live_server.url, check_accessibility=False)
    journey.start("/ur/ask-for-help/")
    assert phone.locator("html").get_attribute("dir") == "rtl"

    journey.at("who")
    journey.next()  # the error summary
    phone.locator(".govuk-error-summary").wait_for()
    for selector in ("h1", ".govuk-error-summary__list", ".govuk-fieldset__legend"):
        assert _style(phone, selector, "direction") == "rtl", selector
        assert _style(phone, selector, "text-align") in ("right", "start"), selector
    # A radio button sits to the right of its label.
    radio, label = _box(phone, ".govuk-radios__input"), _box(phone, ".govuk-radios__label")
    assert radio["x"] > label["x"]
    phone.locator("input[name=requester_type][value=young_person]").check()
    journey.next()

    journey.at("about-you")
    # Day, month, year: the day comes first, on the right.
    day, month = _box(phone, "#id_date_of_birth_0"), _box(phone, "#id_date_of_birth_1")
    assert day["x"] > month["x"]
    assert _style(phone, ".govuk-date-input__item", "margin-left") == "20px"
    journey.about_you(last="", born=("4", "5", "2011"))
    journey.safe_contact()
    journey.language()
    journey.whats_happening(needs=("education",))
    journey.help_wanted()
    journey.other_agencies()
    journey.consent()

    assert "/check-your-answers/" in phone.url
    # On a phone each question sits above its answer, both from the right-hand edge.
    for selector in (".govuk-summary-list__key", ".govuk-summary-list__value"):
        assert _style(phone, selector, "direction") == "rtl", selector
        assert _style(phone, selector, "text-align") == "right", selector
    journey.next()
    phone.locator(".govuk-panel__title").wait_for()
    assert _style(phone, ".govuk-panel", "direction") == "rtl"
    assert _style(phone, "main p.govuk-body", "text-align") in ("right", "start")


def test_a_page_not_yet_translated_is_shown_in_english_and_says_so(
    phone, live_server, every_language, standard_page, site_settings
):
    locale_trees_sync()  # the new page gets its alias in every language, as the admin does
    phone.goto(live_server.url + "/ur/what-is-early-help/")
    assert phone.locator("html").get_attribute("lang") == "en"
    assert phone.locator("h1").inner_text() == "What is early help?"
    note = phone.locator(".fv-language-note")
    assert note.get_attribute("lang") == "ur"
    assert note.get_attribute("dir") == "rtl"
    assert "اردو" in note.inner_text()
    # The interface around the page stays in Urdu, and says so.
    assert phone.locator("header").get_attribute("lang") == "ur"
    current = phone.locator(".govuk-language-navigation [aria-current=true]")
    assert current.inner_text() == "اردو"
    assert_accessible(phone)
