"""A self-hosted GoatCounter: one script from the site's own GoatCounter, no cookie."""

from collections.abc import Mapping
from typing import Any

from django.core.validators import RegexValidator

from wagtail_tracking.providers import (
    BaseProvider,
    CheckboxField,
    ConsentMode,
    Emission,
    Introduction,
    Script,
    TextField,
)


validate_endpoint = RegexValidator(
    r"^https://[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:\d{1,5})?\Z",
    "Enter the https address of your GoatCounter, without a path, e.g. https://stats.example.com.",
    code="invalid_goatcounter_endpoint",
)


class GoatCounterProvider(BaseProvider):
    slug = "goatcounter"
    name = "GoatCounter (self-hosted)"
    purpose = "Audience measurement without cookies"
    recipient = "The site’s own GoatCounter server"
    privacy_policy_url = "https://www.goatcounter.com/help/privacy"
    fields = (
        TextField(
            "endpoint",
            "address",
            help_text="Where your GoatCounter runs, e.g. https://stats.example.com.",
            max_length=100,
            validators=(validate_endpoint,),
            required=True,
        ),
        CheckboxField(
            "allow_local",
            "count local visits",
            help_text="Also count visits to localhost, while testing.",
        ),
    )
    consent_modes = (ConsentMode.NONE, ConsentMode.REQUIRE)
    introduction = Introduction(
        "The address is the one you open your GoatCounter at.",
        "GoatCounter's documentation",
        "https://www.goatcounter.com/help/start",
    )

    def build(self, values: Mapping[str, Any], *, mode: ConsentMode, **context: Any) -> Emission:
        attrs: list[tuple[str, str | bool]] = [("data-goatcounter", f"{values['endpoint']}/count")]
        if values["allow_local"]:
            attrs.append(("data-goatcounter-settings", '{"allow_local": true}'))
        attrs.append(("async", True))
        return Emission(
            config={"consent": mode},
            body=[Script(f"{values['endpoint']}/count.js", tuple(attrs))],
        )
