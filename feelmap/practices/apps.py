from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "feelmap.practices"
    label = "practices"
