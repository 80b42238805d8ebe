from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "feelmap.safety"
    label = "safety"
