"""Locale selection by explicit choice, profile and Accept-Language; page language; dates."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from flask_babel import format_datetime

from portal.i18n import locale_for_tag
from tests.conftest import csrf_token


@pytest.mark.parametrize("tag, locale", [
    ("zh-CN", "zh_Hans"), ("zh-SG", "zh_Hans"), ("zh", "zh_Hans"), ("zh-Hans-CN", "zh_Hans"),
    ("zh-TW", "zh_Hant"), ("zh-HK", "zh_Hant"), ("zh-MO", "zh_Hant"), ("zh-Hant", "zh_Hant"),
    ("en-US", "en"), ("en-GB", "en"), ("en", "en"), ("fr-FR", None),
])
def test_tags_map_by_script(tag, locale):
    assert locale_for_tag(tag) == locale


@pytest.mark.parametrize("header, lang, phrase", [
    ("zh-CN,zh;q=0.9", "zh-Hans", "登录"),
    ("zh-TW,zh;q=0.9,en;q=0.5", "zh-Hant", "登錄"),
    ("zh-HK", "zh-Hant", "登錄"),
    ("en-US,en;q=0.9", "en", "Log in"),
    ("fr-FR,de;q=0.8", "zh-Hans", "登录"),
    ("", "zh-Hans", "登录"),
])
def test_accept_language_sets_the_page_language(client, header, lang, phrase):
    html = client.get("/login", headers={"Accept-Language": header}).get_data(as_text=True)
    assert f'<html lang="{lang}">' in html
    assert phrase in html


def test_explicit_choice_beats_the_header(client):
    token = csrf_token(client, "/")
    response = client.post("/language", data={"locale": "en", "next": "/login", "csrf_token": token},
                           headers={"Accept-Language": "zh-TW"})
    assert response.headers["Location"] == "/login"
    html = client.get("/login", headers={"Accept-Language": "zh-TW"}).get_data(as_text=True)
    assert '<html lang="en">' in html


def test_switching_while_logged_in_is_kept_in_the_profile(client, app, login_as):
    user = login_as("resident")
    client.post("/language", data={"locale": "zh_Hant", "csrf_token": csrf_token(client, "/")})
    from portal.auth.models import User
    from portal.db import get_session

    with app.app_context():
        assert get_session().get(User, user.id).locale == "zh_Hant"
    other_browser = app.test_client()
    from tests.conftest import PASSWORD, log_in

    log_in(other_browser, user.phone, PASSWORD)
    assert '<html lang="zh-Hant">' in other_browser.get("/").get_data(as_text=True)


def test_unknown_locale_choice_is_ignored(client):
    client.post("/language", data={"locale": "xx", "csrf_token": csrf_token(client, "/")})
    assert '<html lang="zh-Hans">' in client.get("/").get_data(as_text=True)


def test_dates_are_shown_in_shanghai_time_in_the_users_locale(app):
    moment = datetime(2026, 3, 31, 17, 30, tzinfo=timezone.utc)  # 01:30 on 1 April in Shanghai
    with app.test_request_context(headers={"Accept-Language": "en"}):
        english = format_datetime(moment, "medium")
    with app.test_request_context(headers={"Accept-Language": "zh-CN"}):
        chinese = format_datetime(moment, "medium")
    assert "Apr 1, 2026" in english and "1:30" in english
    assert "2026年4月1日" in chinese and "01:30" in chinese
