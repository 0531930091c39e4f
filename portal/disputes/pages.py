"""The disputes blueprint and what its views share: loading a case for the visitor, refusals."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, render_template, session
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from portal.db import get_session
from portal.disputes import access, clocks, labels, workflow
from portal.disputes.authorisation import CaseChanged
from portal.disputes.models import Dispute, Party
from portal.errors import DomainError

bp = Blueprint("disputes", __name__, url_prefix="/disputes")


@bp.context_processor
def _template_helpers() -> dict:
    # The area's templates name stages, types and actions only through labels.
    return {"dl": labels, "wf": workflow}


CODES_KEY = "dispute_parties"  # parties whose invitation code this browser has entered
MAX_REMEMBERED_CODES = 20


def remember_party(party: Party) -> None:
    """Let this browser act as the respondent whose code it entered."""
    ids = [i for i in session.get(CODES_KEY, []) if i != party.id]
    session[CODES_KEY] = [party.id, *ids][:MAX_REMEMBERED_CODES]


def who_for(dispute: Dispute) -> access.Acting | None:
    """The logged-in user if they may see the case, else the respondent whose code was entered."""
    if current_user.is_authenticated and access.can_view(current_user, dispute):
        return current_user._get_current_object()
    remembered = set(session.get(CODES_KEY, []))
    return next((p for p in dispute.respondents if p.id in remembered), None)


def load_case(number: str) -> tuple[Dispute, access.Acting]:
    """The case with this number and who is looking; 404 when it may not be known to them."""
    dispute = get_session().scalar(select(Dispute).where(Dispute.number == number))
    who = who_for(dispute) if dispute is not None else None
    if who is None:
        # The same answer for "no such case" and "not yours": numbers must not reveal cases.
        abort(404)
    return dispute, who


def refuse(error: DomainError, dispute: Dispute | None = None):
    """Show a service's refusal with its status (403, 409 …); nothing was committed."""
    get_session().rollback()
    return render_template("disputes/refused.html", message=error.message, dispute=dispute), \
        error.status_code


@bp.errorhandler(StaleDataError)
def _changed_meanwhile(_error: StaleDataError):
    # Two writers of one case: the second one's flush (or commit) finds the version moved on.
    return refuse(CaseChanged(_("This case was changed by someone else at the same moment. "
                                "Look at it again and repeat your action if it is still needed.")))


def tier_days() -> int:
    """The configured tier clock (人民调解工作若干规定 33: a month by default)."""
    return int(current_app.config.get("DISPUTES_TIER_DAYS", clocks.DEFAULT_TIER_DAYS))


def upload_dir() -> Path:
    """Where evidence files live: under the instance folder, never under static/."""
    configured = current_app.config.get("UPLOAD_DIR") or Path(current_app.instance_path) / "uploads"
    return Path(configured) / "evidence"


@bp.cli.command("remind")
def remind_command() -> None:
    """Send today's deadline, overdue, term and return-visit reminders (safe to run twice a day)."""
    import click

    from portal.db import get_session
    from portal.disputes.reminders import send_reminders
    from portal.disputes.services import today
    from portal.notifications.mail import deliver_committed

    session = get_session()
    sent = send_reminders(session, today())
    session.commit()
    deliver_committed(session)
    click.echo(", ".join(f"{kind}: {n}" for kind, n in sorted(sent.items())) or "Nothing to remind.")
