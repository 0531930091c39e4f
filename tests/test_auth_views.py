"""Registration, log-in, lock-out, password change and profile, as a resident would use them."""
from __future__ import annotations

from datetime import timedelta

import pytest

from portal.auth.models import User
from portal.db import get_session, utcnow
from tests.conftest import PASSWORD, csrf_token, find_place, log_in


def register(client, **overrides):
    with client.application.app_context():
        village_id = find_place("测试村").id
    data = {"phone": "13712345678", "name": "符阿妹", "village": str(village_id),
            "password": "long-enough-1", "confirm": "long-enough-1",
            "csrf_token": csrf_token(client, "/register")}
    data.update(overrides)
    return client.post("/register", data=data, headers={"Accept-Language": "en"})


def test_resident_registers_and_is_logged_in(client, app):
    response = register(client, phone="137 1234 5678")
    assert response.status_code == 302
    with app.app_context():
        user = get_session().query(User).filter_by(phone="13712345678").one()
        assert user.password_hash.startswith(("scrypt:", "pbkdf2:"))
        assert user.check_password("long-enough-1")
        assert user.place.name == "测试村"
    assert "符阿妹" in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("overrides, message", [
    ({"phone": "1371234"}, "Enter an 11-digit mobile number"),
    ({"phone": "23712345678"}, "Enter an 11-digit mobile number"),
    ({"password": "short", "confirm": "short"}, "at least 8 characters"),
    ({"village": "999999"}, "Choose your village from the list."),
    ({"village": ""}, "Choose your village from the list."),
    ({"confirm": "something-else"}, "The two passwords differ."),
    ({"name": ""}, "This field is required."),
])
def test_registration_refusals_keep_what_was_typed(client, overrides, message):
    response = register(client, **overrides)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html
    assert 'value="符阿妹"' in html or overrides.get("name") == ""


def test_phone_already_registered(client, make_user):
    make_user(phone="13712345678")
    html = register(client).get_data(as_text=True)
    assert "This mobile number is already registered." in html
    assert 'value="13712345678"' in html


def test_wrong_password_does_not_say_which_field(client, make_user):
    user = make_user()
    for phone, password in ((user.phone, "wrong-password"), ("13999999999", PASSWORD)):
        html = client.post("/login", data={"phone": phone, "password": password,
                                           "csrf_token": csrf_token(client)},
                           headers={"Accept-Language": "en"}).get_data(as_text=True)
        assert "The mobile number or the password is wrong." in html
        assert f'value="{phone}"' in html


def test_login_returns_to_the_page_asked_for(client, make_user):
    user = make_user()
    assert client.get("/account").status_code == 302
    response = client.post("/login?next=/account", data={
        "phone": user.phone, "password": PASSWORD, "csrf_token": csrf_token(client)})
    assert response.headers["Location"] == "/account"


def test_login_never_redirects_off_site(client, make_user):
    user = make_user()
    response = client.post("/login?next=//evil.example/x", data={
        "phone": user.phone, "password": PASSWORD, "csrf_token": csrf_token(client)})
    assert response.headers["Location"] == "/"


def test_five_failures_lock_the_account_for_15_minutes(client, app, make_user):
    user = make_user()
    for _ in range(5):
        html = client.post("/login", data={"phone": user.phone, "password": "nope-nope",
                                           "csrf_token": csrf_token(client)},
                           headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "locked for 15 minutes" in html
    # Even the right password is refused while the lock lasts.
    html = log_in(client, user.phone, PASSWORD).get_data(as_text=True)
    assert "此账号已锁定 15 分钟" in html
    with app.app_context():
        stored = get_session().get(User, user.id)
        assert stored.locked_until > utcnow() + timedelta(minutes=14)
        stored.locked_until = utcnow() - timedelta(seconds=1)
        get_session().commit()
    assert log_in(client, user.phone, PASSWORD).status_code == 302


def test_logout_is_a_post(client, login_as):
    login_as("resident")
    assert client.get("/logout").status_code == 405
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert client.get("/account").status_code == 302


def test_change_password(client, app, login_as):
    user = login_as("resident")
    token = csrf_token(client, "/account/password")
    html = client.post("/account/password", data={
        "current_password": "wrong", "new_password": "new-password-1", "confirm": "new-password-1",
        "csrf_token": token}, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "The current password is wrong." in html
    response = client.post("/account/password", data={
        "current_password": PASSWORD, "new_password": "new-password-1", "confirm": "new-password-1",
        "csrf_token": token})
    assert response.status_code == 302
    with app.app_context():
        assert get_session().get(User, user.id).check_password("new-password-1")


def test_profile_changes_name_village_and_language(client, app, login_as):
    user = login_as("resident")
    with app.app_context():
        other = find_place("邻村").id
    client.post("/account", data={"name": "新名字", "village": str(other), "locale": "en",
                                  "csrf_token": csrf_token(client, "/account")})
    with app.app_context():
        stored = get_session().get(User, user.id)
        assert (stored.name, stored.place.name, stored.locale) == ("新名字", "邻村", "en")
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)
