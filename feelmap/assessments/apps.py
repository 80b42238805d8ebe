from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "feelmap.assessments"
    label = "assessments"
