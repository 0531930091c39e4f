"""Helpers shared by the disputes tests: file a case and work it through the real services."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask
from sqlalchemy import select

from portal.auth.models import User
from portal.db import get_session
from portal.disputes.filing import Filing, PartyData, file_dispute
from portal.disputes.models import Dispute
from portal.places.models import Place


def place_id(name: str) -> int:
    return get_session().scalars(select(Place.id).where(Place.name == name)).first()


def file_case(app: Flask, filer: User, *, place: str = "测试村", respondent_place: str | None = "测试村",
              kind: str = "neighbour", respondents: int = 1, **extra: Any) -> str:
    """File a case as `filer` and return its number."""
    with app.app_context():
        session = get_session()
        others = [PartyData(f"对方{i}", "13700000000", place_id(respondent_place) if respondent_place else None)
                  for i in range(respondents)]
        filing = Filing(dispute_type=kind, facts="邻居的水管漏水到我家。", claims="修好水管。",
                        place_id=place_id(place), respondents=others, **extra)
        dispute = file_dispute(session, session.get(User, filer.id), filing)
        session.commit()
        return dispute.number


def on_case(app: Flask, number: str, fn: Callable[..., Any], *users: User, commit: bool = True) -> Any:
    """Run fn(session, dispute, *users-as-attached) in one transaction, as a view would."""
    with app.app_context():
        session = get_session()
        dispute = session.scalars(select(Dispute).where(Dispute.number == number)).one()
        result = fn(session, dispute, *(session.get(User, u.id) for u in users))
        if commit:
            session.commit()
        return result


def case(app: Flask, number: str) -> Dispute:
    """A detached snapshot of the case, with parties, events and agreement loaded."""
    with app.app_context():
        session = get_session()
        dispute = session.scalars(select(Dispute).where(Dispute.number == number)).one()
        _ = (dispute.parties, dispute.events, dispute.committee.place, dispute.agreement, dispute.sessions,
             dispute.evidence)
        if dispute.agreement:
            _ = dispute.agreement.terms
        session.expunge_all()
        return dispute
