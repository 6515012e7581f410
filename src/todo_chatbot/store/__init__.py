"""Persistence: SQLAlchemy models, repositories (every query lives there) and migrations."""
