"""The migrations build the schema the models describe, on SQLite and on PostgreSQL alike."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Engine

import portal.models  # noqa: F401  (every area's models on Base.metadata)
from portal.db import Base


def test_the_migrated_database_matches_the_models(engine: Engine):
    # A model changed without a migration (or the reverse) shows up here as a difference,
    # before it shows up as a missing column or index on a server.
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
