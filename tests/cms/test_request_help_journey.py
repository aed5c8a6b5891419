import re

import pytest
from django.contrib.sessions.backends.db import SessionStore

from early_help.models import Council, HelpRequest, HelpRequestDraft, NeighbouringCouncil

from .journey import PARENT_STEPS, URL, errors, step_url, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(request_help_page, site_settings):
    return request_help_page


def test_the_start_page_shows_the_editors_words_and_the_safety_numbers(client, page):
    html = client.get(URL).content.decode()
    assert "It takes about 10 minutes." in html
    assert "0121 496 0999" in html
    assert 'href="tel:999"' in html
    assert f'href="{step_url("who")}"' in html


def test_a_parent_completes_the_journey_and_gets_a_reference(client, page, locality):
    walk(client)
    check = client.get(URL + "check-your-answers/")
    html = check.content.decode()
    assert check.status_code == 200
    assert "Jo" in html
    assert "B69 4AB" in html
    assert "Sam" in html
    assert "Housing, or not having somewhere safe to live" in html
    assert f'href="{step_url("about-you")}?change=1"' in html

    response = client.post(URL + "check-your-answers/", {"website": ""})
    assert response.status_code == 302
    assert response["Location"] == URL + "sent/"
    help_request = HelpRequest.objects.get()
    sent = client.get(URL + "sent/").content.decode()
    assert help_request.reference in sent
    assert "Oldbury Early Help Team" in sent
    assert "A worker will contact you." in sent


def test_refreshing_or_resending_never_makes_a_second_request(client, page):
    walk(client)
    for _ in range(3):
        response = client.post(URL + "check-your-answers/", {"website": ""})
        assert response.status_code == 302
    assert HelpRequest.objects.count() == 1


