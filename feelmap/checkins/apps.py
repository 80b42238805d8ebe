from django.apps import AppConfig


class CheckinsConfig(AppConfig):
    name = "feelmap.checkins"
    label = "checkins"
