"""Security headers and the production start-up check."""
from __future__ import annotations

from flask import Flask, Response

import config as portal_config

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class InsecureConfiguration(RuntimeError):
    """Production was asked to start with a setting that would expose residents' data."""


def refuse_insecure_production(app: Flask) -> None:
    """Production must have its own secret key: the development one is public."""
    if app.debug or app.testing:
        return
    if app.config.get("SESSION_COOKIE_SECURE") and (
        not app.config.get("SECRET_KEY")
        or app.config["SECRET_KEY"] == portal_config.DEVELOPMENT_SECRET_KEY
    ):
        raise InsecureConfiguration(
            "PORTAL_SECRET_KEY must be set to a long random value in production."
        )


def init_app(app: Flask) -> None:
    """Add the security headers to every response."""

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response
