"""Email copies: sent after the commit to a local SMTP server, in the recipient's language."""
from __future__ import annotations

import logging
import socket
import ssl

import pytest
from flask import Flask

from portal import create_app
from portal.auth.models import Role, User
from portal.db import get_session
from portal.notifications import Kind, Notification, notify
from tests.conftest import csrf_token
from portal.notifications import smtp as mail_smtp
from tests.notifications_support import (
    THING,
    SMTPServer,
    grant,
    register_test_subject,
    self_signed_certificate,
    server_tls_context,
)

EN = {"Accept-Language": "en"}


@pytest.fixture(autouse=True)
def subject() -> None:
    register_test_subject()


@pytest.fixture()
def smtp(app: Flask):
    with SMTPServer() as server:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port, MAIL_SENDER="portal@baisha.example")
        yield server


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture()
def notify_route(app: Flask) -> str:
    """A stand-in for another area's view: notify everyone given, then commit (or roll back)."""

    def view(thing_id: int):
        from flask import request

        session = get_session()
        users = [session.get(User, int(i)) for i in request.args.getlist("to")]
        notify(session, users, Kind(request.args.get("kind", "case_accepted")), THING, thing_id)
        if request.args.get("fail"):
            session.rollback()
            return "rolled back"
        session.commit()
        return "ok"

    app.add_url_rule("/test/notify/<int:thing_id>", "test_notify", view)
    return "/test/notify"


def _send(client, path: str, thing: int, *users: User, **args) -> str:
    query = "&".join([f"to={u.id}" for u in users] + [f"{k}={v}" for k, v in args.items()])
    response = client.get(f"{path}/{thing}?{query}")
    response.close()  # as a WSGI server does once the response is sent: the mail goes out then
    return response.get_data(as_text=True)


def test_mail_goes_out_in_each_recipients_language(client, make_user, smtp, notify_route):
    english = make_user(Role.MEDIATOR, locale="en", email="en@example.com", name="Fu Ah")
    chinese = make_user(Role.MEDIATOR, email="zh@example.com", name="符阿公")  # no setting: zh_Hans
    no_address = make_user(Role.MEDIATOR)
    grant(english, 7), grant(chinese, 7), grant(no_address, 7)
    assert _send(client, notify_route, 7, english, chinese, no_address) == "ok"
    by_address = {m["To"].addresses[0].addr_spec: m for m in smtp.received}
    assert set(by_address) == {"en@example.com", "zh@example.com"}
    mail_en, mail_zh = by_address["en@example.com"], by_address["zh@example.com"]
    assert mail_en["Subject"].startswith("Case accepted")
    assert mail_en["From"] == "portal@baisha.example"
    body = mail_en.get_content()
    assert "Hello Fu Ah," in body and "http://localhost/notifications/" in body
    assert mail_zh["Subject"].startswith("案件已受理")
    assert "符阿公" in mail_zh.get_content()
    assert "Secret thing" not in body  # a mail says what happened, not what the case is


def test_no_mail_for_those_who_may_not_see(client, make_user, smtp, notify_route):
    outsider = make_user(Role.RESIDENT, email="out@example.com")
    _send(client, notify_route, 7, outsider)
    assert smtp.received == []


def test_no_mail_when_the_change_is_rolled_back(client, app, make_user, smtp, notify_route):
    user = make_user(Role.MEDIATOR, email="a@example.com")
    grant(user, 7)
    assert _send(client, notify_route, 7, user, fail=1) == "rolled back"
    assert smtp.received == []
    with app.app_context():
        assert get_session().query(Notification).count() == 0


def test_no_mail_without_a_mail_server(client, app, make_user, notify_route):
    app.config["MAIL_SERVER"] = ""
    user = make_user(Role.MEDIATOR, email="a@example.com")
    grant(user, 7)
    assert _send(client, notify_route, 7, user) == "ok"
    with app.app_context():
        assert get_session().query(Notification).count() == 1


