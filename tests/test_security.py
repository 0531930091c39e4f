"""CSRF, security headers, cookies and the production start-up check."""
from __future__ import annotations

import pytest

from config import ProductionConfig
from portal import create_app
from portal.security import InsecureConfiguration


def test_post_without_csrf_token_is_refused(client, make_user):
    user = make_user()
    response = client.post("/login", data={"phone": user.phone, "password": "x"},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "The form has expired" in response.get_data(as_text=True)


def test_security_headers(client):
    headers = client.get("/").headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_session_cookie_flags(client, login_as):
    login_as("resident")
    cookie = client.get_cookie("session")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"


def test_production_refuses_the_development_secret_key(monkeypatch):
    with pytest.raises(InsecureConfiguration):
        create_app(ProductionConfig)


def test_production_starts_with_its_own_secret_and_secure_cookies():
    class Configured(ProductionConfig):
        SECRET_KEY = "a-long-random-production-secret"
        DATABASE_URL = "sqlite://"

    app = create_app(Configured)
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_every_asset_is_served_by_the_portal(client):
    html = client.get("/").get_data(as_text=True)
    assert "http://" not in html.replace("http://127.0.0.1", "") and "https://" not in html
    with client.get("/static/css/portal.css") as response:
        assert response.status_code == 200


def test_a_crash_mid_request_shows_a_translated_page_and_saves_nothing(app, make_user):
    from portal.auth.models import User
    from portal.db import get_session

    user = make_user(name="原来的名字")

    @app.route("/crash-test")
    def crash():
        get_session().get(User, user.id).name = "半途改的名字"
        get_session().flush()
        raise RuntimeError("boom")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/crash-test", headers={"Accept-Language": "en"})
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.get_data(as_text=True)
    with app.app_context():
        assert get_session().get(User, user.id).name == "原来的名字"
