from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "cairn.progress"
    label = "progress"
