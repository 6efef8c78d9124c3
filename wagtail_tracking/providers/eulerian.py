"""Eulerian Analytics.

The official loader derives the script's path from the current date, so it cannot be a fixed
``<script src>``: the loader file runs Eulerian's loader code. A site that was given its own
``ea.localpix.js`` loads that file instead, with its integrity hash.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from .base import BaseProvider, ConsentMode, Cookie, Introduction
from .elements import Emission
from .fields import ScriptFileField, TextField
from .validators import vendor_format


validate_eulerian_domain = vendor_format(
    r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+\Z",
    _(
        "Enter the tracking domain alone, without https:// or a path, e.g. et1.eulerian.net "
        "(lower case)."
    ),
    "invalid_eulerian_domain",
)


class EulerianProvider(BaseProvider):
    slug = "eulerian"
    name = _("Eulerian")
    recipient = _("Eulerian Technologies, France")
    privacy_policy_url = "https://www.eulerian.com/en/privacy/"
    fields = (
        TextField(
            "domain",
            _("tracking domain"),
            help_text=_("The collection domain alone, e.g. et1.eulerian.net."),
            validators=(validate_eulerian_domain,),
            required=True,
        ),
        ScriptFileField(
            "script",
            _("ea.localpix.js file"),
            help_text=_("Only if Eulerian supplied an ea.localpix.js file for this site."),
        ),
    )
    consent_modes = (ConsentMode.REQUIRE, ConsentMode.EXEMPT, ConsentMode.NONE)
    introduction = Introduction(
        _(
            "Eulerian gives the tracking domain when you create the tag (e.g. et1.eulerian.net). "
            "The CNIL exemption must also be activated in your Eulerian account."
        ),
        _("Eulerian documentation"),
        "https://doc.eulerian.com/",
    )
    cookies = (Cookie("etuix", _("13 months")),)

    def build(self, values: Mapping[str, Any], *, mode: ConsentMode, **context: Any) -> Emission:
        head = [values["script"].element()] if values["script"] else []
        return Emission(
            config={"consent": mode, "domain": values["domain"], "localScript": bool(head)},
            head=head,
        )
