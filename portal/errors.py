"""Domain exceptions: services raise them, views turn them into messages and status codes."""
from __future__ import annotations


class DomainError(Exception):
    """A refusal a person should read; `message` is already translated (lazy or not)."""

    status_code = 400

    def __init__(self, message: object = "", **details: object) -> None:
        super().__init__(str(message))
        self.message = message
        self.details = details


class NotAllowed(DomainError):
    """The actor may not do this."""

    status_code = 403


class NotFoundError(DomainError):
    """The thing asked for does not exist (or may not be known to the actor)."""

    status_code = 404


class Conflict(DomainError):
    """The state changed under the actor: a stale form or an action at the wrong stage."""

    status_code = 409


class ValidationFailed(DomainError):
    """Input that breaks a rule; `field` names the form field to show it next to."""

    def __init__(self, message: object, field: str | None = None, **details: object) -> None:
        super().__init__(message, **details)
        self.field = field
