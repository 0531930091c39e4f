"""The knowledge base built once per test run: its rows kept as a snapshot, its index shared.

Importing 1,419 articles and indexing them takes tens of seconds, so `kb build` runs once (through
the real CLI) and each test that wants the knowledge base gets the rows back by a bulk insert.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from sqlalchemy import Table, func, select, text
from sqlalchemy.engine import Engine

from portal.kb.models import Article, Book, Chapter, Law, Reference, Section

# Parents before children, so rows can be inserted in this order and deleted in reverse.
KB_TABLES: tuple[Table, ...] = tuple(m.__table__ for m in (Law, Book, Chapter, Section, Article, Reference))


@dataclass(frozen=True)
class KbSnapshot:
    """Every kb_* row after one real `kb build`, the index it built and the CLI's output."""

    rows: dict[str, list[dict]]
    index_dir: Path
    output: str


def build_once(app: Flask, engine: Engine) -> KbSnapshot:
    """Run `flask kb build` on the test database, keep its rows, then empty the kb tables again."""
    result = app.test_cli_runner().invoke(args=["kb", "build"])
    assert result.exit_code == 0, result.output
    with engine.begin() as conn:
        rows = {t.name: [dict(r) for r in conn.execute(select(t).order_by(t.c.id)).mappings()]
                for t in KB_TABLES}
        for table in reversed(KB_TABLES):
            conn.execute(table.delete())
    return KbSnapshot(rows, Path(app.config["INDEX_DIR"]), result.output)


def restore(engine: Engine, snapshot: KbSnapshot) -> None:
    """Put the snapshot's rows back into empty kb tables."""
    with engine.begin() as conn:
        for table in KB_TABLES:
            conn.execute(table.insert(), snapshot.rows[table.name])
            if engine.dialect.name == "postgresql":
                # Explicit ids leave the sequence behind; later inserts in the test need it ahead.
                top = conn.scalar(select(func.max(table.c.id)))
                conn.execute(text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :n)"),
                             {"t": table.name, "n": top})
