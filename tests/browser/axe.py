"""Accessibility checks with axe-core (axe-playwright-python), on WCAG 2.1 A and AA rules.

French public bodies must meet the RGAA, which is built on these criteria; every screen the plugin
adds is checked with them in the browser tests, in the light and the dark admin theme.
"""

from axe_playwright_python.sync_playwright import Axe


WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_axe = Axe()


def axe_violations(page, context=None) -> list[str]:
    """One readable line per failing element: rule, impact, selector and axe's summary."""
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    results = _axe.run(page, context=context, options=options)
    lines = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            lines.append(
                f"{violation['id']} ({violation['impact']}) {node['target']}: "
                f"{node.get('failureSummary', '').splitlines()[-1].strip()}"
            )
    return lines
