"""Helpers for the notification tests: a registered test subject and a tiny local SMTP server."""
from __future__ import annotations

import email
import socketserver
import threading
from email.message import EmailMessage
from email.policy import default as default_policy

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
    """Just enough SMTP for smtplib: EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self.reply("220 test smtp")
        while line := self.rfile.readline():
            verb = line.decode("ascii", "replace").strip().split(" ")[0].upper()
            if verb == "DATA":
                self.reply("354 go ahead")
                self.server.received.append(self._read_data())  # type: ignore[attr-defined]
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            elif verb in ("EHLO", "HELO", "MAIL", "RCPT", "RSET", "NOOP"):
                self.reply("250 ok")
            else:
                self.reply("502 not implemented")

    def _read_data(self) -> EmailMessage:
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)  # undo dot-stuffing
        return email.message_from_bytes(b"".join(lines), policy=default_policy)  # type: ignore[return-value]


class SMTPServer(socketserver.ThreadingTCPServer):
    """A local SMTP server on a free port; `received` holds the parsed messages."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _SMTPHandler)
        self.received: list[EmailMessage] = []
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.server_address[1]

    def __enter__(self) -> "SMTPServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
        self.server_close()