def test_a_dead_mail_server_does_not_break_the_request(client, app, make_user, notify_route, caplog):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=_free_port(), MAIL_TIMEOUT=2)
    user = make_user(Role.MEDIATOR, email="a@example.com")
    grant(user, 7)
    with caplog.at_level(logging.WARNING, logger="portal.notifications.mail"):
        assert _send(client, notify_route, 7, user) == "ok"
    assert "notification mail not sent" in caplog.text
    with app.app_context():
        assert get_session().query(Notification).count() == 1


def test_the_mailed_link_opens_the_notification(client, app, make_user, smtp, notify_route):
    user = make_user(Role.MEDIATOR, email="a@example.com", locale="en")
    grant(user, 7)
    _send(client, notify_route, 7, user)
    link = next(line for line in smtp.received[0].get_content().splitlines() if "http" in line)
    path = link.split("http://localhost", 1)[1].strip()
    from tests.conftest import PASSWORD, log_in

    log_in(client, user.phone, PASSWORD)
    assert client.get(path).location.endswith("/things/7")


@pytest.mark.parametrize("entered, stored, error", [
    ("  fu@example.com ", "fu@example.com", None),
    ("", None, None),
    ("not-an-address", "old@example.com", "Enter an email address"),
    ("a@b", "old@example.com", "Enter an email address"),
    ("a b@example.com", "old@example.com", "Enter an email address"),
    ("x" * 250 + "@example.com", "old@example.com", "Enter an email address"),
])
def test_profile_email_is_checked(client, app, login_as, entered, stored, error):
    user = login_as(Role.RESIDENT, email="old@example.com")
    with app.app_context():
        village = get_session().get(User, user.id).place_id
    response = client.post("/account", headers=EN, data={
        "name": user.name, "village": str(village), "locale": "", "email": entered,
        "csrf_token": csrf_token(client, "/account")})
    if error:
        assert response.status_code == 200 and error in response.get_data(as_text=True)
    else:
        assert response.status_code == 302
    with app.app_context():
        assert get_session().get(User, user.id).email == stored


def test_a_command_sends_after_its_own_commit(app, make_user, smtp):
    """Outside a request (e.g. a reminders command) the caller sends once it has committed."""
    from portal.notifications.mail import deliver_committed

    user = make_user(Role.MEDIATOR, email="a@example.com", locale="en")
    grant(user, 7)
    with app.app_context():
        session = get_session()
        notify(session, [session.get(User, user.id)], Kind.DEADLINE_NEAR, THING, 7, due="2031-03-01")
        assert deliver_committed(session) == 0  # nothing is committed yet
        session.commit()
        assert deliver_committed(session) == 1
        assert deliver_committed(session) == 0  # and never twice
    (mail,) = smtp.received
    assert mail["Subject"].startswith("Deadline near") and "/notifications/" in mail.get_content()


# --- Secured and authenticated mail servers (PORTAL_MAIL_SECURITY, _USERNAME, _PASSWORD) ---

ACCOUNT = ("portal@baisha.example", "s3cret-Mail-pw")


def _use_server(app: Flask, server: SMTPServer, security: str, password: str = ACCOUNT[1]) -> None:
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port, MAIL_SENDER=ACCOUNT[0],
                      MAIL_SECURITY=security, MAIL_USERNAME=ACCOUNT[0], MAIL_PASSWORD=password,
                      MAIL_TIMEOUT=5)


@pytest.fixture()
def recipient(make_user) -> User:
    user = make_user(Role.MEDIATOR, email="a@example.com", locale="en")
    grant(user, 7)
    return user


def test_login_with_the_configured_account_then_delivery(client, app, recipient, notify_route):
    with SMTPServer(account=ACCOUNT) as server:
        _use_server(app, server, "none")  # explicitly plain: e.g. a relay on the same machine
        assert _send(client, notify_route, 7, recipient) == "ok"
    assert server.logins == [(ACCOUNT[0], False)]
    (mail,) = server.received
    assert mail["To"].addresses[0].addr_spec == "a@example.com"


def test_a_refused_login_is_logged_and_the_change_still_saved(client, app, recipient, notify_route, caplog):
    with SMTPServer(account=ACCOUNT) as server, \
            caplog.at_level(logging.WARNING, logger="portal.notifications.mail"):
        _use_server(app, server, "none", password="wrong-password")
        assert _send(client, notify_route, 7, recipient) == "ok"
    assert server.received == [] and server.logins == []
    assert "refused the login of portal@baisha.example" in caplog.text
    assert "wrong-password" not in caplog.text
    with app.app_context():
        assert get_session().query(Notification).count() == 1


