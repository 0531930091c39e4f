"""Email copies of notifications: queued by notify(), sent only after the commit, never fatal.

notify() puts new rows on the session's pending list; a session event moves them to the sent-able
list when the transaction commits (a rollback drops them); the request's after_request hook writes
them and sends them once the response has been sent (a command calls `deliver_committed`). An SMTP failure is logged and forgotten: the
notification is in the centre anyway. How the connection is secured and logged in is in smtp.py.
"""
from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage
from email.utils import formataddr

from flask import Flask, current_app, g, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import event
from sqlalchemy.orm import Session

from portal.i18n import DEFAULT_LOCALE, LOCALES
from portal.notifications.labels import kind_title
from portal.notifications import smtp
from portal.notifications.models import Notification

log = logging.getLogger(__name__)
PENDING = "notifications.mail_pending"
COMMITTED = "notifications.mail_committed"


def queue(session: Session, notifications: list[Notification]) -> None:
    """Remember notifications to email once the transaction commits."""
    if notifications:
        session.info.setdefault(PENDING, []).extend(notifications)


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    pending = session.info.pop(PENDING, None)
    if pending:
        session.info.setdefault(COMMITTED, []).extend(pending)


@event.listens_for(Session, "after_rollback")
def _rolled_back(session: Session) -> None:
    session.info.pop(PENDING, None)  # those rows no longer exist


def compose(note: Notification, sender: str) -> EmailMessage:
    """A plain-text email in the recipient's language: the title and a link, no case details."""
    user = note.user
    locale = user.locale if user.locale in LOCALES else DEFAULT_LOCALE
    with force_locale(locale):
        title = str(kind_title(note.kind))
        message = EmailMessage()
        message["Subject"] = _("%(title)s – Baisha Mediation and Legal Services", title=title)
        message["From"] = sender
        message["To"] = formataddr((user.name, user.email or ""))
        message.set_content("\n\n".join([
            _("Hello %(name)s,", name=user.name),
            title,
            _("Open it in the portal: %(link)s", link=_link(note)),
            _("You receive these emails because your profile has an email address. "
              "Remove it there to stop them."),
        ]) + "\n")
    return message


def _link(note: Notification) -> str:
    """The notification's own address: it re-checks access when the link is followed."""
    try:
        return url_for("notifications.open_one", notification_id=note.id, _external=True)
    except RuntimeError:  # a command without SERVER_NAME: the path is still useful
        return f"/notifications/{note.id}"


def send(messages: list[EmailMessage], config: dict) -> int:
    """Send over one SMTP connection; returns how many went out. Never raises for SMTP trouble."""
    if not messages:
        return 0
    sent = 0
    try:
        with smtp.connect(config) as connection:
            for message in messages:
                try:
                    connection.send_message(message)
                    sent += 1
                except smtplib.SMTPException as error:
                    log.warning("notification mail to %s refused: %s", message["To"], error)
    except smtplib.SMTPAuthenticationError as error:  # the server's reply, never our password
        log.warning("notification mail not sent (%d waiting): the mail server refused the login "
                    "of %s: %s", len(messages), config.get("MAIL_USERNAME"), error)
    except smtplib.SMTPNotSupportedError as error:  # no STARTTLS, or no AUTH for our username
        log.warning("notification mail not sent (%d waiting): the mail server does not offer what "
                    "is configured (security %s): %s", len(messages), smtp.mail_security(config), error)
    except (OSError, smtplib.SMTPException) as error:  # ssl.SSLError is an OSError
        log.warning("notification mail not sent (%d waiting): %s", len(messages) - sent, error)
    return sent


def committed_messages(session: Session) -> list[EmailMessage]:
    """The emails of the notifications committed in this session (none without a mail server)."""
    notes: list[Notification] = session.info.pop(COMMITTED, [])
    config = current_app.config
    if not notes or not config.get("MAIL_SERVER"):
        return []
    try:
        return [compose(n, config["MAIL_SENDER"]) for n in notes if n.user.email]
    except Exception:  # a broken mail must not turn a saved change into an error page
        log.exception("notification mail could not be written")
        return []


def deliver_committed(session: Session) -> int:
    """Email the notifications committed in this session (call after commit outside a request)."""
    return send(committed_messages(session), current_app.config)


def init_app(app: Flask) -> None:
    """Write the request's committed notifications as emails, and send them once the response
    has gone out: a slow or unreachable mail server must not keep the person waiting."""

    @app.after_request
    def _deliver(response):
        session = g.get("db_session")
        if session is not None and session.info.get(COMMITTED):
            messages, config = committed_messages(session), dict(app.config)
            if messages:
                response.call_on_close(lambda: send(messages, config))
        return response
