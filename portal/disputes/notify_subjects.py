"""Lets notifications point at disputes: the disputes access rule decides who is told and who sees."""
from __future__ import annotations

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.auth.models import User
from portal.db import get_session
from portal.disputes.access import can_view, visible_filter
from portal.disputes.labels import STAGES, title
from portal.disputes.models import Dispute
from portal.notifications import register_subject

SUBJECT_TYPE = "dispute"


def _can_view(user: User, dispute_id: int, session: Session) -> bool:
    dispute = session.get(Dispute, dispute_id)
    return dispute is not None and can_view(user, dispute)


def _visible_labels(user: User, dispute_ids: set[int], session: Session) -> dict[int, str]:
    rows = session.execute(select(Dispute.id, Dispute.number, Dispute.stage)
                           .where(Dispute.id.in_(dispute_ids), visible_filter(user)))
    return {id_: _labelled(number, stage) for id_, number, stage in rows}


def _labelled(number: str, stage: str) -> str:
    return f"{number} · {title(STAGES, stage)}"


def _url(dispute_id: int) -> str:
    number = get_session().scalar(select(Dispute.number).where(Dispute.id == dispute_id))
    return url_for("disputes.detail", number=number)


def _label(session: Session, dispute_id: int) -> str:
    dispute = session.get(Dispute, dispute_id)
    return _labelled(dispute.number, dispute.stage) if dispute else ""


def register() -> None:
    """Make ("dispute", id) a notification subject; called once when the app is built."""
    register_subject(SUBJECT_TYPE, can_view=_can_view, url=_url, label=_label,
                     visible_labels=_visible_labels)
