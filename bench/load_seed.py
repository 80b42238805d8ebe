"""Seed a database for the load benchmarks (run by load_clinic.py with the server's settings).

    python bench/load_seed.py PEOPLE CLINICIANS PER_CLINICIAN

People `load-p0001`…, each with 20 check-ins over the last 20 days and 5 journal entries,
through the apps' own write services; clinicians `load-c01`… linked to PER_CLINICIAN people
each through the care services (a one-time code, the clinician joins, the person shares
check-ins, journal and insights), with two-step sign-in set up when the settings ask it of
clinicians (clinic mode). Everyone's password is loadlib.PASSWORD. Prints one JSON line:
{"people": [...], "clinicians": {username: [person public ids]}, "two_step": {username:
TOTP secret}, "cookie": session cookie name, "sessions": {username: signed-in session}}.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "feelmap.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.loadlib import PASSWORD  # noqa: E402
from feelmap.accounts.models import User  # noqa: E402
from feelmap.checkins.services import checkins_import  # noqa: E402
from feelmap.checkins.validation import validate_checkin  # noqa: E402
from feelmap.journal.schemas import JournalEntryIn  # noqa: E402
from feelmap.journal.services import create_entries  # noqa: E402

WORDS = ["calm", "tired", "worried", "content", "irritated", "sad", "relaxed", "anxious"]


def main() -> None:
    people_n, clinicians_n, per = (int(a) for a in sys.argv[1:4])
    hashed = make_password(PASSWORD)  # once: argon2 for 210 accounts would take a while
    people = User.objects.bulk_create(
        [User(username=f"load-p{i:04d}", password=hashed) for i in range(1, people_n + 1)])
    now = timezone.now()
    for n, person in enumerate(people):
        items = []
        for day in range(20):
            data, errors = validate_checkin({
                "pleasantness": (n + day) % 11 - 5, "energy": (n * 3 + day) % 11 - 5,
                "note": f"day {day}: shoulders a bit tight after work",
                "sensations": [{"region": "shoulders", "quality": "tension", "intensity": 5}],
                "labels": [{"word": WORDS[(n + day) % len(WORDS)], "intensity": 5,
                            "confidence": 60}],
                "occurred_at": (now - timedelta(days=day, hours=n % 12)).isoformat(),
            }, now=now)
            assert not errors, errors
            items.append(data)
        checkins_import(owner=person, items=items)
        create_entries(owner=person, items=[
            JournalEntryIn(body=f"Entry {k}: the meeting ran long and I felt {WORDS[k]}.",
                           labels=[WORDS[k]], written_at=now - timedelta(days=3 * k))
            for k in range(5)])

    clinicians: dict[str, list[str]] = {}
    if clinicians_n:
        from feelmap.care import services as care
        from feelmap.care.schemas import GrantsIn, JoinIn

        made = User.objects.bulk_create(
            [User(username=f"load-c{i:02d}", password=hashed, role=User.Role.CLINICIAN)
             for i in range(1, clinicians_n + 1)])
        for c, clinician in enumerate(made):
            linked = people[c * per:(c + 1) * per]
            for person in linked:
                _code, raw = care.create_code(person)
                link = care.join(clinician, JoinIn(code=raw))
                care.set_grants(person, link, GrantsIn(kinds=["checkins", "journal", "insights"]))
            clinicians[clinician.username] = [str(p.public_id) for p in linked]
    two_steps = ({c.username: two_step(c) for c in made}
                 if clinicians_n and settings.FEELMAP_TWO_STEP_FOR_CLINICIANS else {})
    everyone = [*people, *(made if clinicians_n else [])]
    print(json.dumps({"people": [p.username for p in people], "clinicians": clinicians,
                      "two_step": two_steps, "cookie": settings.SESSION_COOKIE_NAME,
                      "sessions": {u.username: session_for(u) for u in everyone}}))


def session_for(user: User) -> str:
    """A signed-in session made by Django's own `login()` (what the sign-in page calls after
    the password, and for clinicians the second step, were checked): its cookie value. Signing
    210 accounts in through the page costs minutes of argon2 on a small shared machine and is
    not what the benchmark measures; `--sign-in` in load_clinic.py does it the long way."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def two_step(clinician: User) -> str:
    """Clinic mode asks clinicians for two-step sign-in: set it up through the same functions
    as the set-up page, confirmed with the code of the step before now, so the load client's
    sign-in code (the step after now, see load_clinic.py) is always a newer one. The secret."""
    import pyotp

    from feelmap.accounts import twofactor

    device = twofactor.start_setup(clinician)
    totp = pyotp.TOTP(device.secret)
    twofactor.confirm(clinician, totp.generate_otp(totp.timecode(twofactor.now()) - 1))
    return device.secret


if __name__ == "__main__":
    main()
