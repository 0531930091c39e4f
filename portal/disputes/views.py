"""Disputes pages: the case list, filing, the case page and the respondent's invitation."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.auth.models import Role
from portal.db import get_session
from portal.disputes import (  # noqa: F401
    access,
    case_views,
    caseload_views,
    guidance,
    invitations,
    labels,
    presenter,
    services,
)
from portal.disputes.caseload_presenter import caseload_view
from portal.disputes.evidence import add_evidence
from portal.disputes.filing import FILER_SOURCES, Filing, PartyData, file_dispute
from portal.disputes.forms import FilingForm, InvitationForm
from portal.disputes.models import Dispute
from portal.disputes.pages import bp, load_case, refuse, remember_party, upload_dir
from portal.disputes.types import DisputeType
from portal.disputes.workflow import OPEN_STAGES
from portal.errors import DomainError, ValidationFailed
from portal.kb.lookup import article_url, guide_url
from portal.places.forms import village_choices
from portal.uploads import Upload
from portal.web import page_number, paginate, role_required, show_error_on_form

FILING_ROLES = (Role.RESIDENT, Role.GRID_WORKER, Role.MEDIATOR)
__all__ = ["bp"]


@bp.route("/")
@role_required()
def case_list():
    """The cases the user may see: their own, their committee's, or those they supervise."""
    show = request.args.get("show", "open")
    stmt = select(Dispute).where(access.visible_filter(current_user))
    if show == "open":
        stmt = stmt.where(Dispute.stage.in_([s.value for s in OPEN_STAGES]))
    stmt = stmt.order_by(Dispute.risk_priority.desc(), Dispute.created_at.desc())
    page = paginate(get_session(), stmt, page_number())
    return render_template("disputes/list.html", page=page, show=show, can_file=current_user.role in FILING_ROLES)


@bp.route("/new")
@role_required(*FILING_ROLES)
def choose_type():
    """Step 1 of filing: what kind of dispute (big buttons, no JavaScript needed)."""
    return render_template("disputes/choose_type.html", types=labels.DISPUTE_TYPES)


def _filing_from(form: FilingForm) -> Filing:
    respondents = [PartyData(r.form.name.data or "", r.form.phone.data or "", r.form.place_id.data,
                             r.form.relation.data or "") for r in form.respondents]
    applicant = PartyData(form.applicant_name.data or "", form.applicant_phone.data or "",
                          form.applicant_place.data)
    return Filing(dispute_type=form.dispute_type.data, facts=form.facts.data or "",
                  claims=form.claims.data or "", place_id=form.place_id.data, language=form.language.data,
                  language_note=form.language_note.data or "", privacy=form.privacy.data,
                  occurred_on=form.occurred_on.data, source=form.source.data,
                  respondents=respondents, applicant=applicant)


def _prepare_filing_form(form: FilingForm, code: str) -> None:
    villages = village_choices(get_session())
    for select_field in (form.place_id, form.applicant_place, *(r.form.place_id for r in form.respondents)):
        select_field.choices = villages
    allowed = FILER_SOURCES[current_user.role]
    form.source.choices = [c for c in form.source.choices if c.value in allowed]
    if form.source.data is None and len(allowed) == 1:
        # A resident files for themselves: the field is not shown, so the browser never sends it.
        form.source.data = next(iter(allowed))
    form.dispute_type.data = code
    if request.method == "GET" and current_user.place_id:
        form.place_id.data = current_user.place_id
    if request.method == "GET" and request.args.get("from_question", "").isdigit():
        # Hook for legal advice: an adviser recommended mediation; start from the question's text.
        from portal.advice.handoff import facts_from_question

        form.facts.data = facts_from_question(get_session(), current_user, int(request.args["from_question"]))


def _uploads(form: FilingForm) -> list[Upload]:
    return [Upload(f.filename or "", f.read()) for f in (form.files.data or []) if f and f.filename]


@bp.route("/new/<code>", methods=["GET", "POST"])
@role_required(*FILING_ROLES)
def file_case(code: str):
    """Step 2 of filing: the details, with the law and guides for the chosen type alongside."""
    if code not in set(DisputeType):
        abort(404)
    form = FilingForm()
    _prepare_filing_form(form, code)
    if form.validate_on_submit():
        try:
            dispute = file_dispute(get_session(), current_user, _filing_from(form))
            add_evidence(get_session(), current_user, dispute, _uploads(form), upload_dir())
        except ValidationFailed as error:
            get_session().rollback()
            show_error_on_form(form, error)
        except DomainError as error:
            return refuse(error)
        else:
            get_session().commit()
            flash(_("Your application was sent. Its number is %(number)s.", number=dispute.number), "success")
            return redirect(url_for("disputes.detail", number=dispute.number))
    help_ = guidance.for_type(code)
    return render_template("disputes/file.html", form=form, code=code, help=help_,
                           article_url=article_url, guide_url=guide_url,
                           locale=str(get_locale() or "zh_Hans"))


@bp.route("/<number>")
def detail(number: str):
    """The case page: stage in plain words, next step, deadlines, sessions, agreement, history, actions."""
    dispute, who = load_case(number)
    extra = caseload_view(get_session(), dispute, who)
    view = presenter.case_view(dispute, who, services.today(), extra.hidden)
    return render_template("disputes/detail.html", d=dispute, v=view, c=extra)


@bp.route("/invitation", methods=["GET", "POST"])
def invitation():
    """A respondent enters the code the mediator gave them; no account needed."""
    form = InvitationForm()
    if form.validate_on_submit():
        return _open_invitation(form.code.data, form)
    return render_template("disputes/invitation.html", form=form)


@bp.route("/invitation/<code>")
def invitation_link(code: str):
    """The link form of an invitation code."""
    return _open_invitation(code, InvitationForm(formdata=None))


def _open_invitation(code: str, form: InvitationForm):
    try:
        party = invitations.party_by_code(get_session(), code)
    except DomainError as error:
        form.code.errors = [*form.code.errors, error.message]
        return render_template("disputes/invitation.html", form=form), 404
    remember_party(party)
    if current_user.is_authenticated:
        services.claim_invitation(get_session(), current_user, party)
        get_session().commit()
    return redirect(url_for("disputes.detail", number=party.dispute.number))
