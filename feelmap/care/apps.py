from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "feelmap.care"
    label = "care"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Lower layers (the safety plan page) ask "who can see this?" through feelmap.lib.sharing
        # without importing care; care answers here.
        from feelmap.lib import sharing

        from .access import viewer_names
        from .feedback import panel
        from .services import care_available

        sharing.register(viewer_names, care_available)
        sharing.register_panel(panel)
