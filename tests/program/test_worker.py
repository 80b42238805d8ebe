"""`feelmap worker`: planning, exactly-once delivery, retries with backoff, quiet hours and time
zones, against a local SMTP server the test starts; a SIGKILL-and-restart run; SIGTERM."""

from __future__ import annotations

import os
import signal
import smtplib
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.db import connection

from feelmap.program import services, worker
from feelmap.program.models import Delivery, DeliveryStatus, ReminderSettings
from feelmap.program.schemas import ReminderSettingsIn
from feelmap.program.tailoring import Tailoring

from .smtp import LocalSMTP, free_port

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 6, 10, 9, 0, tzinfo=UTC)  # a Wednesday


def _settings(user, **changes) -> ReminderSettings:
    values = {"email_enabled": True, "email": "river@example.org", "times": ["08:50"],
              "days": [1, 2, 3, 4, 5, 6, 7], "time_zone": "UTC", "purposes": ["checkin"]}
    values.update(changes)
    services.save_reminder_settings(user, ReminderSettingsIn(**values))
    ReminderSettings.objects.filter(owner=user).update(updated_at=NOW - timedelta(days=1))
    return ReminderSettings.objects.get(owner=user)


def _pass(now, lines=None):
    return worker.run_pass(now, "test-worker", (lines if lines is not None else []).append)


@pytest.fixture
def smtp(settings):
    with LocalSMTP() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"  # not locmem
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        yield server


@pytest.mark.django_db
def test_it_sends_a_due_reminder_once_and_never_again(smtp, person):
    _settings(person)
    lines: list[str] = []
    result = _pass(NOW, lines)
    assert (result.planned, result.sent) == (1, 1)
    assert len(smtp.recorder.accepted) == 1
    assert "whenever you are ready" in smtp.recorder.bodies[0].lower()
    assert any(line.startswith("sent reminder") for line in lines)
    again = _pass(NOW + timedelta(minutes=5))
    assert (again.planned, again.sent) == (0, 0)
    assert len(smtp.recorder.accepted) == 1
    row = Delivery.objects.get(owner=person)
    assert row.status == DeliveryStatus.SENT and row.attempts == 1


@pytest.mark.django_db
def test_it_plans_nothing_from_before_the_settings_were_saved(smtp, person):
    _settings(person)
    ReminderSettings.objects.filter(owner=person).update(updated_at=NOW - timedelta(minutes=5))
    assert _pass(NOW).planned == 0  # 08:50 came before the 08:55 save
    assert smtp.recorder.accepted == []


@pytest.mark.django_db
def test_it_retries_with_backoff_when_the_server_refuses(smtp, person):
    _settings(person)
    smtp.recorder.refuse_next = 2
    first = _pass(NOW)
    assert first.retrying == 1
    row = Delivery.objects.get(owner=person)
    assert row.status == DeliveryStatus.PENDING and row.attempts == 1
    assert row.next_attempt_at == NOW + timedelta(seconds=60)
    assert _pass(NOW + timedelta(seconds=30)).retrying == 0  # not yet
    assert _pass(NOW + timedelta(seconds=61)).retrying == 1
    row.refresh_from_db()
    assert row.next_attempt_at == NOW + timedelta(seconds=61 + 120)
    assert _pass(NOW + timedelta(seconds=200)).sent == 1
    assert len(smtp.recorder.accepted) == 1
    row.refresh_from_db()
    assert row.attempts == 3 and row.status == DeliveryStatus.SENT


