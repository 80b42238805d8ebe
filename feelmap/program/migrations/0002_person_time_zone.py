"""The person's time zone moves to their account (accounts.User.time_zone), where every app
reads what "today" is for them. Until now only the reminder settings had one: copy it over
for everyone who has not chosen one on the account yet. Going back leaves accounts alone."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import migrations


def copy_zones(apps, schema_editor):
    ReminderSettings = apps.get_model("program", "ReminderSettings")
    User = apps.get_model("accounts", "User")
    for owner_id, name in ReminderSettings.objects.values_list("owner_id", "time_zone"):
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
        User.objects.filter(pk=owner_id, time_zone="").update(time_zone=name)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0007_user_time_zone"),
        ("program", "0001_program_reminders"),
    ]

    operations = [migrations.RunPython(copy_zones, migrations.RunPython.noop)]
