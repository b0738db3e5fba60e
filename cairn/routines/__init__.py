"""Routines: life after therapy. Routines with their habit strength (strength.py),
the daily done or skip, and the maintenance plan for when warning signs return.
"""
