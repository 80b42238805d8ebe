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

        # Every write of a person's records works out their activity summary again.
        from feelmap.lib import changes

        from .activity import refresh

        changes.listen_person(refresh)

        # Account deletion may remove the person's audit entries (erasure.py); nothing else may.
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_delete, pre_delete

        from . import erasure

        user_model = get_user_model()
        pre_delete.connect(erasure.naming_the_account, sender=user_model,
                           dispatch_uid="care-audit-erasure-start")
        post_delete.connect(erasure.done, sender=user_model, dispatch_uid="care-audit-erasure-end")
