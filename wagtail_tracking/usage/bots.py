"""Known robots, recognised by their user agent. Robots' hits are never counted."""

from __future__ import annotations

import re
from functools import lru_cache

from wagtail_tracking.conf import tracking_settings


# Deliberately short: "bot", "crawl" and "spider" alone catch nearly every well-behaved crawler
# (Googlebot, bingbot, Applebot, GPTBot, AhrefsBot, SemrushBot, PetalBot, Bytespider…). The rest
# name link-preview fetchers, archivers, monitoring and headless browsers that don't say "bot".
DEFAULT_BOT_PATTERNS: tuple[str, ...] = (
    r"bot\b",
    r"bot[/;-]",
    r"crawl",
    r"spider",
    r"slurp",  # Yahoo
    r"facebookexternalhit|facebookcatalog|meta-externalagent",
    r"embedly|quora link preview|outbrain|pinterest|vkshare|w3c_validator",
    r"bingpreview|mediapartners-google|google-inspectiontool|googleother|feedfetcher",
    r"ia_archiver|archive\.org|heritrix",
    r"headlesschrome|phantomjs|lighthouse|pagespeed|gtmetrix",
    r"pingdom|uptimerobot|statuscake|site24x7|monitor",
    r"scrapy|nutch|httrack|wget|curl/|libwww|python-urllib",
)


@lru_cache(maxsize=4)
def _compile(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


def bot_regex() -> re.Pattern[str]:
    patterns = tracking_settings.USAGE_BOT_PATTERNS
    return _compile(tuple(DEFAULT_BOT_PATTERNS if patterns is None else patterns))


def is_bot(user_agent: str) -> bool:
    """True for a user agent that names a robot. An empty user agent is not judged here."""
    return bool(user_agent) and bot_regex().search(user_agent) is not None
