from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "feelmap.journal"
    label = "journal"