@pytest.mark.django_db
def test_it_gives_up_after_the_last_attempt_when_no_server_answers(person, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens
    _settings(person)
    moment = NOW
    for _ in range(worker.MAX_ATTEMPTS):
        _pass(moment)
        moment = Delivery.objects.get(owner=person).next_attempt_at
    row = Delivery.objects.get(owner=person)
    assert row.status == DeliveryStatus.FAILED and row.attempts == worker.MAX_ATTEMPTS
    assert "Connection" in row.last_error or "refused" in row.last_error.lower()


@pytest.mark.django_db
def test_quiet_hours_skip_a_reminder(smtp, person):
    _settings(person, times=["08:50"], quiet_start="08:00", quiet_end="10:00")
    lines: list[str] = []
    result = _pass(NOW, lines)
    assert result.skipped == 1 and smtp.recorder.accepted == []
    assert Delivery.objects.get(owner=person).last_error == "quiet hours"
    assert any("quiet hours" in line for line in lines)


@pytest.mark.django_db
def test_time_zones_decide_when_a_reminder_is_due(smtp, person, other_person):
    # 17:50 in Tokyo (UTC+9) is 08:50 UTC; 08:50 in New York is 12:50 UTC, not yet due.
    _settings(person, time_zone="Asia/Tokyo", times=["17:50"])
    _settings(other_person, time_zone="America/New_York", times=["08:50"])
    assert _pass(NOW).sent == 1
    assert Delivery.objects.get().due_at == datetime(2026, 6, 10, 8, 50, tzinfo=UTC)
    assert _pass(datetime(2026, 6, 10, 12, 55, tzinfo=UTC)).sent == 1
    assert len(smtp.recorder.accepted) == 2


@pytest.mark.django_db
def test_a_path_reminder_is_skipped_when_there_is_no_path(smtp, person):
    _settings(person, purposes=["program"])
    assert _pass(NOW).skipped == 1
    assert Delivery.objects.get().last_error == "nothing to remind"
    services.start_program(person, Tailoring(1, (), ()))
    Delivery.objects.all().delete()
    assert _pass(NOW).sent == 1


class Killed(BaseException):
    """Stands for the process dying: not an Exception, so nothing in the worker catches it."""


@pytest.mark.django_db
def test_a_kill_after_the_server_accepted_leaves_it_maybe_sent_and_never_sent_twice(smtp, person):
    _settings(person)
    with mock.patch.object(worker, "_record_sent", side_effect=Killed):
        with pytest.raises(Killed):
            _pass(NOW)
    assert len(smtp.recorder.accepted) == 1  # the server has it
    row = Delivery.objects.get(owner=person)
    assert row.status == DeliveryStatus.SENDING and row.attempted_at == NOW
    # The next worker (after the dead one's lease) does not send it blindly again.
    lines: list[str] = []
    after = NOW + worker.LEASE + timedelta(seconds=1)
    result = worker.run_pass(after, "next-worker", lines.append)
    assert (result.sent, result.released) == (0, 1)
    assert any("maybe sent" in line for line in lines)
    row.refresh_from_db()
    assert row.status == DeliveryStatus.UNSURE and "maybe sent" in row.last_error
    assert worker.run_pass(after + timedelta(minutes=5), "next-worker", [].append).sent == 0
    assert len(smtp.recorder.accepted) == 1


@pytest.mark.django_db
def test_a_connection_lost_during_sending_is_maybe_sent_and_not_retried(smtp, person):
    _settings(person)
    lost = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    with mock.patch.object(smtplib.SMTP, "data", side_effect=lost):
        result = _pass(NOW)
    assert (result.sent, result.retrying, result.unsure) == (0, 0, 1)
    row = Delivery.objects.get(owner=person)
    assert row.status == DeliveryStatus.UNSURE and row.attempts == 1
    assert _pass(NOW + timedelta(minutes=10)).sent == 0
    assert smtp.recorder.accepted == []


@pytest.mark.django_db
def test_a_send_that_fails_before_the_message_is_retried_and_then_sent(smtp, person):
    _settings(person)
    refused = smtplib.SMTPRecipientsRefused({"river@example.org": (451, b"try later")})
    with mock.patch.object(smtplib.SMTP, "rcpt", side_effect=refused):
        assert _pass(NOW).retrying == 1
    row = Delivery.objects.get(owner=person)
    assert row.status == DeliveryStatus.PENDING and row.attempted_at is None  # never in DATA
    assert _pass(NOW + timedelta(seconds=61)).sent == 1
    assert len(smtp.recorder.accepted) == 1


@pytest.mark.django_db
def test_another_backend_marks_sending_before_handing_over(person, settings, mailoutbox):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _settings(person)
    assert _pass(NOW).sent == 1 and len(mailoutbox) == 1
    row = Delivery.objects.get(owner=person)
    assert row.status == DeliveryStatus.SENT and row.attempted_at == NOW


@pytest.mark.django_db
def test_a_stale_claim_is_released_and_a_live_one_is_not(smtp, person):
    _settings(person)
    worker.plan(NOW, [].append)
    row = Delivery.objects.get()
    Delivery.objects.update(status=DeliveryStatus.CLAIMED, claimed_by="elsewhere:1",
                            claimed_until=NOW + timedelta(minutes=1))
    assert _pass(NOW).sent == 0
    assert _pass(NOW + timedelta(minutes=2)).sent == 1
    row.refresh_from_db()
    assert row.status == DeliveryStatus.SENT


# --- real processes ---------------------------------------------------------------------


def _env(port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.program.worker_settings",
        FEELMAP_WORKER_TEST_DB=str(connection.settings_dict["NAME"]),
        FEELMAP_EMAIL_HOST="127.0.0.1", FEELMAP_EMAIL_PORT=str(port),
        PYTHONPATH=str(ROOT),
    )
    return env


def _worker(port: int, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "feelmap.cli", "worker", *args], cwd=ROOT,
                            env=_env(port), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("stage", ["rcpt", "data"])
def test_no_reminder_goes_out_twice_across_sigkill_and_restart(person, stage):
    """Killed before the message text went out ("rcpt"): it is sent after the restart, so all
    12 arrive once. Killed while the server had the text ("data"): the worker cannot know
    whether it was accepted, so that one is left "maybe sent": 11 arrive, none twice."""
    from django.utils import timezone

    _settings(person, times=[])  # the queue below is all there is to send
    now = timezone.now()
    Delivery.objects.bulk_create([
        Delivery(owner=person, purpose="daily", due_at=now - timedelta(minutes=30 - i),
                 next_attempt_at=now - timedelta(minutes=30 - i)) for i in range(12)
    ])
    with LocalSMTP() as server:
        server.recorder.hold_at = 5  # the 5th message: the worker is killed while it waits
        server.recorder.hold_in = stage
        first = _worker(server.port, "--once")
        assert server.recorder.holding.wait(timeout=60), first.stderr.read() if first.poll() else ""
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        server.recorder.release.set()
        assert first.returncode == -signal.SIGKILL
        assert len(server.recorder.accepted) == 4
        assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 4
        held = DeliveryStatus.CLAIMED if stage == "rcpt" else DeliveryStatus.SENDING
        fifth = Delivery.objects.order_by("due_at")[4]
        assert (fifth.status, fifth.attempts) == (held, 0 if stage == "rcpt" else 1)

        second = _worker(server.port, "--once")
        _out, err = second.communicate(timeout=120)
        assert second.returncode == 0, err
        assert "sent reminder" in err
        ids = server.recorder.accepted
        assert len(set(ids)) == len(ids), ids  # none twice
        fifth.refresh_from_db()
        if stage == "rcpt":
            assert "released" in err
            assert len(ids) == 12 and fifth.status == DeliveryStatus.SENT  # every one
        else:
            assert "maybe sent by a stopped worker" in err
            assert len(ids) == 11 and fifth.status == DeliveryStatus.UNSURE
            assert fifth.message_id_local not in "".join(ids)
    sent = 12 if stage == "rcpt" else 11
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == sent


@pytest.mark.django_db(transaction=True)
def test_the_worker_stops_cleanly_on_sigterm(person):
    port = free_port()
    proc = _worker(port, "--interval", "0.2")
    seen: list[str] = []
    waiting = threading.Event()

    def read() -> None:
        for line in proc.stderr:
            seen.append(line)
            if "waiting" in line:
                waiting.set()

    reader = threading.Thread(target=read)
    reader.start()
    assert waiting.wait(timeout=60), "".join(seen)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=20) == 0
    reader.join(timeout=10)
    text = "".join(seen)
    assert "stopping (SIGTERM)" in text and text.rstrip().endswith("worker: stopped")
