"""Alembic environment: runs on the engine the portal hands over (see portal.db.alembic_config)."""
from alembic import context

import portal.models  # noqa: F401  (registers every table on Base.metadata)
from portal.db import Base

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    context.run_migrations()
