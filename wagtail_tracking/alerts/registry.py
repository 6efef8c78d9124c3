"""Every alert rule: the built-in ones, then those of the ``register_wagtail_tracking_alert_rules``
hook (a hook rule with a built-in slug replaces it)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from wagtail import hooks

from .builtin import BUILTIN_RULES
from .rules import AlertRule


HOOK_NAME = "register_wagtail_tracking_alert_rules"


@cache
def get_rules() -> dict[str, AlertRule]:
    rules: dict[str, AlertRule] = {rule.slug: rule for rule in BUILTIN_RULES}
    for fn in hooks.get_hooks(HOOK_NAME):
        extra: Iterable[AlertRule] = fn()
        rules.update({rule.slug: rule for rule in extra})
    return rules


def rule_choices() -> list[tuple[str, str]]:
    return [(slug, str(rule.name)) for slug, rule in get_rules().items()]


def clear_cache() -> None:
    get_rules.cache_clear()
