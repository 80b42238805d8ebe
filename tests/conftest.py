"""Shared fixtures: the four people every ownership test needs, and the browser."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PASSWORD = "a calm blue river 42"
CHROMIUM = os.environ.get("FEELMAP_CHROMIUM", "/usr/bin/chromium")
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
# How long a browser action or an `expect(...)` waits for the page before failing. CI runs the
# suite on 2 loaded cores with two workers, where a page can take seconds to answer; a passing
# step returns as soon as its condition holds, so only a real failure waits this long.
BROWSER_TIMEOUT_MS = 20_000


def _flush_keeps_working_with_the_audit_trigger() -> None:
    """Browser tests flush the database after each test. On SQLite a flush is DELETE FROM each
    table, which the care audit trigger refuses (care migration 0002); an erasure row for
    everyone (user 0) lets that one flush through and goes with the flush's last statement.
    PostgreSQL flushes with TRUNCATE, which row triggers do not see."""
    from django.db.backends.sqlite3 import base

    DatabaseOperations = base.DatabaseOperations  # noqa: N806 - the class being patched

    original = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, **kwargs):
        sql = original(self, style, tables, **kwargs)
        if "care_auditentry" not in tables:
            return sql
        erasure = [s for s in sql if "care_auditerasure" in s]
        rest = [s for s in sql if "care_auditerasure" not in s]
        return ['INSERT INTO "care_auditerasure" ("user_id") VALUES (0);', *rest, *erasure]

    DatabaseOperations.sql_flush = sql_flush


_flush_keeps_working_with_the_audit_trigger()


def _make_user(username: str, role: str = "person"):
    from feelmap.accounts.models import User

    return User.objects.create_user(username=username, password=PASSWORD, role=role)


@pytest.fixture
def person(db):
    return _make_user("river")


@pytest.fixture
def other_person(db):
    return _make_user("stone")


@pytest.fixture
def clinician(db):
    return _make_user("dr_ash", role="clinician")


@pytest.fixture
def other_clinician(db):
    return _make_user("dr_birch", role="clinician")


@pytest.fixture
def person_client(client, person):
    client.force_login(person)
    return client


@pytest.fixture
def other_client(client, other_person):
    client.force_login(other_person)
    return client


def bearer(user) -> dict[str, str]:
    """Request headers that call the API with a new token of `user`, as scripts do."""
    from feelmap.accounts.models import ApiToken

    _token, raw = ApiToken.issue(user)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def auth(person):
    return bearer(person)


@pytest.fixture
def other_auth(other_person):
    return bearer(other_person)


@pytest.fixture
def latest_schema_afterwards():
    """For a test that migrates back: after it (even on a failure), every app is migrated to its
    last migration again, so the tests after it find the full schema."""
    yield
    from tests.migration_helpers import migrate_to_latest

    migrate_to_latest()


# --- browser -----------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=BROWSER_TIMEOUT_MS)

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is needed for browser tests: install Debian's chromium ({CHROMIUM}).")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
            ],
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1100, "height": 900})
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    opened = context.new_page()
    csp_errors: list[str] = []
    opened.on(
        "console",
        lambda msg: csp_errors.append(msg.text)
        if msg.type == "error" and "Content Security Policy" in msg.text
        else None,
    )
    yield opened
    context.close()
    # A page that breaks its own policy would silently lose behaviour in real browsers.
    assert not csp_errors, f"Content-Security-Policy violations: {csp_errors}"


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    yield context.new_page()
    context.close()


def browser_login(page, username: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    # The sign-in page's own address ends in "/" too: wait until the browser has left it (and
    # the next page has loaded), not merely for an address ending in "/".
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.fixture
def logged_in_page(page, person):
    browser_login(page, person.username)
    return page


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core in the page (through DevTools, so the page's CSP stays strict)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    result = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result
        if v["impact"] in impacts
    ]


def hold_autosaves(page, pattern: str) -> tuple[list, list[tuple[str, str, str]]]:
    """Keep requests to `pattern` (a page's autosave) waiting, and log every request sent and
    answered: the tests of "saving waits for an autosave still on its way" release the held
    routes after pressing save and check the order in the log."""
    held: list = []
    page.route(pattern, lambda route: held.append(route))
    events: list[tuple[str, str, str]] = []
    page.on("request", lambda r: events.append(("sent", r.method, r.url)))
    page.on("response", lambda r: events.append(("answered", r.request.method, r.url)))
    return held, events


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe-core found serious problems on {page.url}: {violations}"
