"""Fixtures for the provider tests: a site's tracker settings and the rendered tags."""

import base64
import hashlib

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template


TAGS = Template("{% load wagtail_tracking_tags %}{% tracking_head %}\n@@\n{% tracking_body %}")
LOADER = '<script src="/static/wagtail_tracking/js/tracking.js"></script>'
XTCORE = b"/* xtcore 4.1.002 */ var xt1 = '.xiti.com'; function xt_med(){}\n"


def sri(content: bytes) -> str:
    """The integrity value a browser checks, computed independently of the plugin."""
    return "sha384-" + base64.b64encode(hashlib.sha384(content).digest()).decode()


def js_file(name="xtcore.js", content=XTCORE, content_type="text/javascript"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture(autouse=True)
def _isolated_cache_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    # The providers' exact output, without the consent banner (tested in tests/consent/).
    settings.WAGTAIL_TRACKING = {**settings.WAGTAIL_TRACKING, "CONSENT_BANNER": False}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def render_tags(rf):
    """Render both tags for a request to ``host``; returns (head, body)."""

    def render(host="localhost", **context):
        request = context.pop("request", None) or rf.get("/", HTTP_HOST=host)
        head, body = TAGS.render(Context({"request": request, **context})).split("\n@@\n")
        return head, body

    return render
