"""Build the demo site: towns, staff and the page tree in English with translated home pages.

Idempotent: pages that exist are left as comms staff may have edited them; towns, sectors
and staff are brought back to their demo values.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from early_help.demo import (
    DEMO_PASSWORD,
    DEMO_STAFF,
    feedback_links_seed,
    help_requests_seed,
    lead_agencies_seed,
    localities_seed,
    mash_duty_seed,
    neighbouring_councils_seed,
    sms_templates_translate_seed,
    staff_seed,
    urgent_phrases_seed,
)
from early_help.shared.safeguarding import DEFAULT_URGENT_PHRASES

from ...demo_content import (
    ACCESSIBILITY,
    FEEDBACK,
    HOME_TRANSLATIONS,
    HUBS,
    NEIGHBOURING_COUNCILS,
    PRIVACY,
    REQUEST_HELP,
    WHAT_IS_EARLY_HELP,
    YOU_SAID_WE_DID,
)
from ...models import (
    FeedbackPage,
    GetHelpNowPage,
    HomePage,
    LocalityPage,
    RequestHelpPage,
    SiteSettings,
    StandardPage,
    YouSaidWeDidPage,
)

RICH_BLOCKS = {"paragraph", "inset_text"}


def _stream(blocks):
    return [(kind, RichText(value) if kind in RICH_BLOCKS else value) for kind, value in blocks]


def _child(parent: Page, model: type[Page], slug: str, **fields) -> Page:
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


class Command(BaseCommand):
    help = "Create or refresh the demo site (invented people, drama-range phone numbers)."

    @transaction.atomic
    def handle(self, *args, **options):
        localities = localities_seed()
        staff_seed()
        neighbouring_councils_seed(NEIGHBOURING_COUNCILS)
        urgent_phrases_seed(DEFAULT_URGENT_PHRASES)
        lead_agencies_seed()
        for code in HOME_TRANSLATIONS.keys() | {"en", "pa", "bn", "ro"}:
            Locale.objects.get_or_create(language_code=code)
        home = self._home()
        _child(
            home,
            GetHelpNowPage,
            "get-help-now",
            title="Get help now",
            lead="If you need to talk to someone today, these numbers are answered by people who can help.",
        )
        _child(home, RequestHelpPage, "ask-for-help", **REQUEST_HELP)
        _child(home, FeedbackPage, "feedback", **FEEDBACK)
        _child(home, YouSaidWeDidPage, "you-said-we-did", **YOU_SAID_WE_DID)
        _child(
            home,
            StandardPage,
            "what-is-early-help",
            title="What is early help?",
            lead="Support for families, early, before problems grow.",
            body=_stream(WHAT_IS_EARLY_HELP),
        )
        privacy = _child(
            home, StandardPage, "privacy", title="Privacy notice", body=_stream(PRIVACY)
        )
        accessibility = _child(
            home,
            StandardPage,
            "accessibility",
            title="Accessibility statement",
            body=_stream(ACCESSIBILITY),
        )
        for locality in localities:
            _child(
                home,
                LocalityPage,
                locality.slug,
                title=f"Early help in {locality.name}",
                locality=locality,
                lead=f"The {locality.team_name} works with families across {locality.name}.",
                family_hubs=[
                    (
                        "hub",
                        {
                            "name": name,
                            "address": address,
                            "opening_hours": "Monday to Friday, 9am to 5pm",
                        },
                    )
                    for name, address in HUBS[locality.slug]
                ],
                how_to_get_there=f"<p>Buses stop outside {locality.name} Family Hub. Step-free access at the front door.</p>",
            )
        self._translate_home(home)
        self._site_settings(home, privacy, accessibility)
        mash_duty_seed()
        sms_templates_translate_seed()
        help_requests_seed()
        feedback_links_seed()
        self._report()

    def _home(self) -> HomePage:
        english = Locale.objects.get(language_code="en")
        home = HomePage.objects.filter(locale=english, depth=2).first()
        if home is None:
            root = Page.get_first_root_node()
            home = HomePage(
                title="Get early help for your family",
                slug="family-voice",
                lead=(
                    "Family Voice is how families, children and young people in Sandwell ask for "
                    "help early, before things get harder. It is free and you do not need a referral."
                ),
                body=_stream(
                    [
                        (
                            "paragraph",
                            "<p>Tell us what is happening and what would help. Your town's early "
                            "help team will contact you, in the way you say is safe.</p>",
                        ),
                    ]
                ),
            )
            root.add_child(instance=home)
            home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        previous_root_id = site.root_page_id
        site.root_page = home
        site.site_name = "Family Voice"
        site.save()
        if previous_root_id and previous_root_id != home.pk:
            # Wagtail's "Welcome to your new Wagtail site!" page.
            Page.objects.filter(pk=previous_root_id).exclude(pk=home.pk).delete()
        return home

    def _translate_home(self, home: HomePage) -> None:
        for code, fields in HOME_TRANSLATIONS.items():
            locale = Locale.objects.get(language_code=code)
            if home.has_translation(locale):
                continue
            translated = home.copy_for_translation(locale)
            for name, value in fields.items():
                setattr(translated, name, value)
            translated.save_revision().publish()

    def _site_settings(self, home: HomePage, privacy: Page, accessibility: Page) -> None:
        site_settings = SiteSettings.for_site(home.get_site())
        if not site_settings.footer_links:
            site_settings.footer_links = [
                ("link", {"text": "Privacy", "page": privacy, "url": ""}),
                ("link", {"text": "Accessibility", "page": accessibility, "url": ""}),
            ]
            site_settings.footer_text = (
                "<p>Family Voice is run by Sandwell Council's children's services.</p>"
            )
            site_settings.save()

    def _report(self) -> None:
        self.stdout.write(self.style.SUCCESS("Demo site ready."))
        self.stdout.write(f"Demo staff (password for all: {DEMO_PASSWORD}):")
        for person in DEMO_STAFF:
            self.stdout.write(f"  {person.role.label:<18} {person.email}")
