import pytest
from django.core.management import call_command

from feelmap.accounts.models import User
from feelmap.program import state
from feelmap.program.models import ProgramDay, ReminderSettings

pytestmark = pytest.mark.django_db


def test_the_demo_person_is_part_way_through_the_path():
    call_command("demo", "--days", "30", "--username", "demo_path")
    user = User.objects.get(username="demo_path")
    current = state.program_state(user)
    assert current["active"] and 2 <= current["current_week"] <= 6
    assert 0 < ProgramDay.objects.filter(owner=user).count() < 28  # some days missed
    assert not ReminderSettings.objects.get(owner=user).email_enabled
