"""What differs between the Wagtail and Django versions the plugin supports, in one place."""

from __future__ import annotations

import swapper
from django.db import models


# Wagtail 8 lets a project swap the base page model (WAGTAIL_PAGE_MODEL); Wagtail 7.0 has no such
# setting. Every page foreign key of the plugin names the model through swapper, which reads
# WAGTAIL_PAGE_MODEL and falls back to wagtailcore.Page.
swapper.set_app_prefix("wagtailcore", "wagtail")

#: "app_label.ModelName" of the site's page model, for foreign keys and migrations.
PAGE_MODEL = swapper.get_model_name("wagtailcore", "Page")


def get_page_model() -> type[models.Model]:
    """The site's page model class (``wagtailcore.Page`` unless Wagtail 8's setting swaps it)."""
    model: type[models.Model] = swapper.load_model("wagtailcore", "Page")
    return model
