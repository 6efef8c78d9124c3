from wagtail import hooks

from .providers import GoatCounterProvider


@hooks.register("register_wagtail_tracking_providers")
def register_goatcounter():
    return [GoatCounterProvider]
