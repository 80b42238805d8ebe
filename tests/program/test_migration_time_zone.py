"""program 0002: each person's zone from their reminder settings becomes their own
(accounts.User.time_zone) unless they already have one; a broken name is left out."""

import pytest

from feelmap.accounts.models import User
from tests.migration_helpers import migrate_to, migrate_to_latest

BEFORE = ("program", "0001_program_reminders")
AFTER = ("program", "0002_person_time_zone")


@pytest.mark.django_db(transaction=True)
def test_reminder_zones_become_the_persons_own(person, other_person, clinician):
    apps = migrate_to(BEFORE)
    try:
        settings_model = apps.get_model("program", "ReminderSettings")
        settings_model.objects.create(owner_id=person.pk, time_zone="Pacific/Auckland")
        settings_model.objects.create(owner_id=other_person.pk, time_zone="America/Los_Angeles")
        settings_model.objects.create(owner_id=clinician.pk, time_zone="Not/AZone")
        # accounts 0007 stays applied (the state before this step does not show it; the table does)
        User.objects.filter(pk=other_person.pk).update(time_zone="Europe/Paris")
    finally:
        apps = migrate_to(AFTER)
    try:
        zones = dict(apps.get_model("accounts", "User").objects.values_list("pk", "time_zone"))
        assert zones[person.pk] == "Pacific/Auckland"
        assert zones[other_person.pk] == "Europe/Paris"  # already chosen: kept
        assert zones[clinician.pk] == ""  # not a zone: the server's, as before
    finally:
        migrate_to_latest()
