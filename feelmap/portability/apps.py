from django.apps import AppConfig


class PortabilityConfig(AppConfig):
    name = "feelmap.portability"
    label = "portability"
    verbose_name = "Your data: export, import, backup and account deletion"
