import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from feelmap.core import rotation
from feelmap.lib.crypto import DecryptionError


class Command(BaseCommand):
    help = ("Re-encrypt everything people wrote under a new key; resumable, then the old key "
            "is retired.")

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500,
                            help="Rows per transaction (default 500).")
        parser.add_argument("--pause", type=float, default=0.0,
                            help="Seconds to wait between batches, to go easy on a busy server.")
        parser.add_argument("--add-key", action="store_true",
                            help="Only put a new key first in the key file and stop: restart the "
                                 "app processes so they know it, then run rotate-key again.")

    def handle(self, *args, batch_size, pause, add_key, **options):
        if not 1 <= batch_size <= 100_000:
            raise CommandError("--batch-size must be between 1 and 100000.")

        def say(text: str) -> None:
            print(text, file=sys.stderr, flush=True)

        try:
            progress = rotation.start(settings.DATA_DIR, say)
            if add_key:
                say("Restart the app processes, then run 'feelmap rotate-key' again.")
                return
            written = rotation.reencrypt(progress, batch_size=batch_size, pause=pause, say=say)
            say(f"{written} rows re-encrypted.")
            rotation.check_new_key_alone(say)
        except rotation.RotationError as exc:
            raise CommandError(str(exc)) from exc
        except DecryptionError as exc:
            raise CommandError(f"A value could not be read ({exc}); the old keys are kept. "
                               "Run 'feelmap rotate-key' again to carry on.") from exc
        rotation.retire_old_keys(progress, say)
        say("Done: everything is encrypted under the new key.")
