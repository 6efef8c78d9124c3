"""The cookie policy's address: a chosen page (its translation in the visitor's language when
the site is multilingual) or the address an editor typed.

A chosen page that is no longer live, or no longer routable, gives no link and a warning in the
log: the banner never links to a page visitors would get a 404 for.
"""

from __future__ import annotations

import logging
from typing import Any

from wagtail.models import Locale

from wagtail_tracking.compat import get_page_model

from .validators import is_safe_policy_url
from .wording import active_content_language, is_multilingual


logger = logging.getLogger(__name__)


def policy_address(banner_settings: Any) -> str:
    """The address the banner links to for the cookie policy, or ``""`` for no link."""
    if banner_settings.policy_page_id:
        return _page_address(banner_settings)
    url = (banner_settings.policy_url or "").strip()
    return url if url and is_safe_policy_url(url) else ""


def _localised(page: Any) -> Any:
    """The page's live translation in the active language, or the page itself."""
    code = active_content_language() if is_multilingual() else None
    if code is None or page.locale.language_code == code:
        return page
    locale = Locale.objects.filter(language_code=code).first()
    translated = page.get_translation_or_none(locale) if locale is not None else None
    return translated if translated is not None and translated.live else page


def _page_address(banner_settings: Any) -> str:
    page = get_page_model()._default_manager.filter(pk=banner_settings.policy_page_id).first()
    site = banner_settings.site if banner_settings.site_id else None
    if page is None:
        logger.warning(
            "The cookie policy page #%s no longer exists.", banner_settings.policy_page_id
        )
        return ""
    page = _localised(page)
    if not page.live:
        logger.warning(
            "The cookie policy page %r (#%s) is not published: the banner shows no policy link.",
            page.title,
            page.pk,
        )
        return ""
    url = page.get_url(current_site=site)
    if not url:
        logger.warning(
            "The cookie policy page %r (#%s) has no address on any site: the banner shows no "
            "policy link.",
            page.title,
            page.pk,
        )
        return ""
    return str(url)
