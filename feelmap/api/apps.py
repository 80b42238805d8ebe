from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "feelmap.api"
    label = "api"
    verbose_name = "JSON API"
