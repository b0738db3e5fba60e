from django.apps import AppConfig


class RoutinesConfig(AppConfig):
    name = "cairn.routines"
    label = "routines"
