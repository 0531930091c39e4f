"""Whether `kb build` has work to do: statutes imported, index present, knowledge_base unchanged."""
from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy.orm import Session
from whoosh import index as whoosh_index

from portal.kb.associations import ASSOCIATIONS
from portal.kb.importer import civil_code_count
from portal.kb.indexing import schema
from portal.kb.laws import CIVIL_CODE, get_law

STAMP = "knowledge_base.sha256"  # written beside the index after a build


def fingerprint(root: Path) -> str:
    """A hash of every file under knowledge_base/ (guides, lexicon, explanations) and the schema."""
    digest = hashlib.sha256()
    # An index with other fields must be rebuilt too: FAQs added to it later would not fit.
    digest.update(" ".join(sorted(schema().names())).encode("utf-8") + b"\0")
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def write_stamp(index_dir: Path | str, root: Path) -> None:
    """Record which knowledge_base/ the index was built from."""
    (Path(index_dir) / STAMP).write_text(fingerprint(root) + "\n", encoding="utf-8")


def forget_stamp(index_dir: Path | str) -> None:
    """Remove the record, so an interrupted build is redone next time."""
    (Path(index_dir) / STAMP).unlink(missing_ok=True)


def is_built(session: Session, index_dir: Path | str, root: Path) -> bool:
    """True when every Civil Code article is imported and the index matches knowledge_base/."""
    directory = Path(index_dir)
    stamp = directory / STAMP
    # Cheapest checks first: `make run` asks on every start.
    if not whoosh_index.exists_in(str(directory)) or not stamp.is_file():
        return False
    if not (directory / ASSOCIATIONS).is_file():  # built before the search learned associations
        return False
    if civil_code_count(session) != get_law(CIVIL_CODE).article_count:
        return False
    return stamp.read_text(encoding="utf-8").strip() == fingerprint(root)
