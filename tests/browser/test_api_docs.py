"""The API's documentation page works in a browser under the site's Content Security
Policy: Swagger UI loads from our own static files and draws every operation."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_render_with_no_policy_errors(browser, live_server):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    external: list[str] = []
    page.on(
        "request",
        lambda request: (
            external.append(request.url) if not request.url.startswith(live_server.url) else None
        ),
    )

    response = page.goto(live_server.url + "/api/v1/docs")

    assert response.status == 200
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-eval" not in policy
    page.wait_for_selector(
        "#operations-help_requests-early_help_api_clients_api_help_requests_changed"
    )
    assert page.locator(".opblock").count() == 9
    assert page.get_by_text("Family Voice API").first.is_visible()
    assert problems == []
    assert external == []
    context.close()
