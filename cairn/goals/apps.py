from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "cairn.goals"
    label = "goals"
