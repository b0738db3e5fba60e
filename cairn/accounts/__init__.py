"""Accounts: the person who signs in (User, by email), how their session lives and ends,
and how allauth sends their mail. Roles and practices live in `care`.
"""
