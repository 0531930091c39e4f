"""Working a case: workflow actions, sessions, the agreement and its print, evidence."""
from __future__ import annotations

from datetime import datetime

from flask import abort, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from portal.db import get_session
from portal.disputes import agreement as agreements
from portal.disputes import authorisation, labels, services
from portal.disputes.actions import run_action
from portal.disputes.evidence import add_evidence, evidence_path
from portal.disputes.forms import (
    ActionForm,
    AgreementForm,
    EvidenceForm,
    SessionForm,
    SessionRecordForm,
)
from portal.disputes.models import Evidence
from portal.disputes.pages import bp, load_case, refuse, tier_days, upload_dir
from portal.disputes.workflow import Action
from portal.errors import DomainError, ValidationFailed
from portal.uploads import Upload
from portal.web import options, show_error_on_form


def _committed(dispute, message: object):
    """Commit the action; a concurrent write by someone else becomes a clear 409, not an overwrite."""
    try:
        get_session().commit()
    except StaleDataError:
        return refuse(authorisation.CaseChanged(_("This case was changed by someone else at the same moment. "
                                             "Look at it again and repeat your action if it is still needed.")))
    flash(message, "success")
    return redirect(url_for("disputes.detail", number=dispute.number))


@bp.route("/<number>/act/<action>", methods=["POST"])
def act(number: str, action: str):
    """Take one workflow action from the case page; refusals change nothing."""
    dispute, who = load_case(number)
    if action not in set(Action):
        abort(404)
    form = ActionForm()
    if not form.validate_on_submit():
        return refuse(ValidationFailed(_("The form was incomplete. Please try again.")), dispute)
    try:
        run_action(get_session(), who, dispute, Action(action), form, tier_days=tier_days())
    except DomainError as error:
        return refuse(error, dispute)
    return _committed(dispute, _("Done: %(action)s.", action=labels.ACTIONS[Action(action)]))


@bp.route("/<number>/sessions/new", methods=["GET", "POST"])
def schedule_session(number: str):
    """The mediator puts a session on the schedule."""
    dispute, who = load_case(number)
    form = SessionForm(version=dispute.version_id)
    if form.validate_on_submit():
        plan = agreements.SessionPlan(
            starts_at=datetime.combine(form.day.data, form.time.data, tzinfo=services.SHANGHAI),
            location=form.location.data, privacy=form.privacy.data)
        try:
            agreements.schedule_session(get_session(), who, dispute, plan, version=form.version_number())
        except ValidationFailed as error:
            show_error_on_form(form, error)
        except DomainError as error:
            return refuse(error, dispute)
        else:
            return _committed(dispute, _("The session was scheduled."))
    return render_template("disputes/session_form.html", d=dispute, form=form)


@bp.route("/<number>/sessions/record", methods=["GET", "POST"])
def record_session(number: str):
    """The mediator writes the record of a session."""
    dispute, who = load_case(number)
    form = SessionRecordForm(version=dispute.version_id)
    form.session_id.choices = options((m.id, f"{m.starts_at.astimezone(services.SHANGHAI):%Y-%m-%d %H:%M} "
                                           f"{m.location}") for m in dispute.sessions)
    if form.validate_on_submit():
        try:
            agreements.record_session(get_session(), who, dispute, form.session_id.data or 0,
                                      attendees=form.attendees.data or "", record=form.record.data or "",
                                      outcome=form.outcome.data or "", version=form.version_number())
        except ValidationFailed as error:
            show_error_on_form(form, error)
        except DomainError as error:
            return refuse(error, dispute)
        else:
            return _committed(dispute, _("The session record was saved."))
    return render_template("disputes/session_record.html", d=dispute, form=form)


def _agreement_data(form: AgreementForm) -> agreements.AgreementData:
    terms = [agreements.TermData(t.form.text.data or "", t.form.method.data or "", t.form.due_on.data)
             for t in form.terms]
    details = {int(p.form.party_id.data): {n: getattr(p.form, n).data for n in agreements.PARTY_DETAILS}
               for p in form.parties if str(p.form.party_id.data).isdigit()}
    return agreements.AgreementData(form.facts.data or "", form.issues.data or "",
                                    form.responsibilities.data or "", terms, details, form.amount.data)


def _fill_agreement_form(form: AgreementForm, dispute) -> None:
    """Start the form from the saved agreement, the case's facts and the parties' details."""
    saved = dispute.agreement
    form.facts.data = saved.facts if saved else dispute.facts
    form.issues.data = saved.issues if saved else dispute.claims
    form.responsibilities.data = saved.responsibilities if saved else ""
    form.amount.data = saved.amount if saved else None
    for i, term in enumerate(saved.terms if saved else []):
        if i < len(form.terms):
            form.terms[i].form.text.data, form.terms[i].form.method.data = term.text, term.method
            form.terms[i].form.due_on.data = term.due_on


@bp.route("/<number>/agreement", methods=["GET", "POST"])
def agreement_form(number: str):
    """The mediator writes the agreement (PML 28)."""
    dispute, who = load_case(number)
    form = AgreementForm(version=dispute.version_id)
    if not form.is_submitted():
        _fill_agreement_form(form, dispute)
        for party in dispute.parties:
            form.parties.append_entry({"party_id": party.id, **{n: getattr(party, n) or None
                                                               for n in agreements.PARTY_DETAILS}})
    if form.validate_on_submit():
        try:
            agreements.draft_agreement(get_session(), who, dispute, _agreement_data(form),
                                       version=form.version_number())
        except ValidationFailed as error:
            show_error_on_form(form, error)
        except DomainError as error:
            return refuse(error, dispute)
        else:
            return _committed(dispute, _("The agreement was saved. Print it for signing."))
    names = {p.id: p for p in dispute.parties}
    return render_template("disputes/agreement_form.html", d=dispute, form=form, names=names)


@bp.route("/<number>/agreement/print")
def agreement_print(number: str):
    """The agreement as the committee prints it: A4, one copy per party and one for the committee."""
    dispute, _who = load_case(number)
    if dispute.agreement is None or dispute.agreement.oral:
        abort(404)
    copies = [p.name for p in dispute.parties] + [dispute.committee.name]
    return render_template("disputes/agreement_print.html", d=dispute, a=dispute.agreement, copies=copies)


@bp.route("/<number>/evidence", methods=["POST"])
def upload_evidence(number: str):
    """A party, the filing grid worker or the mediator adds photos or PDFs."""
    dispute, who = load_case(number)
    form = EvidenceForm()
    if not form.validate_on_submit():
        return refuse(ValidationFailed(_("Choose at least one file.")), dispute)
    uploads = [Upload(f.filename or "", f.read()) for f in form.files.data or [] if f and f.filename]
    try:
        add_evidence(get_session(), who, dispute, uploads, upload_dir())
    except DomainError as error:
        return refuse(error, dispute)
    return _committed(dispute, _("The files were added."))


@bp.route("/<number>/evidence/<int:evidence_id>")
def evidence_file(number: str, evidence_id: int):
    """Serve one evidence file, only to those who may see the case."""
    dispute, _who = load_case(number)
    item = get_session().get(Evidence, evidence_id)
    if item is None or item.dispute_id != dispute.id:
        abort(404)
    path = evidence_path(upload_dir(), item)
    if not path.is_file():
        abort(404)
    return send_file(path, mimetype=item.content_type, download_name=item.original_name,
                     as_attachment=item.content_type == "application/pdf", max_age=0)
