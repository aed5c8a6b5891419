"""Build the demo: two councils of a region, each with its own site (Sandwell on the
default site, http://127.0.0.1:8000; Dudley at http://dudley.localhost:8000), towns, staff
and page tree in English and every family language.

Idempotent: pages that exist are left as comms staff may have edited them; councils, towns,
sectors and staff are brought back to their demo values.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText
from wagtail_localize.models import Translation

from early_help.demo import (
    COUNCILS,
    DEMO_PASSWORD,
    DEMO_SITE_PORT,
    DEMO_STAFF,
    SANDWELL,
    DemoCouncil,
    councils_seed,
    demo_data_check,
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
from early_help.demo_history import demo_history_seed
from early_help.shared.safeguarding import DEFAULT_URGENT_PHRASES
from early_help.staff_access.roles import StaffRole

from ...demo_content import (
    ACCESSIBILITY,
    FEEDBACK,
    HOME,
    HUBS,
    NEIGHBOURING_COUNCILS,
    PRIVACY,
    REQUEST_HELP,
    WHAT_IS_EARLY_HELP,
    YOU_SAID_WE_DID,
    in_area,
)
from ...demo_translations import LANGUAGES, SEARCH_DESCRIPTIONS, translation_memory
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
from ...translation import locale_trees_sync, page_translation_publish

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
        demo_data_check()  # refused before anything is written, where not allowed
        Locale.objects.get_or_create(language_code="en")
        homes = {demo.slug: self._home(demo) for demo in COUNCILS}
        councils = councils_seed({slug: home.get_site() for slug, home in homes.items()})
        towns = {demo.slug: localities_seed(councils[demo.slug]) for demo in COUNCILS}
        staff_seed()
        neighbouring_councils_seed(NEIGHBOURING_COUNCILS)
        urgent_phrases_seed(DEFAULT_URGENT_PHRASES)
        lead_agencies_seed()
        for demo in COUNCILS:
            self._pages(demo, homes[demo.slug], towns[demo.slug])
            mash_duty_seed(
                homes[demo.slug].get_site(),
                alert_email=next(
                    person.email
                    for person in DEMO_STAFF
                    if person.role == StaffRole.MASH_DUTY and person.council_slug == demo.slug
                ),
            )
        sms_templates_translate_seed()
        for demo in COUNCILS:
            help_requests_seed(councils[demo.slug])
        demo_history_seed()
        feedback_links_seed()
        self._report()

    def _pages(self, demo: DemoCouncil, home: HomePage, localities) -> None:
        area = demo.short_name

        def words(value):
            return in_area(value, area)

        # "Show in menus" puts a page in the footer, on the home page and on the town pages.
        get_help_now = _child(
            home,
            GetHelpNowPage,
            "get-help-now",
            title="Get help now",
            lead="If you need to talk to someone today, these numbers are answered by people who can help.",
            search_description=SEARCH_DESCRIPTIONS["get-help-now"],
            show_in_menus=True,
        )
        request_help = _child(
            home,
            RequestHelpPage,
            "ask-for-help",
            search_description=SEARCH_DESCRIPTIONS["ask-for-help"],
            **words(REQUEST_HELP),
        )
        feedback = _child(
            home,
            FeedbackPage,
            "feedback",
            search_description=SEARCH_DESCRIPTIONS["feedback"],
            show_in_menus=True,
            **words(FEEDBACK),
        )
        _child(
            home,
            YouSaidWeDidPage,
            "you-said-we-did",
            search_description=SEARCH_DESCRIPTIONS["you-said-we-did"],
            show_in_menus=True,
            **words(YOU_SAID_WE_DID),
        )
        _child(
            home,
            StandardPage,
            "what-is-early-help",
            title="What is early help?",
            lead="Support for families, early, before problems grow.",
            body=_stream(words(WHAT_IS_EARLY_HELP)),
            search_description=SEARCH_DESCRIPTIONS["what-is-early-help"],
            show_in_menus=True,
        )
        privacy = _child(
            home,
            StandardPage,
            "privacy",
            title="Privacy notice",
            body=_stream(words(PRIVACY)),
            search_description=SEARCH_DESCRIPTIONS["privacy"],
        )
        accessibility = _child(
            home,
            StandardPage,
            "accessibility",
            title="Accessibility statement",
            body=_stream(words(ACCESSIBILITY)),
            search_description=SEARCH_DESCRIPTIONS["accessibility"],
        )
        town_pages = []
        for locality in localities:
            town_page = _child(
                home,
                LocalityPage,
                locality.slug,
                title=f"Early help in {locality.name}",
                search_description=SEARCH_DESCRIPTIONS["locality"].format(town=locality.name),
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
            town_pages.append(town_page)
        self._translate(
            [home, get_help_now, request_help, feedback, *town_pages],
            towns=[locality.name for locality in localities],
            area=area,
        )
        self._site_settings(demo, home, privacy, accessibility)

    def _home(self, demo: DemoCouncil) -> HomePage:
        """The council's home page and its site: Sandwell's is the default site (any
        address this machine answers to); another council's has its own host name."""
        english = Locale.objects.get(language_code="en")
        slug = "family-voice" if demo.slug == SANDWELL else f"family-voice-{demo.slug}"
        home = HomePage.objects.filter(locale=english, depth=2, slug=slug).first()
        if home is None:
            root = Page.get_first_root_node()
            home = HomePage(
                slug=slug,
                search_description=in_area(SEARCH_DESCRIPTIONS["home"], demo.short_name),
                title=HOME["title"],
                lead=in_area(HOME["lead"], demo.short_name),
                body=_stream(in_area(HOME["body"], demo.short_name)),
            )
            root.add_child(instance=home)
            home.save_revision().publish()
        if demo.hostname is None:
            site = Site.objects.filter(is_default_site=True).first()
            if site is None:
                site = Site(hostname="localhost", port=80, is_default_site=True)
        else:
            site = Site.objects.filter(hostname=demo.hostname).first() or Site(
                hostname=demo.hostname, port=DEMO_SITE_PORT
            )
        previous_root_id = site.root_page_id
        site.root_page = home
        site.site_name = "Family Voice"
        site.save()
        if previous_root_id and previous_root_id != home.pk:
            # Wagtail's "Welcome to your new Wagtail site!" page.
            Page.objects.filter(pk=previous_root_id).exclude(pk=home.pk).delete()
        return home

    def _translate(self, pages: list[Page], *, towns: list[str], area: str) -> None:
        """Every family language follows the English tree (untranslated pages are aliases,
        shown in English); the journeys, help now, town and home pages are translated with
        wagtail-localize as draft translations awaiting professional review. A page already
        translated with wagtail-localize is left as comms may have edited it."""
        kept = {page.slug for page in pages} | {
            word for hubs in HUBS.values() for hub in hubs for word in hub
        }
        for locale in locale_trees_sync():
            if locale.language_code not in LANGUAGES:
                continue
            memory = translation_memory(locale.language_code, towns=towns, kept=kept, area=area)
            for page in pages:
                already = Translation.objects.filter(
                    source__object_id=page.translation_key, target_locale=locale
                ).exists()
                if not already:
                    page_translation_publish(page=page, locale=locale, translations=memory)

    def _site_settings(
        self, demo: DemoCouncil, home: HomePage, privacy: Page, accessibility: Page
    ) -> None:
        site_settings = SiteSettings.for_site(home.get_site())
        if not site_settings.footer_links:
            site_settings.footer_links = [
                ("link", {"text": "Privacy", "page": privacy, "url": ""}),
                ("link", {"text": "Accessibility", "page": accessibility, "url": ""}),
            ]
            site_settings.footer_text = (
                f"<p>Family Voice is run by {demo.name}'s children's services.</p>"
            )
            if demo.slug != SANDWELL:
                # Ofcom's drama range with no real area (01632 960xxx).
                site_settings.mash_phone = "01632 960000"
                site_settings.out_of_hours_phone = "01632 960001"
                site_settings.professional_referral_url = f"https://www.{demo.slug}.gov.uk/"
            site_settings.save()

    def _report(self) -> None:
        self.stdout.write(self.style.SUCCESS("Demo site ready."))
        for demo in COUNCILS:
            where = (
                f"http://{demo.hostname}:{DEMO_SITE_PORT}/"
                if demo.hostname
                else "http://127.0.0.1:8000/"
            )
            self.stdout.write(f"  {demo.name}: {where}")
        self.stdout.write(f"Demo staff (password for all: {DEMO_PASSWORD}):")
        for person in DEMO_STAFF:
            self.stdout.write(f"  {person.role.label:<18} {person.email}")
