"""The connection to the mail server: TLS and login as configured, checked once at start-up.

PORTAL_MAIL_SECURITY is `none`, `starttls` or `ssl`; unset, it is `starttls` when a username is
configured (a password must not cross the network in the clear by default) and `none` otherwise.
When TLS was asked for and cannot be had, nothing is sent: there is no fallback to plain text.
"""
from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from typing import Any

SECURITY_MODES = ("none", "starttls", "ssl")
DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}


class BadMailConfiguration(RuntimeError):
    """The mail settings cannot work; the portal refuses to start rather than fail on every send."""


def mail_security(config: Mapping[str, Any]) -> str:
    """The security mode in effect: the configured one, or the default for the username."""
    chosen = str(config.get("MAIL_SECURITY") or "").strip().lower()
    return chosen or ("starttls" if config.get("MAIL_USERNAME") else "none")


def mail_port(config: Mapping[str, Any]) -> int:
    """The configured port, or the usual one for the security mode."""
    return int(config.get("MAIL_PORT") or DEFAULT_PORTS[mail_security(config)])


def refuse_bad_mail_config(config: Mapping[str, Any]) -> None:
    """Stop start-up on a mail setting that could never work (never echoes the password)."""
    if mail_security(config) not in SECURITY_MODES:
        raise BadMailConfiguration(
            f"PORTAL_MAIL_SECURITY must be one of {', '.join(SECURITY_MODES)}, "
            f"not {config.get('MAIL_SECURITY')!r}."
        )
    has_username, has_password = bool(config.get("MAIL_USERNAME")), bool(config.get("MAIL_PASSWORD"))
    if has_username and not has_password:
        raise BadMailConfiguration("PORTAL_MAIL_USERNAME is set but PORTAL_MAIL_PASSWORD is not.")
    if has_password and not has_username:
        raise BadMailConfiguration("PORTAL_MAIL_PASSWORD is set but PORTAL_MAIL_USERNAME is not.")


def tls_context() -> ssl.SSLContext:
    """Verifies the server's certificate and host name against the system's trusted CAs."""
    return ssl.create_default_context()


def connect(config: Mapping[str, Any]) -> smtplib.SMTP:
    """An open connection, secured and logged in as configured.

    Raises OSError (ssl.SSLError included) or smtplib.SMTPException; the caller logs them.
    """
    security = mail_security(config)
    host, port = config["MAIL_SERVER"], mail_port(config)
    timeout = float(config.get("MAIL_TIMEOUT", 10))
    if security == "ssl":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout, context=tls_context())
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
    try:
        if security == "starttls":
            # Raises SMTPNotSupportedError when the server does not offer it: never go on in clear.
            smtp.starttls(context=tls_context())
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
    except BaseException:
        smtp.close()
        raise
    return smtp
