"""Caseload pages: the mediator's queue, the supervisor's dashboard, the ledger, assignment, the case file."""
from __future__ import annotations

from flask import Response, abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from portal.auth.models import Role
from portal.db import get_session
from portal.disputes import assignment, casefile, ledger, queue, services, supervision, team
from portal.disputes.case_views import _committed
from portal.disputes.forms import AssignForm
from portal.disputes.pages import bp, load_case, refuse
from portal.errors import DomainError, ValidationFailed
from portal.web import options, page_number, role_required, show_error_on_form

EXPORTS = {"csv": ("text/csv", ledger.as_csv),
           "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ledger.as_xlsx)}


def _filters() -> tuple[queue.Filters, list[str], list]:
    villages = queue.villages_for(get_session(), current_user)
    filters, ignored = queue.parse(request.args, {v.id for v in villages})
    return filters, ignored, villages


@bp.route("/queue")
@role_required(*queue.QUEUE_ROLES)
def queue_page():
    """The mediator's and supervisor's home: every case on their list, risky and due first."""
    filters, ignored, villages = _filters()
    page = queue.page(get_session(), current_user, filters, services.today(), page_number())
    return render_template("disputes/queue.html", page=page, filters=filters, ignored=ignored,
                           villages=villages, today=services.today())


@bp.route("/supervision")
@role_required(Role.SUPERVISOR, Role.ADMIN)
def supervision_page():
    """督办: overdue, at risk, unassigned, escalated to this centre, at a glance."""
    today = services.today()
    figures = supervision.figures(get_session(), current_user, today)
    urgent = queue.page(get_session(), current_user, queue.Filters(flags=frozenset({"overdue"})), today, 1, 10)
    risky = queue.page(get_session(), current_user, queue.Filters(flags=frozenset({"risk"})), today, 1, 10)
    return render_template("disputes/supervision.html", figures=figures, urgent=urgent, risky=risky, today=today)


@bp.route("/ledger.<fmt>")
@role_required(*queue.QUEUE_ROLES)
def ledger_export(fmt: str):
    """The queue's list as a ledger (台账) file; a village outside the user's area is refused."""
    if fmt not in EXPORTS:
        abort(404)
    filters, ignored, _villages = _filters()
    if "village" in ignored:
        abort(403)
    lines = ledger.rows(get_session(), current_user, filters, services.today())
    mimetype, render = EXPORTS[fmt]
    name = f"ledger-{services.today():%Y%m%d}.{fmt}"
    return Response(render(lines), mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/<number>/assign", methods=["GET", "POST"])
@role_required(Role.SUPERVISOR)
def assign(number: str):
    """The supervisor chooses the case's mediators from its committee, with a reason when reassigning."""
    dispute, who = load_case(number)
    form = AssignForm(version=dispute.version_id)
    form.mediators.choices = options((m.id, m.name) for m in team.committee_mediators(get_session(),
                                                                                       dispute.committee_id))
    if request.method == "GET":
        form.mediators.data = [m.id for m in team.assigned_mediators(get_session(), dispute)]
    if form.validate_on_submit():
        try:
            assignment.assign_mediators(get_session(), who, dispute, form.mediators.data or [],
                                        form.reason.data or "", version=form.version_number())
        except ValidationFailed as error:
            show_error_on_form(form, error)
        except DomainError as error:
            return refuse(error, dispute)
        else:
            return _committed(dispute, _("The case was assigned."))
    return render_template("disputes/assign.html", d=dispute, form=form)


@bp.route("/<number>/file")
def case_file(number: str):
    """The case file (卷宗): everything archived, on one printable page."""
    dispute, who = load_case(number)
    try:
        archive = casefile.case_file(get_session(), who, dispute)
    except DomainError as error:
        return refuse(error, dispute)
    return render_template("disputes/casefile.html", f=archive, d=dispute)
