from django.apps import AppConfig


class ProgramConfig(AppConfig):
    name = "feelmap.program"
    label = "program"
    verbose_name = "Understanding, program and reminders"
