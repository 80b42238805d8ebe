from django.apps import AppConfig


class LexiconConfig(AppConfig):
    name = "feelmap.lexicon"
    label = "lexicon"
