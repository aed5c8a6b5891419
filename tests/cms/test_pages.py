import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Page

from cms.blocks import CallToActionBlock, ImageBlock
from cms.models import GetHelpNowPage, HomePage, LocalityPage, StandardPage

pytestmark = pytest.mark.django_db


def test_home_page_shows_lead_help_now_numbers_and_exit_button(client, site_settings):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Get early help for your family" in html
    assert "Family Voice is how families in Sandwell ask for help early." in html
    assert "0121 496 0999" in html  # MASH number from site settings
    assert 'href="tel:999"' in html
    assert 'href="/exit/"' in html
    assert "Exit this page" in html
    assert 'class="govuk-skip-link"' in html


def test_home_page_lists_the_locality_pages(client, locality_page):
    html = client.get("/").content.decode()
    assert 'href="/oldbury/"' in html
    assert "Early help in Oldbury" in html


def test_standard_page_renders_every_block_as_govuk_markup(client, standard_page):
    response = client.get("/what-is-early-help/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h2 class="govuk-heading-l">Who it is for</h2>' in html
    assert "<b>Sandwell</b>" in html
    assert 'class="govuk-inset-text fv-prose"' in html
    assert 'class="govuk-warning-text"' in html
    assert '<details class="govuk-details">' in html
    assert "govuk-button--start" in html
    assert 'href="https://example.org/"' in html
    assert 'href="tel:01214960100"' in html


def test_locality_page_takes_team_details_from_the_town_record(client, locality_page, locality):
    locality.phone = "0121 496 0777"
    locality.save()
    html = client.get("/oldbury/").content.decode()
    assert "Oldbury Early Help Team" in html
    assert "0121 496 0777" in html
    assert "Langley Family Hub" in html
    assert "Bus 120 stops outside." in html


def test_get_help_now_page_shows_every_number_from_site_settings(
    client, get_help_now_page, site_settings
):
    site_settings.out_of_hours_phone = "0121 496 0555"
    site_settings.save()
    html = client.get("/get-help-now/").content.decode()
    for number in ["999", "0121 496 0999", "0121 496 0555", "0800 1111", "0808 2000 247"]:
        assert number in html


def test_free_text_from_editors_is_escaped(client, home_page):
    home_page.lead = "<script>alert(1)</script>"
    home_page.save_revision().publish()
    html = client.get("/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_page_types_only_go_where_they_belong(home_page):
    root = Page.get_first_root_node()
    assert not HomePage.can_create_at(root)  # one home page per root
    assert GetHelpNowPage.can_create_at(home_page)
    assert LocalityPage.can_create_at(home_page)
    assert StandardPage.can_create_at(home_page)
    assert not GetHelpNowPage.can_create_at(root)


def test_only_one_get_help_now_page_per_home(get_help_now_page, home_page):
    assert not GetHelpNowPage.can_create_at(home_page)


def test_pages_go_through_the_moderation_workflow(home_page, standard_page):
    workflow = standard_page.get_workflow()
    assert workflow is not None
    assert workflow.active
    assert workflow.tasks.exists()


def test_call_to_action_needs_a_page_or_an_address_but_not_both(standard_page):
    block = CallToActionBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"text": "Go", "page": None, "url": "", "start": False}))
    with pytest.raises(StructBlockValidationError):
        block.clean(
            block.to_python(
                {
                    "text": "Go",
                    "page": standard_page.pk,
                    "url": "https://example.org/",
                    "start": False,
                }
            )
        )
    assert block.clean(
        block.to_python({"text": "Go", "page": None, "url": "https://example.org/", "start": False})
    )


def test_an_image_cannot_be_published_without_alternative_text():
    block = ImageBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": None, "alt_text": "", "caption": ""}))
    assert block.child_blocks["alt_text"].required


def test_search_finds_live_pages_in_the_visitors_language(client, standard_page, urdu_home_page):
    response = client.get("/search/", {"q": "early help"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/what-is-early-help/"' in html


def test_search_survives_odd_input(client, home_page):
    for params in [
        {"q": "x" * 5000},
        {"q": "help", "page": "not-a-number"},
        {"q": "help", "page": "999"},
        {"q": "'; DROP TABLE"},
    ]:
        assert client.get("/search/", params).status_code == 200


def test_sitemap_lists_the_public_pages(client, standard_page, locality_page):
    response = client.get("/sitemap.xml")
    body = response.content.decode()
    assert response.status_code == 200
    assert "/what-is-early-help/" in body
    assert "/oldbury/" in body


def test_robots_txt_keeps_crawlers_out_of_staff_and_exit_urls(client):
    response = client.get("/robots.txt")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in body
    assert "Disallow: /exit/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_unknown_address_answers_a_helpful_404(client, site_settings):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert "0121 496 0999" in html


def test_the_500_page_renders_without_a_database_or_request():
    html = render_to_string("500.html")
    assert "Sorry, there is a problem with the service" in html
    assert "0800 1111" in html
