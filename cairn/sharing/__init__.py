"""Sharing: supporters a client invites, what exactly each may see (a grant),
cheers they send, and revocation that takes effect on the very next request.
Nothing here ever exposes the journal, check-in notes, barriers, plans, sessions or
anything a therapist wrote.
"""
