"""Qt table models: one per table, fed plain rows from app.db.queries."""
