"""Django's SQLite backend, with writers that wait their turn in line (see base.py)."""
