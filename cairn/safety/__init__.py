"""Safety: risk flags raised from what a client writes (told by `core.signals.risk_noted`)
and the therapist's review of them; the client's safety plan, versioned; the
practice's crisis settings, the one home of what a client does when they need urgent
help (the practice's number and hours, its own words, country, national lines), and the
support panel a client sees after writing something that may be a sign of risk.
"""
