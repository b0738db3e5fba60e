"""The JSON API under /api/v1/ (django-ninja) and the personal access tokens that open it.

Owns ApiToken. The API reads and writes through each app's selectors and services,
so the same access rules, audit and validation apply as on the pages.
"""
