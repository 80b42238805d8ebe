"""Check-in pages for bench/web.py: the quick check-in POST and the timeline, measured for a
person with `--demo-days` of demo data (three check-ins a day).

web.py calls `extra_pages(client, env, args)` after signing its client in as "bench". Demo data
belongs to a new person (`feelmap demo` refuses an existing name), so this creates that person
and signs the same client in as them; every page after that is measured with their data.
"""

from __future__ import annotations

import re
import subprocess
import sys

DEMO_USER = "bench-demo"
DEMO_PASSWORD = "demo passphrase"  # feelmap/core/management/commands/demo.py


def _login(client, username: str, password: str) -> None:
    client.cookies.clear()  # a fresh, anonymous session: the login page redirects signed-in people
    token = client.csrf("/accounts/login/")
    status, _ = client.request("POST", "/accounts/login/",
                               {"csrfmiddlewaretoken": token, "username": username,
                                "password": password})
    assert status == 302, f"login as {username} failed with {status}"


def extra_pages(client, env, args):
    if args.demo_days <= 0:
        return []
    subprocess.run(
        [sys.executable, "-m", "feelmap.cli", "demo", "--days", str(args.demo_days),
         "--per-day", "3", "--username", DEMO_USER],
        env=env, check=True, capture_output=True, text=True,
    )
    _login(client, DEMO_USER, DEMO_PASSWORD)
    _status, page = client.request("GET", "/checkin/quick/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    words = ("calm", "drained", "content", "worried", "irritated")

    def quick_checkin(i: int) -> dict:
        return {"csrfmiddlewaretoken": token, "pleasantness": str((i % 11) - 5),
                "energy": str(((i * 3) % 11) - 5), "label-1-word": words[i % len(words)],
                "note": "" if i % 4 else "A short note."}

    return [
        ("check-in POST (quick form)", "POST", "/checkin/quick/", quick_checkin),
        ("timeline (5 y demo)", "GET", "/checkin/timeline/", None),
        ("check-in home (5 y demo)", "GET", "/checkin/", None),
        ("vocabulary page (5 y demo)", "GET", "/words/", None),
        ("home page (5 y demo)", "GET", "/", None),
    ]
