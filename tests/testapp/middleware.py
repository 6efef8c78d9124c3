"""A strict Content Security Policy for the test site, as a privacy-minded site would set one.

It gives each request a nonce the way django-csp does (``request.csp_nonce``), so the suite
checks that every inline script the plugin emits carries it, and browser tests see violations.
"""

import secrets


class StrictCSPMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response["Content-Security-Policy"] = (
                f"default-src 'self'; script-src 'self' 'nonce-{request.csp_nonce}' https:; "
                "style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; "
                "connect-src 'self' https:; frame-src https:; object-src 'none'; base-uri 'self'"
            )
        return response
