"""Two councils of a region for tests: Sandwell on the default site, Dudley on its own.

Everyone and every number here is invented (Ofcom's drama ranges).
"""

from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from early_help.models import Council, Locality, PostcodeSector

DUDLEY_HOST = "dudley.localhost"
DUDLEY_SENDER = "+447700900020"


def sandwell(site: Site | None, **fields) -> Council:
    """Sandwell on `site`, with the town it already has (the `locality` fixture's Oldbury)."""
    # The factories may have made Sandwell already (it is the tests' first council).
    council, _created = Council.objects.update_or_create(
        slug="sandwell",
        defaults={
            "name": "Sandwell Council",
            "short_name": "Sandwell",
            "site": site,
            "contact_phone": "0121 496 0100",
            "brand_colour": "#54319f",
            **fields,
        },
    )
    Locality.objects.filter(council__isnull=True).update(council=council)
    return council


def dudley(site: Site | None = None, **fields) -> Council:
    """Dudley with two towns: Dudley (DY1 4) and Halesowen (B63 3)."""
    council, _created = Council.objects.update_or_create(
        slug="dudley",
        defaults={
            "name": "Dudley Council",
            "short_name": "Dudley",
            "site": site,
            "contact_phone": "01632 960100",
            "brand_colour": "#00594f",
            "sms_sender": DUDLEY_SENDER,
            "sort_order": 1,
            **fields,
        },
    )
    for order, (name, slug, phone, sector) in enumerate(
        [
            ("Dudley", "dudley", "01632 960110", "DY1 4"),
            ("Halesowen", "halesowen", "01632 960160", "B63 3"),
        ]
    ):
        town, _created = Locality.objects.update_or_create(
            slug=slug,
            defaults={
                "council": council,
                "name": name,
                "team_name": f"{name} Early Help Team",
                "phone": phone,
                "sort_order": order,
            },
        )
        PostcodeSector.objects.update_or_create(sector=sector, defaults={"locality": town})
    return council


def dudley_site(port: int = 80) -> tuple[Site, Page]:
    """Dudley's own site and home page, with an "Ask for early help" page under it."""
    from cms.models import HomePage, RequestHelpPage, SiteSettings

    _english, _created = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    home = HomePage(
        title="Get early help for your family",
        slug="home-dudley",
        lead="Family Voice is how families in Dudley ask for help early.",
        body=[("paragraph", RichText("<p>Tell us what is happening.</p>"))],
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.create(hostname=DUDLEY_HOST, port=port, root_page=home)
    page = RequestHelpPage(
        title="Ask for early help",
        slug="ask-for-help",
        lead="Parents, carers and young people can ask for help here.",
        intro="<p>It takes about 10 minutes.</p>",
        what_happens_next="<p>A worker will contact you.</p>",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    site_settings = SiteSettings.for_site(site)
    site_settings.mash_phone = "01632 960000"
    site_settings.save()
    return site, page
