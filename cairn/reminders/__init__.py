"""Reminders: in-app notifications, reminder preferences, and the scheduled task
that sends check-in, routine and step reminders by e-mail at the person's own
time, never in their quiet hours, never twice, and never with clinical words.
"""
