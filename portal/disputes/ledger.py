"""The mediation ledger (台账): the queue's cases, with the columns the county's ledger has, as CSV or XLSX."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from portal.auth.models import User
from portal.disputes import labels, queue
from portal.disputes.caseload_models import Assignment
from portal.disputes.clocks import SHANGHAI
from portal.disputes.models import Agreement, Dispute, Party
from portal.disputes.workflow import Stage
from portal.places.models import Place

MAX_ROWS = 200_000  # a whole county for years; beyond that, filter
COLUMNS = (
    _l("Case number"), _l("Date filed"), _l("Type"), _l("Parties"), _l("Village"), _l("Tier"), _l("Stage"),
    _l("Mediator"), _l("Result"), _l("Agreement amount (yuan)"), _l("Date closed"),
)
RESULTS = {
    Stage.SETTLED: _l("Agreement reached"), Stage.RETURN_VISITED: _l("Agreement reached"),
    Stage.CLOSED: _l("Agreement reached"), Stage.FAILED: _l("No agreement"),
    Stage.REFERRED: _l("No agreement, referred"), Stage.CONSENT_REFUSED: _l("Mediation refused"),
    Stage.DECLINED: _l("Not accepted"), Stage.WITHDRAWN: _l("Withdrawn"),
}


def _select(session: Session, user: User, filters: queue.Filters, today: date):
    village, township = aliased(Place), aliased(Place)
    names = select(func.aggregate_strings(Party.name, "、")).where(Party.dispute_id == Dispute.id).scalar_subquery()
    mediators = (select(func.aggregate_strings(User.name, "、")).select_from(Assignment)
                 .join(User, User.id == Assignment.user_id)
                 .where(Assignment.dispute_id == Dispute.id, Assignment.ended_at.is_(None)).scalar_subquery())
    return (select(Dispute.number, Dispute.created_at, Dispute.dispute_type, names, township.name, village.name,
                   Dispute.tier, Dispute.stage, mediators, Agreement.amount, Dispute.closed_on)
            .join(village, village.id == Dispute.place_id).outerjoin(township, township.id == village.parent_id)
            .outerjoin(Agreement, Agreement.dispute_id == Dispute.id)
            .where(*queue.conditions(session, user, filters, today)).order_by(*queue.order(filters.sort)).limit(MAX_ROWS))


def rows(session: Session, user: User, filters: queue.Filters, today: date) -> Iterator[list[str]]:
    """The ledger's lines, as text, in the queue's order (the access rule applies in SQL)."""
    for (number, created, kind, names, township, village, tier, stage, mediators, amount,
         closed) in session.execute(_select(session, user, filters, today)).yield_per(1000):
        yield [number, created.astimezone(SHANGHAI).date().isoformat(), str(labels.title(labels.DISPUTE_TYPES, kind)),
               names or "", f"{township or ''} {village}".strip(), str(labels.title(labels.TIERS, tier)),
               str(labels.title(labels.STAGES, stage)), mediators or "",
               str(RESULTS.get(stage, _l("In progress"))), "" if amount is None else f"{amount:.2f}",
               closed.isoformat() if closed else ""]


def header() -> list[str]:
    """The column titles in the reader's language."""
    return [str(c) for c in COLUMNS]


def as_csv(lines: Iterator[list[str]]) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel on a county office PC reads the Chinese."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header())
    writer.writerows(lines)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(lines: Iterator[list[str]]) -> bytes:
    """An Excel workbook with one sheet, written row by row."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(str(_l("Mediation ledger")))
    sheet.append(header())
    for line in lines:
        sheet.append(line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
