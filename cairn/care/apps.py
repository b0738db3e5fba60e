from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "cairn.care"
    label = "care"
