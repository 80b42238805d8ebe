import json

from django.core.management.base import BaseCommand

from feelmap.portability.schema import SCHEMA_PATH, build_schema


class Command(BaseCommand):
    help = "Rewrite the export's JSON Schema file from the registry of kinds (for developers)."

    def handle(self, *args, **options):
        SCHEMA_PATH.write_text(json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n")
        self.stdout.write(f"Wrote {SCHEMA_PATH}")
