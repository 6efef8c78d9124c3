"""What AT Internet's two tags, XiTi (``xiti.py``) and SmartTag (``smarttag.py``), share."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .fields import TextField
from .validators import vendor_format


validate_level2 = vendor_format(
    r"^\d{1,6}\Z",
    _("Enter the level 2 site ID: digits only, e.g. 15."),
    "invalid_level2",
)

#: The site's level 2 (a section of the site in AT Internet's reports).
LEVEL2 = TextField(
    "level2",
    _("level 2 site ID"),
    help_text=_("Optional, digits only."),
    max_length=6,
    validators=(validate_level2,),
)
