"""Care: the practice, who belongs to it and in which role, invitations, care
relationships between therapists and clients, and `access.py`, the one place that
decides who may read or write which client's record.
"""
