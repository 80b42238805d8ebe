import json

from django.core.management.base import BaseCommand, CommandError

from feelmap.lexicon.management.suggest_cli import silence_closed_pipe
from feelmap.lexicon.views import LEVEL_HEADINGS, describe_affect
from feelmap.lexicon.vocabulary import FAMILY_KEYS, load_vocabulary


class Command(BaseCommand):
    help = "List the emotion vocabulary, family by family, from broad to nuanced words."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("--family", metavar="F",
                            help=f"Only this family: one of {', '.join(FAMILY_KEYS)}.")
        parser.add_argument("--json", action="store_true", dest="as_json",
                            help="Print the words as JSON, the same fields as the API.")

    def handle(self, *args, **options):
        try:
            self._list(options["family"], options["as_json"])
        except BrokenPipeError:
            silence_closed_pipe()

    def _list(self, family, as_json):
        vocabulary = load_vocabulary()
        if family is not None and family not in FAMILY_KEYS:
            raise CommandError(f"there is no family {family!r}. Choose one of: "
                               f"{', '.join(FAMILY_KEYS)}.", returncode=2)
        families = [vocabulary.family(family)] if family else list(vocabulary.families)
        if as_json:
            from feelmap.lexicon.api import word_as_dict

            words = [word_as_dict(vocabulary, w)
                     for f in families for w in vocabulary.words_in_family(f.key)]
            self.stdout.write(json.dumps({"words": words}, ensure_ascii=False))
            return
        for f in families:
            self.stdout.write(f"{f.label.upper()}  {f.description}")
            for level, heading in LEVEL_HEADINGS.items():
                found = [w for w in vocabulary.words_in_family(f.key) if w.level == level]
                for w in found:
                    feel = describe_affect(w.pleasantness, w.energy)
                    self.stdout.write(f"  {heading.split()[0].lower():<7} {w.word:<16} "
                                      f"{w.definition}  ({feel})")
            self.stdout.write("")
