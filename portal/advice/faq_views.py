"""Published FAQs: listed by category, one page each; public, like the knowledge base."""
from __future__ import annotations

from flask import abort, render_template, request
from sqlalchemy import func, select

from portal.advice.models import Faq
from portal.advice.pages import bp
from portal.db import get_session
from portal.disputes.labels import DISPUTE_TYPES
from portal.web import get_or_404, page_number, paginate


@bp.route("/faq/")
def faq_list():
    """FAQs by category, newest first; ?category= narrows the list."""
    session = get_session()
    category = request.args.get("category", "")
    if category and category not in {code.value for code in DISPUTE_TYPES}:
        abort(404)
    stmt = select(Faq).order_by(Faq.published_at.desc())
    if category:
        stmt = stmt.where(Faq.category == category)
    counts = dict(session.execute(select(Faq.category, func.count(Faq.id)).group_by(Faq.category)).all())
    return render_template("advice/faq_list.html", page=paginate(session, stmt, page_number()),
                           category=category, counts=counts, types=DISPUTE_TYPES)


@bp.route("/faq/<int:faq_id>")
def faq_detail(faq_id: int):
    """One FAQ: the masked question and answer, with its citations linked."""
    return render_template("advice/faq_detail.html", faq=get_or_404(Faq, faq_id))
