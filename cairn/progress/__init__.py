"""Progress: daily check-ins (goal ratings, measure values, mood, plans used), small
wins, pauses in tracking, the achievement status derived from ratings
(achievement.py) and the charts drawn from them (charts.py).
"""
