"""Measures: the PHQ-9 and the GAD-7. The therapist's assignments (once, every few
weeks, or before each session), the client's answers, and their exact scoring
(scoring.py: totals, bands, reliable change, recovery). A PHQ-9 question 9 answer
above 0 is told to the safety app through `cairn.core.signals.risk_noted`.
"""
