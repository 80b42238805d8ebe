from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "feelmap.core"
    label = "core"
    verbose_name = "Feelmap core"
