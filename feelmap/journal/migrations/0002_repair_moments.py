"""Repair moments stored out of range before the database is told to refuse them.

Before input was bounded, the API accepted dates such as year 1 with an offset (on PostgreSQL a
BC date that the driver cannot read back, which broke every page of that person) and dates far
in the future. Each such value becomes the row's own timestamp (created_at), in
one UPDATE per column that never reads the bad value. The constraint comes in the next
migration, in its own transaction.
"""

from django.db import migrations

from feelmap.lib.models import repair_moments


def repair(apps, schema_editor):  # noqa: ARG001
    repair_moments(apps.get_model("journal", "JournalEntry"), "written_at", replacement="created_at")


class Migration(migrations.Migration):

    dependencies = [
        ("journal", "0001_entries_labels_drafts"),
    ]

    operations = [
        migrations.RunPython(repair, migrations.RunPython.noop),
    ]
