"""The API's reference page works in Chromium under the site's Content Security Policy."""

import pytest

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_reference_lists_the_endpoints_with_no_policy_violation(chromium, live_server):
    context = chromium.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)

    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".opblock-summary-path")

    assert "Union Academy API" in page.locator(".title").inner_text()
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/me/learning" in [path.replace("\u200b", "") for path in paths]
    screenshot(page, "api-reference")
    assert refused == []
    context.close()
