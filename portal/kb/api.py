"""Read-only JSON API of the knowledge base: search and articles; anonymous and rate limited."""
from __future__ import annotations

import threading
import time
from collections import defaultdict, deque

from flask import Blueprint, current_app, jsonify, request, url_for
from sqlalchemy import select

from portal.db import get_session
from portal.kb.laws import get_law
from portal.kb.models import Article, Law
from portal.kb.pages import searcher

bp = Blueprint("kb_api", __name__, url_prefix="/api/v1/kb")
_HITS: dict[str, deque[float]] = defaultdict(deque)
_LOCK = threading.Lock()


def _error(status: int, message: str):
    return jsonify({"error": message}), status


@bp.before_request
def rate_limit():
    """At most KB_API_PER_MINUTE requests a minute per client address (per process)."""
    allowed = current_app.config.get("KB_API_PER_MINUTE", 60)
    now, key = time.monotonic(), request.remote_addr or "?"
    with _LOCK:
        hits = _HITS[key]
        while hits and now - hits[0] > 60:
            hits.popleft()
        if len(hits) >= allowed:
            return _error(429, "too many requests; try again in a minute")
        hits.append(now)
    return None


def _hit_json(hit) -> dict:
    url = (url_for("kb.article", law=hit.law, number=hit.number, _external=True)
           if hit.kind == "article" else url_for("kb.guide", slug=hit.ref, _external=True)
           if hit.kind == "guide" else None)
    return {"law": hit.law, "article": hit.number, "title": hit.title, "snippet": hit.snippet_html,
            "url": url, "score": hit.score, "kind": hit.kind}


@bp.get("/search")
def search():
    """?q=…&limit=10 → articles and guides that match."""
    query = request.args.get("q", "").strip()
    limit = request.args.get("limit", "10")
    if not query or len(query) > 200:
        return _error(400, "q is required (1–200 characters)")
    if not limit.isdigit() or not 1 <= int(limit) <= 50:
        return _error(400, "limit must be a whole number from 1 to 50")
    active = searcher()
    if active is None:
        return _error(503, "the search index has not been built")
    articles = active.search(query, limit=int(limit), kind="article")
    guides = active.search(query, limit=5, kind="guide")
    return jsonify({"query": articles.query, "results": [_hit_json(h) for h in articles.hits],
                    "guides": [_hit_json(h) for h in guides.hits]})


@bp.get("/articles/<law>/<number>")
def article(law: str, number: str):
    """One article's text and place."""
    if get_law(law) is None or not number.isdigit():
        return _error(400, "unknown law or bad article number")
    item = get_session().scalar(select(Article).join(Law).where(Law.slug == law,
                                                                Article.number == int(number)))
    if item is None:
        return _error(404, "no such article")
    return jsonify({
        "law": law, "law_name": item.law.name, "article": item.number,
        "title": f"{item.law.short_name}第{item.number}条",
        "book": item.book.name if item.book else None,
        "chapter": item.chapter.title if item.chapter else None,
        "section": item.section.title if item.section else None,
        "text": item.text, "url": url_for("kb.article", law=law, number=item.number, _external=True),
    })
