"""A real HTTP server process for the concurrency test: ``python -m tests.usage.http_worker``.

Serves the test project with wsgiref on 127.0.0.1 (a free port, printed on stdout), on the
database named by ``WT_TEST_DB_NAME`` and with ``WAGTAIL_TRACKING`` from ``WT_TRACKING_JSON``.
"""

import json
import os
import sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = os.environ["WT_TEST_DB_NAME"]
    settings.WAGTAIL_TRACKING = json.loads(os.environ.get("WT_TRACKING_JSON", "{}"))
    import django

    django.setup()
    from django.core.wsgi import get_wsgi_application

    server = make_server(
        "127.0.0.1",
        0,
        get_wsgi_application(),
        server_class=ThreadingServer,
        handler_class=QuietHandler,
    )
    sys.stdout.write(f"{server.server_port}\n")
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
