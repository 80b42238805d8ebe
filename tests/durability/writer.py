"""A check-in writer for the crash test: saves check-ins one by one through the real save
service and prints each id only after its transaction has committed."""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "feelmap.settings")
django.setup()

from django.utils import timezone  # noqa: E402

from feelmap.accounts.models import User  # noqa: E402
from feelmap.checkins.services import checkin_create  # noqa: E402
from feelmap.checkins.validation import validate_checkin  # noqa: E402

user, _ = User.objects.get_or_create(username="crash-test")
counter = 0
while True:
    counter += 1
    data, errors = validate_checkin(
        {
            "pleasantness": -2,
            "energy": 3,
            "note": f"note number {counter}: my shoulders are tight",
            "sensations": [{"region": "shoulders", "quality": "tension", "intensity": 6}],
            "labels": [{"word": "worried", "intensity": 5, "confidence": 60}],
        },
        now=timezone.now(),
    )
    assert not errors, errors
    checkin = checkin_create(owner=user, data=data)
    # Only now is the write acknowledged.
    sys.stdout.write(f"{checkin.public_id}\n")
    sys.stdout.flush()
