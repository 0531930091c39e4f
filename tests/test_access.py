"""The access matrix: each role against each guarded page."""
from __future__ import annotations

import pytest

GUARDED = {
    "/account": {"resident", "grid_worker", "mediator", "supervisor", "adviser", "admin"},
    "/account/password": {"resident", "grid_worker", "mediator", "supervisor", "adviser", "admin"},
    "/admin/users": {"admin"},
    "/admin/users/new": {"admin"},
    "/admin/places/": {"admin"},
    "/admin/places/new": {"admin"},
}
ROLES = ["resident", "grid_worker", "mediator", "supervisor", "adviser", "admin"]


@pytest.mark.parametrize("path", sorted(GUARDED))
def test_anonymous_visitor_is_sent_to_log_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", sorted(GUARDED))
def test_role_matrix(client, login_as, role, path):
    login_as(role)
    response = client.get(path, headers={"Accept-Language": "en"})
    expected = 200 if role in GUARDED[path] else 403
    assert response.status_code == expected
    if expected == 403:
        assert "You may not open this page" in response.get_data(as_text=True)


def test_forbidden_page_is_translated(client, login_as):
    login_as("resident")
    html = client.get("/admin/users", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "您无权打开此页面" in html


@pytest.mark.parametrize("role, visible, hidden", [
    ("resident", [], ["/admin/users", "/admin/places/"]),
    ("admin", ["/admin/users", "/admin/places/"], []),
])
def test_navigation_fits_the_role(client, login_as, role, visible, hidden):
    login_as(role)
    html = client.get("/").get_data(as_text=True)
    for path in visible:
        assert f'href="{path}"' in html
    for path in hidden:
        assert f'href="{path}"' not in html


def test_not_found_page(client):
    response = client.get("/no-such-page", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)
