from django.apps import AppConfig


class SayingConfig(AppConfig):
    name = "feelmap.saying"
    label = "saying"
    verbose_name = "Saying it"
