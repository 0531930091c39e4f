"""Translated titles of the advice area's codes: the one place status names are worded."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.advice.models import MessageKind, Status
from portal.disputes.labels import DISPUTE_TYPES

LEGAL_AID_CENTRE = "白沙黎族自治县法律援助中心"  # a proper name: not translated

STATUSES = {
    Status.NEW: _l("Waiting for an adviser"),
    Status.CLAIMED: _l("An adviser is working on it"),
    Status.INFO_REQUESTED: _l("The adviser needs more information"),
    Status.ANSWERED: _l("Answered"),
    Status.FOLLOW_UP: _l("Follow-up question"),
    Status.RESOLVED: _l("Resolved"),
    Status.EXPIRED: _l("Closed without an answer"),
}

MESSAGE_KINDS = {
    MessageKind.ANSWER: _l("Answer"),
    MessageKind.INFO_REQUEST: _l("The adviser asks"),
    MessageKind.FOLLOW_UP: _l("Follow-up"),
}

FOUND_KINDS = {"name": _l("Name"), "phone": _l("Phone number"), "id": _l("ID number"),
               "address": _l("Address")}

HIT_KINDS = {"article": _l("Article"), "guide": _l("Guide"), "faq": _l("Answered question")}


def status(code: str) -> object:
    """A status in the reader's language."""
    return STATUSES.get(Status(code), code)


def message_kind(code: str) -> object:
    return MESSAGE_KINDS.get(MessageKind(code), code)


def category(code: str) -> object:
    """A category (dispute type) in the reader's language."""
    return next((title for key, title in DISPUTE_TYPES.items() if key.value == code), code)


def hit_kind(kind: str) -> object:
    return HIT_KINDS.get(kind, kind)


def found_kind(kind: str) -> object:
    return FOUND_KINDS.get(kind, kind)
