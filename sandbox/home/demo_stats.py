"""A demo tracker for the sandbox: registered through the public provider hook, it loads a small
script from the sandbox itself, which counts into a local stub. Nothing leaves the machine, and
the consent banner, the cookie table and Settings › Tracking all have a tracker to show."""

from wagtail_tracking.providers import BaseProvider, ConsentMode, Cookie, Emission, Script


class DemoStatsProvider(BaseProvider):
    slug = "demo_stats"
    name = "Demo statistics (local stub)"
    purpose = "Audience measurement (demo: counted by the sandbox itself)"
    consent_modes = (ConsentMode.REQUIRE, ConsentMode.NONE)
    cookies = (Cookie("demo_stats_id", "13 months"),)

    def build(self, values, *, mode, **context):
        return Emission(
            config={"consent": mode},
            head=[Script("/static/home/demo-stats.js", (("async", True),))],
        )
