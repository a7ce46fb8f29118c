"""Persistence: SQLAlchemy engine (SQLite by default, PostgreSQL by URL), tables, repositories, migrations."""
