from wagtail import hooks

from home.demo_stats import DemoStatsProvider


@hooks.register("register_wagtail_tracking_providers")
def register_demo_stats():
    return [DemoStatsProvider]
