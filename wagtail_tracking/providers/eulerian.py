"""Eulerian Analytics.

The official loader derives the script's path from the current date, so it cannot be a fixed
``<script src>``: the loader file runs Eulerian's loader code. A site that was given its own
``ea.localpix.js`` loads that file instead, with its integrity hash.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .base import ConsentMode, Emission, ModelFieldsProvider, uploaded_script


class EulerianProvider(ModelFieldsProvider):
    slug = "eulerian"
    name = _("Eulerian")
    consent_modes = (ConsentMode.REQUIRE, ConsentMode.EXEMPT, ConsentMode.NONE)
    cookies = ("etuix",)
    required_fields = ("domain",)

    def build(self, values, *, mode):
        head = []
        if values["script"]:
            head.append(uploaded_script(values["script"], values["script_integrity"]))
        return Emission(
            config={"consent": mode, "domain": values["domain"], "localScript": bool(head)},
            head=head,
        )
