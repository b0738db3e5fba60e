"""Goals: the client's vision, SMART goals and the coach that checks them (smart.py),
barriers, if-then plans, milestones, and the revisions that keep every change and
the reason for it.
"""
