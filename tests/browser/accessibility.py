"""axe-core in the browser tests: the WCAG 2.2 A/AA rules run on the page as it is shown.

axe-core comes from npm bundled in the pinned ``axe-playwright-python`` wheel, so the test
machine needs no Node. It is injected with ``page.evaluate``, which the site's Content
Security Policy does not stop (a ``<script>`` tag it would)."""

from axe_playwright_python.sync_playwright import Axe

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

_axe = Axe()


def violations(page):
    """Every WCAG 2.2 A/AA violation axe-core finds on ``page``, one line each, naming the
    rule and the first elements that break it."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA},
                                      "resultTypes": ["violations"]})
    return [
        f"{found['id']} ({found['impact']}): {found['help']} at "
        + ", ".join(" ".join(node["target"]) for node in found["nodes"][:3])
        for found in results.response["violations"]
    ]
