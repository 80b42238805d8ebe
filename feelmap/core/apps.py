from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "feelmap.core"
    label = "core"
    verbose_name = "Feelmap core"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deploy checks)
