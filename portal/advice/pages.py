"""The advice blueprint and what its views share: loading a question, refusals, config, links."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, render_template, url_for
from flask_login import current_user
from markupsafe import Markup

from portal.advice import access, clocks, labels, office, services
from portal.advice.models import Question
from portal.db import get_session
from portal.errors import DomainError
from portal.kb.lookup import article_url, guide_url
from portal.kb.pages import linked_text
from portal.kb.search import Hit

bp = Blueprint("advice", __name__, url_prefix="/advice")


@bp.record_once
def _register_notification_subject(_state) -> None:
    from portal.advice import notify_subjects

    notify_subjects.register()


@bp.app_template_global()
def linked_citations(text: str) -> Markup:
    """Answer text, escaped, with its citations linked to the knowledge base's articles."""
    return linked_text(text or "")


@bp.app_template_global()
def village_advisers(place_id: int | None) -> list:
    """The advisers serving a village, with profiles (home page and village page)."""
    return office.advisers_of(get_session(), place_id)


@bp.app_template_global()
def hit_url(hit: Hit) -> str:
    """Where a knowledge-base search hit leads: an article, a guide or an FAQ."""
    if hit.kind == "article" and hit.law and hit.number:
        return article_url(hit.law, hit.number)
    if hit.kind == "guide" and hit.ref:
        return guide_url(hit.ref)
    return url_for("advice.faq_detail", faq_id=int(hit.ref or 0))


@bp.context_processor
def _template_helpers() -> dict:
    return {"al": labels, "clocks": clocks}


def rules() -> services.Rules:
    """The clocks as configured (ADVICE_ANSWER_DAYS, ADVICE_EXPIRY_DAYS)."""
    config = current_app.config
    return services.Rules(int(config.get("ADVICE_ANSWER_DAYS", clocks.DEFAULT_ANSWER_DAYS)),
                          int(config.get("ADVICE_EXPIRY_DAYS", clocks.DEFAULT_EXPIRY_DAYS)))


def upload_dir() -> Path:
    """Where attachments live: under UPLOAD_DIR, outside the web root."""
    configured = current_app.config.get("UPLOAD_DIR") or Path(current_app.instance_path) / "uploads"
    return Path(configured) / "advice"


def index_dir() -> str:
    """The knowledge-base search index folder."""
    return current_app.config.get("INDEX_DIR") or str(Path(current_app.instance_path) / "search-index")


def load_question(question_id: int) -> Question:
    """The question if the current user may see it; 404 otherwise (ids must not reveal questions)."""
    session = get_session()
    question = session.get(Question, question_id)
    if question is None or not access.can_view(session, current_user, question):
        abort(404)
    return question


def expire_lazily() -> None:
    """Close questions past their last day before a list shows them."""
    if services.expire_overdue(get_session()):
        get_session().commit()


def refuse(error: DomainError, question: Question | None = None):
    """Show a service's refusal with its status; nothing was committed."""
    get_session().rollback()
    return render_template("advice/refused.html", message=error.message, question=question), \
        error.status_code


def question_url(question: Question) -> str:
    return url_for("advice.detail", question_id=question.id)


bp.add_app_template_global(article_url, "kb_article_url")


@bp.cli.command("expire")
def expire_command() -> None:
    """Close questions left unanswered past their last day (run daily, e.g. from cron)."""
    import click

    from portal.notifications.mail import deliver_committed

    count = services.expire_overdue(get_session())
    get_session().commit()
    deliver_committed(get_session())
    click.echo(f"{count} question(s) closed")
