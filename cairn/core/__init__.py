"""Core: the base model, the typed request, the audit log, middleware, the base templates,
and what every chart shares (charts.py).

Everything else builds on this app; it imports no other Cairn app.
"""
