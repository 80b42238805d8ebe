"""Fill the activity summary (0004) for the records that exist already, a batch of people at
a time with a fixed number of grouped queries per batch. Safe to run again: each row is worked
out from the records and replaces any row there is."""

from django.db import migrations

BATCH = 500


def fill(apps, schema_editor):
    from feelmap.care.activity import store

    user = apps.get_model("accounts", "User")
    ids = list(user._default_manager.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        store(apps, ids[start:start + BATCH])


class Migration(migrations.Migration):

    dependencies = [
        ("care", "0004_activity_summary"),
        ("checkins", "0006_checkin_version"),
        ("journal", "0005_entry_version"),
        ("practices", "0004_moments_in_range"),
        ("assessments", "0003_response_times_from_2000"),
        ("saying", "0001_practices"),
        ("safety", "0002_plan_version"),
        ("heartbeat", "0001_sessions_and_trials"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
