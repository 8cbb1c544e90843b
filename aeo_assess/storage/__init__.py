"""SQLAlchemy 2 persistence: engine and sessions, models, Alembic migrations, repositories."""
