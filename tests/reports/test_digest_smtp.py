"""The digest through a real SMTP server started by the test (aiosmtpd): what actually arrives."""

import email
import email.policy
import re
import socket

import pytest
from aiosmtpd.controller import Controller
from wagtail.users.models import UserProfile

from tests.reports.test_digest import activity, subscriber, week  # noqa: F401  (fixtures)
from wagtail_tracking.reports.digest.mail import send_digests


pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    with socket.socket() as probe:  # a free port, so parallel runs never collide
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.DEFAULT_FROM_EMAIL = "analytics@example.com"
    try:
        yield inbox
    finally:
        controller.stop()


def test_digest_arrives_through_smtp(smtp_server, subscriber, activity, week):  # noqa: F811
    profile = UserProfile.get_for_user(subscriber)
    profile.preferred_language = "fr"
    profile.save()
    assert send_digests(week).sent == 1
    [envelope] = smtp_server.messages
    assert envelope.mail_from == "analytics@example.com"
    assert envelope.rcpt_tos == ["analyst@example.com"]
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert message["To"] == "analyst@example.com"
    assert message["Content-Language"] == "fr"
    # Python 3.11's parser keeps the space before an encoded word (the French NBSP) in the header.
    assert str(message["Subject"]).strip().startswith("Main")
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert '<html lang="fr">' in html
    for part in (text, html):
        assert f"http://testserver/admin/analytics/back-office/?start={week.start}" in part.replace(
            "&amp;", "&"
        )
        assert "http://testserver/admin/analytics/usage/" in part
        assert "http://testserver/admin/analytics/alerts/" in part
    # French dates (Django's catalogue) in both parts: "23 novembre 2026".
    month = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ][week.start.month - 1]
    assert f"{week.start.day} {month} {week.start.year}" in text
    assert f"{week.start.day} {month} {week.start.year}" in html
    links = re.findall(r'href="([^"]+)"', html)
    assert links and all(link.startswith("http://testserver/admin/") for link in links)
