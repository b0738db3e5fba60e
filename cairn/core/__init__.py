"""Core: the base model, the typed request, the audit log, middleware and the base templates.

Everything else builds on this app; it imports no other Cairn app.
"""
