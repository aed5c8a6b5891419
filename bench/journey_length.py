"""How long the request-for-help journey is for the three main paths: screens a person sees
and characters they type, from the start page to the confirmation.

Each path is what a person would answer, keyed by question; the walker answers whatever
each screen asks, as a person does, so the figures follow the journey as it is built.
"""

import re

from _django import demo_database
from django.test import Client

START = "/ask-for-help/"
STORY = "We are behind on the rent and it is making things hard at home."
PATHS = {
    "parent, one child": {
        "requester_type": "parent_carer",
        "first_name": "Jo",
        "last_name": "Bloggs",
        "phone": "07700 900123",
        "postcode": "B69 4AB",
        "may_text": "yes",
        "may_leave_voicemail": "no",
        "may_post_letters": "no",
        "language": "en",
        "interpreter": "no",
        "bsl": "no",
        "children": [{"first_name": "Sam", "birth": "age", "age": "7", "send": "no"}],
        "needs": ["housing"],
        "description": STORY,
        "help_wanted": "Someone to talk to about money.",
        "involved": "no",
        "consent": "yes",
    },
    "young person": {
        "requester_type": "young_person",
        "first_name": "Ali",
        "phone": "07700 900124",
        "postcode": "B69 4AB",
        "date_of_birth_0": "4",
        "date_of_birth_1": "5",
        "date_of_birth_2": "2011",
        "may_text": "yes",
        "may_leave_voicemail": "no",
        "may_post_letters": "no",
        "language": "en",
        "interpreter": "no",
        "bsl": "no",
        "needs": ["family_relationships"],
        "description": "I keep arguing with my mum.",
        "help_wanted": "Someone to talk to.",
        "involved": "no",
        "consent": "yes",
    },
    "family member, two children, interpreter": {
        "requester_type": "family_member",
        "first_name": "Nasreen",
        "last_name": "Akhtar",
        "phone": "07700 900125",
        "postcode": "B69 4AB",
        "may_text": "no",
        "may_leave_voicemail": "yes",
        "may_post_letters": "yes",
        "language": "ur",
        "interpreter": "yes",
        "bsl": "no",
        "children": [
            {"first_name": "Zara", "birth": "age", "age": "4", "send": "no"},
            {"first_name": "Omar", "birth": "age", "age": "9", "send": "not_sure"},
        ],
        "needs": ["health", "money_work"],
        "description": STORY,
        "help_wanted": "Help with money and with my grandson's health.",
        "involved": "yes",
        "who": "Health visitor",
        "consent": "yes",
    },
}
FIELD = re.compile(r'<(?:input|textarea|select)[^>]*\bname="([^"]+)"[^>]*>', re.S)
TYPE = re.compile(r'\btype="([a-z]+)"')
DEBUG = False
SKIP = {"csrfmiddlewaretoken", "website", "action"}


def _fields(html: str) -> dict[str, str]:
    form = html.split('<form method="post"', 1)[-1].split("</form>", 1)[0]
    fields = {}
    for match in FIELD.finditer(form):
        kind = TYPE.search(match.group(0))
        fields.setdefault(match.group(1), kind.group(1) if kind else "text")
    return {name: kind for name, kind in fields.items() if name not in SKIP}


def walk(person: dict) -> dict:
    client = Client()
    screens, typed, choices = 0, 0, 0
    url = START
    children = list(person.get("children", []))
    for _ in range(40):
        page = client.get(url)
        assert page.status_code == 200, (url, page.status_code)
        screens += 1
        html = page.content.decode()
        if DEBUG:
            print(screens, url)
        if "/sent/" in url:
            break
        fields = _fields(html)
        data = {}
        if "birth" in fields:  # the children screen: one child at a time
            child = children.pop(0)
            data = {**child, "action": "add" if children else "continue"}
        else:
            data = {name: person[name] for name in fields if name in person}
        for name, kind in fields.items():
            value = data.get(name)
            if value in (None, "", []):
                continue
            if kind in {"radio", "checkbox"}:
                choices += len(value) if isinstance(value, list) else 1
            else:
                typed += len(str(value))
        if '<form method="post"' not in html:  # the start page: press "Start now"
            url = re.search(r'href="([^"]+)"[^>]*class="govuk-button govuk-button--start"', html)
            url = url.group(1)
            continue
        if 'name="website"' in html:
            data["website"] = ""  # the honeypot a browser sends empty
        response = client.post(url, data)
        assert response.status_code == 302, (
            url,
            re.findall(r"govuk-error-message.*?</p>|<h1.*?</h1>", response.content.decode(), re.S),
        )
        if "birth" in fields and children:
            url = response["Location"].split("#")[0]
            continue
        url = response["Location"]
    return {"screens": screens, "typed": typed, "choices": choices}


def main() -> int:
    with demo_database():
        print(f"{'path':44} {'screens':>8} {'typed':>6} {'choices':>8}")
        for name, person in PATHS.items():
            figures = walk(person)
            print(
                f"{name:44} {figures['screens']:>8} {figures['typed']:>6} {figures['choices']:>8}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
