"""Advice pages for advisers: the queue, taking a question, answering, publishing an FAQ."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import case, select

from portal.advice import access, clocks, faq, services
from portal.advice.citing import unchecked_citations
from portal.advice.forms import ClaimForm, PublishForm, ReplyForm
from portal.advice.models import WAITING_FOR_ADVISER, Assignment, Question, Status
from portal.advice.pages import bp, expire_lazily, index_dir, load_question, question_url, refuse
from portal.auth.models import Role
from portal.db import get_session
from portal.errors import DomainError, ValidationFailed
from portal.kb.extra import add_documents
from portal.kb.lookup import article_text, article_title
from portal.web import role_required, show_error_on_form

_WAITING = [s.value for s in WAITING_FOR_ADVISER]


def _queue(stmt, on):
    """Overdue first, then the oldest."""
    overdue_first = case((Question.due_on < on, 0), else_=1)
    return list(get_session().scalars(stmt.order_by(overdue_first, Question.asked_at).limit(200)))


@bp.route("/queue")
@role_required(Role.ADVISER)
def queue():
    """The adviser's villages' questions and their own, then the open pool."""
    expire_lazily()
    on = clocks.today()
    villages = select(Assignment.place_id).where(Assignment.adviser_id == current_user.id)
    mine = select(Question).where(Question.status.in_(_WAITING),
                                  (Question.claimed_by_id == current_user.id)
                                  | (Question.place_id.in_(villages)))
    pool = select(Question).where(access.pool_filter(on), ~Question.place_id.in_(villages)
                                  | Question.place_id.is_(None),
                                  (Question.claimed_by_id != current_user.id)
                                  | Question.claimed_by_id.is_(None))
    waiting_for_resident = select(Question).where(Question.claimed_by_id == current_user.id,
                                                  Question.status.in_([Status.INFO_REQUESTED.value,
                                                                       Status.ANSWERED.value]))
    return render_template("advice/queue.html", mine=_queue(mine, on), pool=_queue(pool, on),
                           waiting=_queue(waiting_for_resident, on), today=on)


@bp.route("/q/<int:question_id>/claim", methods=["POST"])
@role_required(Role.ADVISER)
def claim(question_id: int):
    """Take a question so that no other adviser answers it at the same time."""
    question = load_question(question_id)
    if not ClaimForm().validate_on_submit():
        return redirect(question_url(question))
    try:
        services.claim(get_session(), current_user, question)
    except DomainError as error:
        return refuse(error, question)
    get_session().commit()
    flash(_("The question is yours to answer."), "success")
    return redirect(question_url(question))


def _insert_article(form: ReplyForm) -> None:
    """Put the chosen article's citation and text into the answer (no JavaScript needed)."""
    text = article_text(get_session(), form.law.data, form.number.data or 0)
    if text is None:
        form.number.errors = [*form.number.errors, _("There is no such article.")]
        return
    quoted = f"{article_title(form.law.data, form.number.data)}：{text}"
    form.body.data = f"{(form.body.data or '').rstrip()}\n\n{quoted}".lstrip()


@bp.route("/q/<int:question_id>/reply", methods=["POST"])
@role_required(Role.ADVISER)
def reply(question_id: int):
    """Answer, ask for more information, or insert an article into the draft."""
    from portal.advice.views import render_detail

    question = load_question(question_id)
    form = ReplyForm()
    if not form.validate_on_submit() or form.insert.data:
        if form.insert.data:
            _insert_article(form)
        return render_detail(question, reply_form=form)
    try:
        _send_reply(question, form)
    except ValidationFailed as error:
        get_session().rollback()
        show_error_on_form(form, error)
        return render_detail(question, reply_form=form), 400
    except DomainError as error:
        return refuse(error, question)
    get_session().commit()
    flash(_("Sent to the resident."), "success")
    unchecked = unchecked_citations(form.body.data)
    if unchecked:
        flash(_("The knowledge base does not hold the law of %(citations)s, so it could not be "
                "checked and is shown without a link. Make sure the number is right.",
                citations=_(", ").join(unchecked)), "info")
    return redirect(question_url(question))


def _send_reply(question: Question, form: ReplyForm) -> None:
    if form.ask_info.data:
        services.request_info(get_session(), current_user, question, form.body.data)
    else:
        services.answer(get_session(), current_user, question, form.body.data,
                        recommend_mediation=form.recommend_mediation.data, legal_aid=form.legal_aid.data)


def publish_allowed(question: Question) -> bool:
    """Whether the publish button shows: consent given, answered, not yet published."""
    return (question.may_publish and question.first_answer_at is not None and question.faq is None
            and faq.may_publish(get_session(), current_user, question))


@bp.route("/q/<int:question_id>/publish", methods=["GET", "POST"])
@role_required(Role.ADVISER, Role.ADMIN)
def publish(question_id: int):
    """Review the masked text, correct it, publish it as an FAQ."""
    question = load_question(question_id)
    draft = faq.draft_faq(question)
    form = PublishForm(data={"title": draft.title, "question_text": draft.question_text,
                             "answer_text": draft.answer_text})
    if form.validate_on_submit():
        try:
            published = faq.publish(get_session(), current_user, question, form.title.data,
                                    form.question_text.data, form.answer_text.data)
        except ValidationFailed as error:
            get_session().rollback()
            show_error_on_form(form, error)
        except DomainError as error:
            return refuse(error, question)
        else:
            get_session().commit()
            add_documents(index_dir(), [faq.faq_document(published)])
            flash(_("Published. Anyone can now find it in the knowledge base."), "success")
            return redirect(url_for("advice.faq_detail", faq_id=published.id))
    return render_template("advice/publish.html", form=form, q=question, found=draft.found)