@pytest.mark.parametrize("security", ["starttls", ""])  # "": a username alone means starttls
def test_no_plain_text_when_starttls_is_not_offered(client, app, recipient, notify_route, caplog, security):
    with SMTPServer(account=ACCOUNT) as server, \
            caplog.at_level(logging.WARNING, logger="portal.notifications.mail"):
        _use_server(app, server, security)
        assert _send(client, notify_route, 7, recipient) == "ok"
    assert server.verbs == ["EHLO"]  # no AUTH, no MAIL: neither password nor mail went in clear
    assert server.received == []
    assert "(security starttls): STARTTLS extension not supported" in caplog.text


@pytest.fixture()
def certificate(tmp_path):
    return self_signed_certificate(tmp_path)


def _tls_server(certificate, security: str) -> SMTPServer:
    context = server_tls_context(*certificate)
    if security == "ssl":
        return SMTPServer(account=ACCOUNT, implicit_tls=context)
    return SMTPServer(account=ACCOUNT, starttls=context)


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_login_and_delivery_over_tls(client, app, recipient, notify_route, certificate, monkeypatch, security):
    cert, _key = certificate
    monkeypatch.setattr(mail_smtp, "tls_context", lambda: ssl.create_default_context(cafile=cert))
    with _tls_server(certificate, security) as server:
        _use_server(app, server, security)
        assert _send(client, notify_route, 7, recipient) == "ok"
    assert server.logins == [(ACCOUNT[0], True)]  # the password went only inside TLS
    assert ("STARTTLS" in server.verbs) == (security == "starttls")
    assert len(server.received) == 1


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_an_untrusted_certificate_stops_the_mail(client, app, recipient, notify_route, certificate, caplog, security):
    """The certificate is checked: a self-signed one no CA vouches for gets no password, no mail."""
    with _tls_server(certificate, security) as server, \
            caplog.at_level(logging.WARNING, logger="portal.notifications.mail"):
        _use_server(app, server, security)
        assert _send(client, notify_route, 7, recipient) == "ok"
    assert server.logins == [] and server.received == []
    assert "CERTIFICATE_VERIFY_FAILED" in caplog.text


@pytest.mark.parametrize("settings, complaint", [
    ({"MAIL_SECURITY": "tls"}, "PORTAL_MAIL_SECURITY must be one of none, starttls, ssl, not 'tls'"),
    ({"MAIL_USERNAME": "portal"}, "PORTAL_MAIL_USERNAME is set but PORTAL_MAIL_PASSWORD is not"),
    ({"MAIL_PASSWORD": "pw"}, "PORTAL_MAIL_PASSWORD is set but PORTAL_MAIL_USERNAME is not"),
])
def test_start_up_refuses_mail_settings_that_cannot_work(settings, complaint):
    with pytest.raises(mail_smtp.BadMailConfiguration, match=complaint):
        create_app(settings)


@pytest.mark.parametrize("settings, security, port", [
    ({}, "none", 25),
    ({"MAIL_USERNAME": "u", "MAIL_PASSWORD": "p"}, "starttls", 587),
    ({"MAIL_SECURITY": "SSL"}, "ssl", 465),
    ({"MAIL_SECURITY": "starttls", "MAIL_PORT": 2525}, "starttls", 2525),
])
def test_security_and_port_defaults(settings, security, port):
    app = create_app(settings)
    assert (mail_smtp.mail_security(app.config), mail_smtp.mail_port(app.config)) == (security, port)


def test_mail_goes_out_only_after_the_response(client, make_user, smtp, notify_route):
    to = make_user(Role.MEDIATOR, email="later@example.com")
    grant(to, 7)
    response = client.get(f"{notify_route}/7?to={to.id}")
    assert response.get_data(as_text=True) == "ok" and smtp.received == []  # nobody waited for it
    response.close()
    assert [m["To"].addresses[0].addr_spec for m in smtp.received] == ["later@example.com"]
