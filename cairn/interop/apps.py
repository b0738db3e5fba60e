from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "cairn.interop"
    label = "interop"
