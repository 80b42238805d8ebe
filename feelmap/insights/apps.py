from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "feelmap.insights"
    label = "insights"
    verbose_name = "Insights"
