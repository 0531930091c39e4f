"""Helpers for the notification tests: a registered test subject and a tiny local SMTP server."""
from __future__ import annotations

import base64
import email
import shutil
import socketserver
import ssl
import subprocess
import sys
import threading
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path

import pytest

from portal.notifications import register_subject

THING = "test_thing"
# (user id, thing id) pairs allowed to see a thing; tests grant and revoke access here.
GRANTS: set[tuple[int, int]] = set()


def register_test_subject() -> None:
    """A subject owned by no real area, so these tests do not depend on one."""
    GRANTS.clear()
    register_subject(
        THING,
        can_view=lambda user, thing_id, session: (user.id, thing_id) in GRANTS,
        url=lambda thing_id: f"/things/{thing_id}",
        label=lambda session, thing_id: f"Secret thing {thing_id}",
    )


def grant(user, *thing_ids: int) -> None:
    GRANTS.update((user.id, t) for t in thing_ids)


def revoke(user, thing_id: int) -> None:
    GRANTS.discard((user.id, thing_id))


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for smtplib: EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT, AUTH PLAIN, STARTTLS."""

    server: "SMTPServer"

    def setup(self) -> None:
        self.secure = self.server.implicit_tls is not None
        if self.secure:  # the handshake happens here, in the connection's own thread
            self.request = self.server.implicit_tls.wrap_socket(self.request, server_side=True)
        self.logged_in = False
        super().setup()

    def reply(self, line: str) -> None:
        self.connection.sendall(line.encode() + b"\r\n")

    def handle(self) -> None:
        self.reply("220 test smtp")
        while line := self.rfile.readline():
            verb, _, argument = line.decode("ascii", "replace").strip().partition(" ")
            verb = verb.upper()
            self.server.verbs.append(verb)
            if verb == "QUIT":
                self.reply("221 bye")
                return
            self._answer(verb, argument)

    def _answer(self, verb: str, argument: str) -> None:
        if verb == "EHLO":
            self._ehlo()
        elif verb == "STARTTLS" and self.server.starttls is not None and not self.secure:
            self.reply("220 go ahead")
            self.connection = self.server.starttls.wrap_socket(self.connection, server_side=True)
            self.rfile = self.connection.makefile("rb")
            self.secure = True
        elif verb == "AUTH" and self.server.account is not None:
            self._auth(argument)
        elif verb == "MAIL" and self.server.account is not None and not self.logged_in:
            self.reply("530 authentication required")
        elif verb == "DATA":
            self.reply("354 go ahead")
            self.server.received.append(self._read_data())
            self.reply("250 queued")
        elif verb in ("HELO", "MAIL", "RCPT", "RSET", "NOOP"):
            self.reply("250 ok")
        else:
            self.reply("502 not implemented")

    def _ehlo(self) -> None:
        extensions = ["test smtp"]
        if self.server.starttls is not None and not self.secure:
            extensions.append("STARTTLS")
        if self.server.account is not None:
            extensions.append("AUTH PLAIN")
        for extension in extensions[:-1]:
            self.reply(f"250-{extension}")
        self.reply(f"250 {extensions[-1]}")

    def _auth(self, argument: str) -> None:
        mechanism, _, response = argument.partition(" ")
        try:
            _, username, password = base64.b64decode(response).decode().split("\0")
        except ValueError:
            username = password = ""
        if mechanism.upper() == "PLAIN" and (username, password) == self.server.account:
            self.logged_in = True
            self.server.logins.append((username, self.secure))
            self.reply("235 accepted")
        else:
            self.reply("535 authentication failed")

    def _read_data(self) -> EmailMessage:
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)  # undo dot-stuffing
        return email.message_from_bytes(b"".join(lines), policy=default_policy)  # type: ignore[return-value]

    def finish(self) -> None:
        super().finish()
        if self.secure:
            self.connection.close()  # after STARTTLS, a socket the server does not know about


class SMTPServer(socketserver.ThreadingTCPServer):
    """A local SMTP server on a free port; `received` holds the parsed messages.

    `account=(username, password)` offers AUTH PLAIN and refuses mail before it; `starttls` (a
    server-side SSLContext) offers STARTTLS; `implicit_tls` speaks TLS from the first byte.
    `logins` lists `(username, over_tls)` for each accepted login, `verbs` every command seen.
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, account: tuple[str, str] | None = None, starttls: ssl.SSLContext | None = None,
                 implicit_tls: ssl.SSLContext | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _SMTPHandler)
        self.account, self.starttls, self.implicit_tls = account, starttls, implicit_tls
        self.received: list[EmailMessage] = []
        self.logins: list[tuple[str, bool]] = []
        self.verbs: list[str] = []
        self.errors: list[BaseException] = []
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    @property
    def port(self) -> int:
        return self.server_address[1]

    def handle_error(self, request, client_address) -> None:
        self.errors.append(sys.exc_info()[1])  # e.g. a client that rejected our certificate

    def __enter__(self) -> "SMTPServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
        self.server_close()


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made by the openssl command (skips without it)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    cert, key = directory / "smtp-cert.pem", directory / "smtp-key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert),
         "-addext", "subjectAltName=IP:127.0.0.1",
         "-addext", "keyUsage=critical,digitalSignature,keyCertSign"],
        check=True, capture_output=True,
    )
    return cert, key


def server_tls_context(cert: Path, key: Path) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context
