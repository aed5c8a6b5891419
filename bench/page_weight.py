"""Page weight and SQL queries of the public pages and every step of the journey.

Budget (issue 3): each journey page under 40 KiB transferred (HTML + CSS + JS, compressed)
with no render-blocking script. Static files are counted as WhiteNoise serves them
(gzip level 9); HTML as a proxy would send it (gzip level 6).
"""

import gzip
import json
import re

from _django import ROOT, demo_database
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

BUDGET = 40 * 1024
STATIC = ROOT / "static" / "build"
JOURNEY = "/ask-for-help/"
STEPS = [
    ("safety", {}),
    ("who", {"requester_type": "parent_carer"}),
    (
        "about-you",
        {"first_name": "Jo", "last_name": "Bloggs", "phone": "07700 900123", "postcode": "B69 4AB"},
    ),
    ("safe-contact", {"may_text": "yes", "may_leave_voicemail": "no", "may_post_letters": "no"}),
    ("language", {"language": "en", "interpreter": "no", "bsl": "no"}),
    ("children", {"action": "continue", "first_name": "Sam", "birth": "age", "age": "7"}),
    ("whats-happening", {"needs": ["housing"], "description": "Rent arrears."}),
    ("help-wanted", {"help_wanted": "Someone to talk to."}),
    ("other-agencies", {"involved": "no"}),
    ("consent", {"consent": "yes"}),
]


def static_size(url: str) -> int:
    name = url.split("/static/", 1)[1].split("?")[0]
    return len(gzip.compress((STATIC / name).read_bytes(), compresslevel=9))


def measure(client: Client, url: str, method: str = "get", data=None) -> dict:
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data or {})
    html = response.content
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|mjs|js))"', html)
    blocking = re.findall(rb"<script(?![^>]*(?:type=\"module\"|defer|async))[^>]*\ssrc=", html)
    html_bytes = len(gzip.compress(html, compresslevel=6))
    asset_bytes = sum(static_size(a.decode()) for a in set(assets))
    # The module imports GOV.UK Frontend; count it as the browser fetches it.
    if any(a.endswith(b"main.mjs") for a in assets):
        asset_bytes += len(
            gzip.compress((STATIC / "govuk-frontend.min.js").read_bytes(), compresslevel=9)
        )
    return {
        "url": url,
        "status": response.status_code,
        "html_gz": html_bytes,
        "total_gz": html_bytes + asset_bytes,
        "queries": len(queries),
        "render_blocking_scripts": len(blocking),
    }


def main() -> int:
    rows = []
    with demo_database():
        client = Client()
        for url in ["/", "/get-help-now/", "/oldbury/", "/ur/", JOURNEY]:
            client.get(url)  # warm caches as a returning visitor's server would have them
            rows.append(measure(client, url))
        for slug, answers in STEPS:
            url = f"{JOURNEY}step/{slug}/"
            rows.append(measure(client, url))
            error_state = measure(
                client, url, "post", {"action": "continue"} if slug == "children" else {}
            )
            if error_state["status"] == 200:
                rows.append({**error_state, "url": url + " (errors)"})
            client.post(url, answers)
        rows.append(measure(client, JOURNEY + "check-your-answers/"))
        client.post(JOURNEY + "check-your-answers/", {"website": ""})
        rows.append(measure(client, JOURNEY + "sent/"))

    width = max(len(r["url"]) for r in rows)
    print(f"{'page':<{width}}  {'HTML gz':>8}  {'total gz':>9}  {'queries':>7}  blocking")
    failures = 0
    for row in rows:
        over = row["total_gz"] > BUDGET or row["render_blocking_scripts"]
        failures += bool(over)
        print(
            f"{row['url']:<{width}}  {row['html_gz'] / 1024:7.1f}K  {row['total_gz'] / 1024:8.1f}K  "
            f"{row['queries']:>7}  {row['render_blocking_scripts']}{'  OVER BUDGET' if over else ''}"
        )
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "page_weight.json").write_text(json.dumps(rows, indent=2))
    print(
        f"\nBudget {BUDGET // 1024} KiB per page: {'all within' if not failures else f'{failures} over'}"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
