import pytest
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from cms.models import GetHelpNowPage, HomePage, LocalityPage, SiteSettings, StandardPage

from .factories import LocalityFactory, PostcodeSectorFactory


@pytest.fixture(autouse=True)
def _fresh_state():
    # Rate limits, cached settings and the active language must not leak between tests.
    cache.clear()
    translation.activate("en")
    yield
    translation.deactivate()
    cache.clear()


def publish_child(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def locality(db):
    locality = LocalityFactory(name="Oldbury", slug="oldbury", phone="0121 496 0110")
    PostcodeSectorFactory(locality=locality, sector="B69 4")
    return locality


@pytest.fixture
def home_page(db) -> HomePage:
    """A published English home page as the default site's root."""
    # Transactional (browser) tests flush the tables the migrations filled, so rebuild the
    # root, the English locale and the default site when they are missing.
    english, _created = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=english)
    )
    home = publish_child(
        root,
        HomePage(
            title="Get early help for your family",
            slug="home-test",
            lead="Family Voice is how families in Sandwell ask for help early.",
            body=[("paragraph", RichText("<p>Tell us what is happening.</p>"))],
        ),
    )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        old_root = site.root_page_id
        site.root_page = home
        site.save()
        Page.objects.filter(pk=old_root).delete()
    return home


@pytest.fixture
def site_settings(home_page) -> SiteSettings:
    settings = SiteSettings.for_site(home_page.get_site())
    settings.mash_phone = "0121 496 0999"
    settings.save()
    return settings


@pytest.fixture
def standard_page(home_page) -> StandardPage:
    return publish_child(
        home_page,
        StandardPage(
            title="What is early help?",
            slug="what-is-early-help",
            lead="Support for families, early.",
            body=[
                ("heading", "Who it is for"),
                ("paragraph", RichText("<p>Any family in <b>Sandwell</b>.</p>")),
                ("inset_text", RichText("<p>One worker for your family.</p>")),
                ("warning_text", "If a child is in danger now, call 999."),
                (
                    "details",
                    {"summary": "Who will know?", "body": RichText("<p>Only those who must.</p>")},
                ),
                (
                    "call_to_action",
                    {
                        "text": "Find your team",
                        "page": None,
                        "url": "https://example.org/",
                        "start": True,
                    },
                ),
                (
                    "contact",
                    {
                        "heading": "Advice line",
                        "phone": "0121 496 0100",
                        "email": "help@example.org",
                        "hours": "9 to 5",
                        "address": "",
                    },
                ),
            ],
        ),
    )


@pytest.fixture
def locality_page(home_page, locality) -> LocalityPage:
    return publish_child(
        home_page,
        LocalityPage(
            title="Early help in Oldbury",
            slug="oldbury",
            locality=locality,
            lead="The Oldbury Early Help Team works with families across Oldbury.",
            family_hubs=[
                (
                    "hub",
                    {
                        "name": "Langley Family Hub",
                        "address": "Langley High Street",
                        "opening_hours": "",
                    },
                )
            ],
            how_to_get_there="<p>Bus 120 stops outside.</p>",
        ),
    )


@pytest.fixture
def get_help_now_page(home_page) -> GetHelpNowPage:
    return publish_child(
        home_page,
        GetHelpNowPage(title="Get help now", slug="get-help-now", lead="Talk to someone today."),
    )


@pytest.fixture
def urdu_home_page(home_page) -> HomePage:
    urdu, _created = Locale.objects.get_or_create(language_code="ur")
    translated = home_page.copy_for_translation(urdu)
    translated.title = "اپنے خاندان کے لیے جلد مدد حاصل کریں"
    translated.lead = "فیملی وائس کے ذریعے خاندان مدد مانگ سکتے ہیں۔"
    translated.save_revision().publish()
    return translated


@pytest.fixture
def request_help_page(home_page, locality):
    from cms.models import RequestHelpPage

    return publish_child(
        home_page,
        RequestHelpPage(
            title="Ask for early help",
            slug="ask-for-help",
            lead="Parents, carers and young people can ask for help here.",
            intro="<p>It takes about 10 minutes.</p>",
            what_happens_next="<p>A worker will contact you.</p>",
        ),
    )


@pytest.fixture
def urdu_request_help_page(request_help_page, urdu_home_page):
    urdu = Locale.objects.get(language_code="ur")
    translated = request_help_page.copy_for_translation(urdu)
    translated.title = "ابتدائی مدد کے لیے کہیں"
    translated.lead = "والدین، دیکھ بھال کرنے والے اور نوجوان یہاں مدد مانگ سکتے ہیں۔"
    translated.intro = "<p>اس میں تقریباً 10 منٹ لگتے ہیں۔</p>"
    translated.what_happens_next = "<p>ایک کارکن آپ سے رابطہ کرے گا۔</p>"
    translated.save_revision().publish()
    return translated


@pytest.fixture
def sms_templates(db):
    """The default English texts (transactional tests flush the ones the migration made)."""
    from early_help.models import SmsTemplate
    from early_help.texts.defaults import sms_templates_ensure

    sms_templates_ensure(SmsTemplate, Locale)


@pytest.fixture
def daytime(settings):
    """Texts are held at night; tests that send them must not depend on the clock."""
    settings.FAMILY_VOICE_SMS_QUIET_HOURS = (0, 0)


@pytest.fixture
def feedback_page(home_page):
    from cms.models import FeedbackPage

    return publish_child(
        home_page,
        FeedbackPage(
            title="Tell us about your worker",
            slug="feedback",
            lead="We read every answer.",
            intro="<p>You don't have to tell us your name.</p>",
            what_happens_next="<p>A manager reads every answer.</p>",
        ),
    )


@pytest.fixture
def urdu_feedback_page(feedback_page, urdu_home_page):
    urdu = Locale.objects.get(language_code="ur")
    translated = feedback_page.copy_for_translation(urdu)
    translated.title = "اپنے کارکن کے بارے میں بتائیں"
    translated.save_revision().publish()
    return translated


@pytest.fixture
def feedback_link(locality):
    from early_help.models import FeedbackLink

    return FeedbackLink.objects.create(
        worker_name="Sam Green", worker_role="social_worker", team=locality
    )
