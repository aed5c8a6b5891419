"""Walk the request-for-help journey with Django's test client."""

import html
import re

URL = "/ask-for-help/"

PARENT_STEPS = [
    ("who", {"requester_type": "parent_carer"}),
    (
        "about-you",
        {
            "first_name": "Jo",
            "last_name": "Bloggs",
            "phone": "07700 900123",
            "email": "",
            "postcode": "b69 4ab",
        },
    ),
    (
        "contact",
        {
            "may_text": "yes",
            "may_leave_voicemail": "no",
            "safe_times": ["morning"],
            "may_post_letters": "no",
            "language": "en",
        },
    ),
    (
        "children",
        {"action": "continue", "first_name": "Sam", "birth": "age", "age": "7", "send": "no"},
    ),
    (
        "whats-happening",
        {
            "needs": ["housing"],
            "description": "Rent arrears.",
            "help_wanted": "Someone to talk to.",
        },
    ),
    ("sharing", {"involved": "no", "consent": "yes"}),
]


def step_url(slug: str) -> str:
    return f"{URL}step/{slug}/"


def walk(client, steps=PARENT_STEPS, until: str | None = None):
    """Answer each step in turn; stop before `until`. Returns the last response."""
    response = None
    for slug, data in steps:
        if slug == until:
            break
        response = client.post(step_url(slug), data)
        assert response.status_code == 302, (slug, errors(response))
    return response


def errors(response) -> list[str]:
    page = response.content.decode()
    pattern = r'<p id="[^"]+-error" class="govuk-error-message"><span class="govuk-visually-hidden">[^<]*</span>(.*?)</p>'
    return [html.unescape(re.sub(r"\s+", " ", e).strip()) for e in re.findall(pattern, page, re.S)]
