from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "feelmap.accounts"
    label = "accounts"
    verbose_name = "Accounts"
