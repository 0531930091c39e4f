"""Knowledge-base pages: laws and contents, articles, search, guides."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import get_locale
from sqlalchemy import select

from portal.db import get_session
from portal.kb import pages
from portal.kb.laws import CIVIL_CODE_BOOKS, LAWS, get_law
from portal.kb.models import Article, Law, Reference
from portal.kb.numbers import parse_lookup
from portal.kb.pages import guide_by_slug, guides, guides_citing, linked_text, render_markdown
from portal.kb.search import SearchResult

bp = Blueprint("kb", __name__, url_prefix="/kb")
PER_PAGE = 10


@bp.context_processor
def _guide_titles() -> dict:
    """kb_locale and guide_title(slug): guides are titled in the user's language."""
    locale = str(get_locale())
    return {"kb_locale": locale, "guide_title": lambda slug: pages.guide_title(slug, locale)}


def _law_or_404(slug: str) -> Law:
    law = get_session().scalar(select(Law).where(Law.slug == slug))
    if law is None:
        abort(404)
    return law


@bp.route("/")
def index():
    """The laws, the guides and a search box."""
    return render_template("kb/index.html", laws=LAWS, guides=guides(), books=CIVIL_CODE_BOOKS)


@bp.route("/<law>/")
def contents(law: str):
    """A law's contents: books, chapters, sections and their articles."""
    found = _law_or_404(law)
    articles = get_session().scalars(
        select(Article).where(Article.law_id == found.id).order_by(Article.number)).all()
    return render_template("kb/contents.html", law=found, articles=articles)


@bp.route("/<law>/<int:number>")
def article(law: str, number: int):
    """An article's permanent page."""
    found = _law_or_404(law)
    session = get_session()
    item = session.scalar(select(Article).where(Article.law_id == found.id, Article.number == number))
    if item is None:
        abort(404)
    cited = session.scalars(select(Reference).where(Reference.article_id == item.id)).all()
    citing = session.scalars(
        select(Article).join(Reference, Reference.article_id == Article.id)
        .where(Reference.law_slug == law, Reference.number == number).order_by(Article.number)).all()
    count = get_law(law).article_count if get_law(law) else number
    return render_template(
        "kb/article.html", law=found, article=item, text=linked_text(item.text, law),
        prev_number=number - 1 if number > 1 else None,
        next_number=number + 1 if number < count else None,
        cited=cited, citing=citing, guides=guides_citing(law, number),
        explanation=pages.explanation(law, number))


@bp.route("/search")
def search_page():
    """Search with filters; a query naming an article goes straight to it."""
    query = request.args.get("q", "").strip()
    found = parse_lookup(query) if query else None
    if found is not None:
        return redirect(url_for("kb.article", law=found.law or "civil-code", number=found.number))
    page = max(1, request.args.get("page", 1, type=int) or 1)
    law, book = request.args.get("law") or None, request.args.get("book") or None
    kind = request.args.get("kind") or None
    found_page = pages.search_page(query, page=page, per_page=PER_PAGE, law=law, book=book, kind=kind)
    result, guide_hits = found_page or (SearchResult(query), [])
    return render_template("kb/search.html", query=query, result=result, guide_hits=guide_hits,
                           missing=pages.missing_article(query), page=page, law=law, book=book, kind=kind, laws=LAWS,
                           books=CIVIL_CODE_BOOKS, per_page=PER_PAGE, ready=found_page is not None)


@bp.route("/guides/")
def guide_list():
    """Every plain-language guide."""
    return render_template("kb/guides.html", guides=guides())


@bp.route("/guides/<slug>")
def guide(slug: str):
    """One guide, its markdown rendered with citations linked."""
    found = guide_by_slug(slug)
    if found is None:
        abort(404)
    return render_template("kb/guide.html", guide=found, body=render_markdown(found.body))
