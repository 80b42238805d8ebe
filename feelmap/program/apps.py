from django.apps import AppConfig


class ProgramConfig(AppConfig):
    name = "feelmap.program"
    label = "program"
    verbose_name = "Understanding, program and reminders"

    def ready(self) -> None:
        # care (an independent app) asks for a person's stage and boosters through
        # feelmap.lib.sharing; the program answers here.
        from feelmap.lib import sharing

        from .state import booster_moments, stages_of

        sharing.register_program(stages_of, booster_moments)
