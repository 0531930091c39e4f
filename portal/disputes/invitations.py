"""Invitation codes: how a respondent without an account reaches their case.

The mediator hands each respondent a code when asking for consent (`services.request_consent`);
the respondent types it (or opens its link) and `party_by_code` finds their place in the case.
"""
from __future__ import annotations

import secrets

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from portal.disputes.authorisation import CaseNotFound
from portal.disputes.models import Party

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are read out on the phone
CODE_LENGTH = 8


def new_code(session: Session) -> str:
    """An unused invitation code."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if session.query(Party.id).filter_by(invitation_code=code).first() is None:
            return code


def party_by_code(session: Session, code: str) -> Party:
    """The respondent an invitation code belongs to."""
    cleaned = code.strip().upper().replace(" ", "").replace("-", "")
    party = session.query(Party).filter_by(invitation_code=cleaned).one_or_none() if cleaned else None
    if party is None:
        raise CaseNotFound(_l("No case has this invitation code. Check the code and try again."))
    return party
