"""Alembic environment: the engine is handed in by aqiqat.store.migrate (no ini file, no URL in config)."""

from __future__ import annotations

from alembic import context

from aqiqat.store.tables import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes["engine"]
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        context.run_migrations()


run_migrations_online()
