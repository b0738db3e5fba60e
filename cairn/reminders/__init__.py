"""Reminders: in-app notifications (what the other apps announce, heard in
receivers.py), reminder preferences, and the scheduled task (schedule.py) that sends
check-in, routine, questionnaire and step reminders by e-mail at the person's own
time, never in their quiet hours nor on a day their tracking is paused, never twice,
and never with clinical words.
"""