@pytest.mark.parametrize(
    ("slug", "data", "message"),
    [
        ("who", {}, "Select who is asking for help"),
        ("about-you", {}, "Enter your first name"),
        (
            "about-you",
            {"first_name": "Jo", "last_name": "B", "phone": "12345", "postcode": "B69 4AB"},
            "Enter a phone number, like 07700 900 982 or 0121 496 0000",
        ),
        (
            "about-you",
            {
                "first_name": "Jo",
                "last_name": "B",
                "phone": "07700 900123",
                "postcode": "NOT A CODE",
            },
            "Enter a real postcode, like B69 4AB",
        ),
        (
            "about-you",
            {
                "first_name": "Jo",
                "last_name": "B",
                "phone": "07700 900123",
                "postcode": "B69 4AB",
                "email": "jo@",
            },
            "Enter an email address in the correct format, like name@example.com",
        ),
        ("contact", {"language": "en"}, "Select yes if it is safe to text you"),
        (
            "contact",
            {"may_text": "no", "may_leave_voicemail": "no", "language": "other"},
            "Enter the language you would like us to use",
        ),
        ("children", {"action": "continue"}, "Enter the child's first name"),
        (
            "children",
            {
                "action": "continue",
                "first_name": "Sam",
                "birth": "date_of_birth",
                "date_of_birth_0": "31",
                "date_of_birth_1": "2",
                "date_of_birth_2": "2020",
            },
            "Date of birth must be a real date",
        ),
        (
            "children",
            {
                "action": "continue",
                "first_name": "Sam",
                "birth": "date_of_birth",
                "date_of_birth_0": "1",
                "date_of_birth_1": "2",
                "date_of_birth_2": "2099",
            },
            "Date of birth must be in the past",
        ),
        (
            "children",
            {
                "action": "continue",
                "first_name": "Sam",
                "birth": "unborn",
                "due_date_0": "1",
                "due_date_2": "2027",
            },
            "Due date must include a month",
        ),
        (
            "children",
            {"action": "continue", "first_name": "Sam", "birth": "age", "age": "seven"},
            "Age must be a number, like 7",
        ),
        (
            "whats-happening",
            {},
            "Select what your family is finding hard, or tell us in your own words",
        ),
        ("whats-happening", {"needs": ["domestic_abuse"]}, "Select whether you are safe right now"),
        (
            "whats-happening",
            {"needs": ["housing"], "help_wanted": "x" * 1001},
            "What help you would like must be 1000 characters or fewer",
        ),
        ("sharing", {"involved": "yes", "consent": "yes"}, "Tell us who is helping"),
        ("sharing", {"involved": "no"}, "Select whether we can share what you have told us"),
    ],
)
def test_every_step_explains_what_is_wrong(client, page, slug, data, message):
    walk(client, until=slug)
    response = client.post(step_url(slug), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in errors(response)
    assert 'class="govuk-error-summary"' in html
    assert "<title>Error:" in html


def test_a_landline_cannot_get_texts(client, page):
    steps = [(s, d) for s, d in PARENT_STEPS]
    steps[1] = ("about-you", {**PARENT_STEPS[1][1], "phone": "0121 496 0000"})
    walk(client, steps, until="contact")
    response = client.post(
        step_url("contact"),
        {
            "may_text": "yes",
            "may_leave_voicemail": "no",
            "may_post_letters": "no",
            "language": "en",
        },
    )
    assert errors(response) == [
        "To get texts, give us a UK mobile number: change your phone number, or choose 'No'"
    ]


def test_too_much_text_is_refused_without_losing_a_word(client, page):
    walk(client, until="whats-happening")
    words = "word " * 500
    response = client.post(
        step_url("whats-happening"), {"needs": ["housing"], "description": words}
    )
    assert "What is happening must be 2000 characters or fewer" in errors(response)
    assert words.strip() in response.content.decode()
    assert 'data-module="govuk-character-count" data-maxlength="2000"' in response.content.decode()


def test_answers_are_kept_when_someone_goes_back(client, page):
    walk(client, until="contact")
    html = client.get(step_url("about-you")).content.decode()
    assert 'value="Bloggs"' in html
    assert 'value="B69 4AB"' in html


def test_steps_cannot_be_skipped(client, page):
    walk(client, until="children")
    response = client.get(step_url("sharing"))
    assert response.status_code == 302
    assert response["Location"] == step_url("children")


def test_a_change_from_check_answers_returns_to_check_answers(client, page):
    walk(client)
    response = client.post(
        step_url("whats-happening") + "?change=1",
        {"needs": ["money_work"], "description": "", "help_wanted": "Advice about money"},
    )
    assert response["Location"] == URL + "check-your-answers/"


def test_professionals_are_signposted_to_the_referral_route(client, page):
    walk(client, until="who")
    response = client.post(step_url("who"), {"requester_type": "professional"})
    assert response["Location"] == URL + "professionals/"
    assert "professional referral" in client.get(response["Location"]).content.decode()


def test_a_postcode_outside_the_region_is_signposted_to_the_neighbouring_council(client, page):
    Council.objects.update_or_create(
        slug="sandwell",
        defaults={"name": "Sandwell Council", "short_name": "Sandwell", "site": page.get_site()},
    )
    NeighbouringCouncil.objects.create(
        name="Walsall Council", website="https://go.walsall.gov.uk/", postcode_districts="WS1"
    )
    walk(client, until="about-you")
    response = client.post(step_url("about-you"), {**PARENT_STEPS[1][1], "postcode": "ws1 1aa"})
    assert response["Location"] == URL + "outside-our-area/"
    html = client.get(URL + "outside-our-area/").content.decode()
    assert "Your postcode is outside Sandwell" in html
    assert "WS1 1AA is not in Sandwell" in html
    assert "https://go.walsall.gov.uk/" in html
    # A bookmark of the old address still reaches the page.
    assert client.get(URL + "outside-sandwell/")["Location"] == URL + "outside-our-area/"


def test_an_unknown_postcode_asks_for_the_nearest_town(client, page, locality):
    walk(client, until="about-you")
    response = client.post(step_url("about-you"), {**PARENT_STEPS[1][1], "postcode": "B69 9ZZ"})
    assert response["Location"] == step_url("nearest-town")
    response = client.post(step_url("nearest-town"), {"town": "oldbury"})
    assert response["Location"] == step_url("contact")


def test_a_young_person_gets_their_own_words_and_no_children_step(client, page):
    walk(client, until="who")
    client.post(step_url("who"), {"requester_type": "young_person"})
    html = client.get(step_url("about-you")).content.decode()
    assert "What&#x27;s your first name?" in html
    assert "date of birth" in html
    response = client.post(
        step_url("about-you"),
        {
            "first_name": "Ali",
            "phone": "07700 900555",
            "postcode": "B69 4AB",
            "date_of_birth_0": "1",
            "date_of_birth_1": "1",
            "date_of_birth_2": "2000",
        },
    )
    assert (
        "This is for young people aged 11 to 17. Go back and choose 'Parent or carer' or 'Another family member'"
        in errors(response)
    )


def test_the_honeypot_catches_bots_without_making_a_request(client, page):
    walk(client)
    response = client.post(URL + "check-your-answers/", {"website": "http://spam.example"})
    assert response.status_code == 200
    assert not HelpRequest.objects.exists()


def test_one_address_cannot_flood_the_queue(client, page, settings):
    settings.FAMILY_VOICE_SUBMISSIONS_PER_HOUR = 1
    walk(client)
    client.post(URL + "check-your-answers/", {"website": ""})
    client.cookies.clear()
    walk(client)
    response = client.post(URL + "check-your-answers/", {"website": ""})
    assert response.status_code == 429
    assert "Please phone us instead" in response.content.decode()
    assert HelpRequest.objects.count() == 1


def shown_code(response) -> str:
    """The resume code as the saved page shows it ("7K3Q 9MXP"), without the space."""
    match = re.search(r'id="resume-code">([A-Z0-9]{4}) ([A-Z0-9]{4})<', response.content.decode())
    return match.group(1) + match.group(2)


def test_another_device_resumes_with_the_code_and_last_four_digits(client, page, django_user_model):
    from django.test import Client

    walk(client, until="children")
    code = shown_code(client.get(URL + "save/"))
    assert code not in str(dict(client.session.items()))  # only its hash is kept

    other_device = Client()
    response = other_device.post(
        URL + "carry-on/", {"code": code.lower(), "phone_last_four": "0123"}
    )
    assert response.status_code == 302
    assert response["Location"] == step_url("children")
    # One time only: the same code does not work again.
    again = Client().post(URL + "carry-on/", {"code": code, "phone_last_four": "0123"})
    assert (
        "We could not find a saved request with that code and phone number. Check them and try again."
        in again.content.decode()
    )


def test_a_wrong_code_gets_a_polite_message_and_keeps_what_was_typed(client, page):
    response = client.post(URL + "carry-on/", {"code": "ABCD EFGH", "phone_last_four": "0123"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "We could not find a saved request" in html
    assert 'value="ABCD EFGH"' in html


def test_exit_this_page_takes_the_draft_out_of_the_session(client, page):
    walk(client, until="children")
    key = client.session.session_key
    client.get("/exit/")
    assert not SessionStore().exists(key)
    assert client.get(step_url("children"))["Location"] == URL
    assert HelpRequestDraft.objects.count() == 1  # still there for the code, until it expires


@pytest.mark.parametrize("slug", [slug for slug, _data in PARENT_STEPS])
def test_no_input_makes_a_step_fail(client, page, slug):
    walk(client, until=slug)
    nasty = {
        "first_name": "\x00" * 5,
        "phone": "☎" * 50,
        "postcode": "' OR 1=1 --",
        "needs": ["nope", "<script>"],
        "age": "1e309",
        "date_of_birth_0": "-1",
        "date_of_birth_1": "99",
        "date_of_birth_2": "99999999999999999999",
        "due_date_2": "x",
        "requester_type": "root",
        "action": "remove-99999999999999999999",
        "town": ["a", "b"],
        "language": "\u202e",
        "help_wanted": "x" * 100_000,
    }
    response = client.post(step_url(slug), nasty)
    assert response.status_code in (200, 302)
    assert client.get(step_url(slug)).status_code in (200, 302)


def test_an_unknown_step_is_a_404(client, page):
    assert client.get(step_url("no-such-step")).status_code == 404


def test_the_code_can_be_texted_with_a_link_that_fills_it_in(
    client, page, sms_templates, daytime, django_capture_on_commit_callbacks
):
    from early_help.texts import backends

    backends.outbox.clear()
    walk(client, until="children")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL + "save/")
    assert "We have texted you the code and a link" in response.content.decode()
    code = shown_code(response)
    [text] = backends.outbox
    assert text.to == "+447700900123"
    assert code in text.body
    link = text.body.split("Carry on here: ")[1]
    assert link == f"https://familyvoice.example.org{URL}carry-on/?code={code}"
    prefilled = client.get(f"{URL}carry-on/?code={code}").content.decode()
    assert f'value="{code}"' in prefilled


def test_the_code_is_not_texted_to_someone_who_said_texting_is_not_safe(
    client, page, sms_templates, daytime
):
    from early_help.texts import backends

    backends.outbox.clear()
    steps = [(s, d) for s, d in PARENT_STEPS]
    steps[2] = ("contact", {**PARENT_STEPS[2][1], "may_text": "no"})
    walk(client, steps, until="children")
    html = client.post(URL + "save/").content.decode()
    assert "Text me the code" not in html
    assert backends.outbox == []
