from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "cairn.journal"
    label = "journal"
