"""Advice pages for residents: asking (related articles first), the question page, following up."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.advice import access, attachments, clocks, preview, services
from portal.advice import adviser_views, faq_views, office_views  # noqa: F401  (register routes)
from portal.advice.forms import (AskForm, ClaimForm, FollowUpForm, ReplyForm, ResolveForm,
                                 StartForm)
from portal.advice.models import Attachment, Question
from portal.advice.pages import (bp, expire_lazily, index_dir, load_question, question_url, refuse,
                                 rules, upload_dir)
from portal.auth.models import Role
from portal.db import get_session
from portal.errors import DomainError, ValidationFailed
from portal.web import get_or_404, page_number, paginate, role_required, show_error_on_form

__all__ = ["bp"]


@bp.route("/")
@role_required()
def index():
    """Residents see their questions; advisers their queue; the admin every question."""
    if current_user.role is Role.ADVISER:
        return redirect(url_for("advice.queue"))
    expire_lazily()
    session = get_session()
    stmt = (select(Question).where(access.visible_filter(current_user, clocks.today()))
            .order_by(Question.asker_unread.desc(), Question.asked_at.desc()))
    page = paginate(session, stmt, page_number())
    return render_template("advice/list.html", page=page,
                           can_ask=current_user.role is Role.RESIDENT)


@bp.route("/ask", methods=["GET", "POST"])
@role_required(Role.RESIDENT)
def ask():
    """Step 1: the question; then the knowledge base's answers are shown before it is sent."""
    form = StartForm()
    if form.validate_on_submit():
        try:
            services.clean_text(form.text.data, "text")
        except ValidationFailed as error:
            show_error_on_form(form, error)
        else:
            return _show_related(form)
    return render_template("advice/ask.html", form=form)


def _show_related(start: StartForm):
    hits = preview.related(index_dir(), start.text.data or "")
    token = preview.record_preview(get_session(), current_user, len(hits))
    get_session().commit()
    form = AskForm(formdata=None, category=start.category.data, text=start.text.data, preview=token)
    return render_template("advice/related.html", form=form, hits=hits)


@bp.route("/ask/send", methods=["POST"])
@role_required(Role.RESIDENT)
def send():
    """Step 2: send the question, with its files."""
    form = AskForm()
    if form.validate_on_submit():
        session = get_session()
        draft = services.Draft(form.category.data or "", form.text.data or "",
                               form.may_publish.data, form.share_phone.data)
        uploads = [attachments.Upload(f.filename or "", f.read())
                   for f in (form.files.data or []) if f and f.filename]
        try:
            question = services.ask(session, current_user, draft, rules())
            attachments.add_attachments(session, current_user, question, uploads, upload_dir())
            preview.mark_submitted(session, current_user, form.preview.data)
        except ValidationFailed as error:
            session.rollback()
            show_error_on_form(form, error)
        except DomainError as error:
            return refuse(error)
        else:
            session.commit()
            flash(_("Your question was sent. An adviser will answer within %(days)d days.",
                    days=rules().answer_days), "success")
            return redirect(question_url(question))
    return render_template("advice/related.html", form=form, hits=[])


@bp.route("/q/<int:question_id>")
@role_required()
def detail(question_id: int):
    """The thread, with what the visitor may do next."""
    question = load_question(question_id)
    services.mark_seen(question, current_user)
    get_session().commit()
    return render_detail(question)


def render_detail(question: Question, **forms):
    """The question page; `forms` replaces blank forms with ones that carry errors."""
    session = get_session()
    may_answer = access.may_answer(session, current_user, question, clocks.today())
    blank = {"claim_form": ClaimForm(formdata=None), "reply_form": ReplyForm(formdata=None),
             "follow_form": FollowUpForm(formdata=None), "resolve_form": ResolveForm(formdata=None)}
    return render_template("advice/detail.html", q=question, may_answer=may_answer,
                           is_asker=access.is_asker(current_user, question),
                           may_publish=adviser_views.publish_allowed(question),
                           today=clocks.today(), **(blank | forms))


@bp.route("/q/<int:question_id>/follow-up", methods=["POST"])
@role_required(Role.RESIDENT)
def follow_up(question_id: int):
    """The resident writes again."""
    question = load_question(question_id)
    form = FollowUpForm()
    if not form.validate_on_submit():
        return render_detail(question, follow_form=form), 400
    try:
        services.follow_up(get_session(), current_user, question, form.body.data)
    except ValidationFailed as error:
        get_session().rollback()
        show_error_on_form(form, error)
        return render_detail(question, follow_form=form), 400
    except DomainError as error:
        return refuse(error, question)
    get_session().commit()
    flash(_("Sent to the adviser."), "success")
    return redirect(question_url(question))


@bp.route("/q/<int:question_id>/resolve", methods=["POST"])
@role_required(Role.RESIDENT)
def resolve(question_id: int):
    """The resident marks the question resolved and rates the answer."""
    question = load_question(question_id)
    form = ResolveForm()
    if form.validate_on_submit():
        try:
            services.resolve(get_session(), current_user, question, form.rating.data or 0)
        except ValidationFailed as error:
            get_session().rollback()
            show_error_on_form(form, error)
        except DomainError as error:
            return refuse(error, question)
        else:
            get_session().commit()
            flash(_("Thank you. Your question is marked resolved."), "success")
            return redirect(question_url(question))
    return render_detail(question, resolve_form=form), 400


@bp.route("/q/<int:question_id>/files/<int:attachment_id>")
@role_required()
def attachment(question_id: int, attachment_id: int):
    """A file of a question, only for those who may see the question."""
    question = load_question(question_id)
    found = get_or_404(Attachment, attachment_id)
    if found.question_id != question.id:
        return refuse(DomainError(_("This file does not belong to this question.")), question)
    return send_file(attachments.attachment_path(upload_dir(), found), mimetype=found.content_type,
                     as_attachment=found.content_type == "application/pdf",
                     download_name=found.original_name, max_age=0)


@bp.after_request
def _no_store(response):
    # Questions are private: no shared cache may keep a copy.
    if request.endpoint and request.endpoint.startswith("advice.") and \
            not request.endpoint.startswith("advice.faq"):
        response.headers["Cache-Control"] = "private, no-store"
    return response
