from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "feelmap.insights"
    label = "insights"
    verbose_name = "Insights"

    def ready(self) -> None:
        from feelmap.lib import changes

        from . import weekly

        changes.listen(weekly.forget)
