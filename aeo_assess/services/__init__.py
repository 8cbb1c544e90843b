"""Use cases; the only place a database session opens (one per user action)."""
