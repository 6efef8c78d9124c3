import logging

from django.template import Context, Template
from django.test import RequestFactory


TEMPLATE = Template("{% load wagtail_tracking_tags %}[{% tracking_head %}][{% tracking_body %}]")


def test_tags_render_nothing_without_a_request_and_log_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="wagtail_tracking"):
        assert TEMPLATE.render(Context({})) == "[][]"
    assert "no 'request' in the template context" in caplog.text


def test_tags_render_nothing_when_the_plugin_is_switched_off(settings, caplog):
    settings.WAGTAIL_TRACKING = {"ENABLED": False}
    with caplog.at_level(logging.WARNING, logger="wagtail_tracking"):
        assert TEMPLATE.render(Context({})) == "[][]"
    assert caplog.text == ""


def test_served_page_loads_the_tags(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert b"<h1>Home</h1>" in response.content


def test_tags_accept_a_plain_request(rf: RequestFactory):
    assert TEMPLATE.render(Context({"request": rf.get("/")})) == "[][]"
