from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "cairn.measures"
    label = "measures"
