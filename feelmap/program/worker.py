"""The reminder worker: the database is the queue.

Each pass:
1. plan: for every person with e-mail reminders on, add a `Delivery` row for each reminder
   time that came round since the last pass (at most PLAN_WINDOW ago, and never before the
   settings were last saved). (owner, purpose, due_at) is unique, so planning twice adds nothing.
2. release: claims whose lease ran out, or whose worker process on this host is gone (after a
   SIGKILL), go back to the queue.
3. claim: a few due rows move from pending to claimed with a conditional update inside a
   transaction, so two workers never take the same row.
4. send: each claimed row is checked again (quiet hours, too late, nothing to remind) and
   sent; success records `sent` at once; an SMTP failure puts the row back with a backoff
   (1, 2, 4 … minutes) until MAX_ATTEMPTS, then `failed`.

Exactly once: a row is marked sent in its own transaction as soon as the server accepts the
message, and nothing sent is ever claimed again. A kill while the server has not yet accepted
leaves the row claimed; the next start releases it and sends it (the server never accepted
the first copy). The one gap left is a kill in the instant between the server's acceptance and
that commit: then a second copy goes out, with the same Message-ID, which mail clients use to
recognise duplicates.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from .feed import description
from .models import Delivery, DeliveryStatus, ReminderSettings
from .schedule import backoff_seconds, in_quiet_hours, occurrences

PLAN_WINDOW = timedelta(hours=2)
TOO_LATE = timedelta(hours=3)
LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 6
BATCH = 10

Say = Callable[[str], None]


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass
class Pass:
    planned: int = 0
    released: int = 0
    sent: int = 0
    retrying: int = 0
    skipped: int = 0
    failed: int = 0
    notes: list[str] = field(default_factory=list)


def plan(now: datetime, say: Say) -> int:
    """Add the reminders that came due since the last pass; returns how many were new."""
    rows = []
    for found in ReminderSettings.objects.filter(email_enabled=True).exclude(times=[]):
        try:
            zone = ZoneInfo(found.time_zone)
            times = [time.fromisoformat(t) for t in found.times]
        except (ValueError, KeyError):
            continue
        start = max(now - PLAN_WINDOW, found.updated_at)
        for due in occurrences(times, found.days, zone, start, now + timedelta(seconds=1)):
            rows.append(Delivery(owner_id=found.owner_id, purpose="daily", due_at=due,
                                 next_attempt_at=due))
    if not rows:
        return 0
    before = Delivery.objects.count()
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    added = Delivery.objects.count() - before
    if added:
        say(f"planned {added} reminder{'s' if added != 1 else ''}")
    return added


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def release(now: datetime, me: str, say: Say) -> int:
    """Put back claims whose lease ran out or whose process on this host is gone."""
    host = socket.gethostname()
    stale = []
    for pk, owner, until in Delivery.objects.filter(status=DeliveryStatus.CLAIMED).values_list(
            "pk", "claimed_by", "claimed_until"):
        if owner == me:
            continue
        name, _, pid = owner.rpartition(":")
        dead_here = name == host and pid.isdigit() and not _pid_alive(int(pid))
        if dead_here or until is None or until < now:
            stale.append(pk)
    if not stale:
        return 0
    count = Delivery.objects.filter(pk__in=stale, status=DeliveryStatus.CLAIMED).update(
        status=DeliveryStatus.PENDING, claimed_by="", claimed_until=None)
    if count:
        say(f"released {count} reminder{'s' if count != 1 else ''} left claimed by a stopped worker")
    return count


def claim(now: datetime, me: str, limit: int = BATCH) -> list[int]:
    with transaction.atomic():
        rows = Delivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
        if transaction.get_connection().features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        ids = list(rows.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])
        if not ids:
            return []
        Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.CLAIMED, claimed_by=me, claimed_until=now + LEASE)
    return list(Delivery.objects.filter(pk__in=ids, claimed_by=me,
                                        status=DeliveryStatus.CLAIMED).values_list("pk", flat=True))


def _finish(pk: int, me: str, **changes) -> bool:
    with transaction.atomic():
        return bool(Delivery.objects.filter(pk=pk, claimed_by=me, status=DeliveryStatus.CLAIMED)
                    .update(claimed_by="", claimed_until=None, **changes))


def unclaim(ids: list[int], me: str) -> int:
    return Delivery.objects.filter(pk__in=ids, claimed_by=me, status=DeliveryStatus.CLAIMED).update(
        status=DeliveryStatus.PENDING, claimed_by="", claimed_until=None)


def _wanted(delivery: Delivery, found: ReminderSettings, now: datetime) -> list[str]:
    """The purposes that still apply now (a due questionnaire, an active path, …)."""
    from . import state

    purposes = list(found.purposes) or ["checkin"]
    out = []
    for purpose in purposes:
        if purpose == "program" and not state.due_notes_kind(found.owner, "program"):
            continue
        if purpose == "booster" and not state.due_notes_kind(found.owner, "booster"):
            continue
        if purpose == "questionnaire" and not state.questionnaires_due(found.owner):
            continue
        out.append(purpose)
    return out


def message_for(delivery: Delivery, found: ReminderSettings, purposes: list[str]) -> EmailMessage:
    body = (
        "Hello,\n\n"
        f"{description(purposes)}\n\n"
        "You can change or turn off these reminders in Feelmap under Your path > Reminders.\n"
    )
    domain = getattr(settings, "FEELMAP_EMAIL_DOMAIN", "feelmap.local")
    message = EmailMessage(
        subject="Feelmap: a few minutes for yourself, whenever you are ready",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[found.email],
        headers={"Message-ID": f"<{delivery.message_id_local}@{domain}>",
                 "Auto-Submitted": "auto-generated"},
    )
    return message


def send_one(pk: int, now: datetime, me: str, say: Say, connection) -> str:
    """Send one claimed delivery; returns what happened ("sent", "retry", "skipped", "failed")."""
    delivery = Delivery.objects.select_related("owner").get(pk=pk)
    found = ReminderSettings.objects.filter(owner_id=delivery.owner_id).first()
    if found is None or not found.email_enabled or not found.email:
        _finish(pk, me, status=DeliveryStatus.SKIPPED, last_error="reminders turned off")
        say(f"skipped reminder {pk}: reminders are off now")
        return "skipped"
    zone = ZoneInfo(found.time_zone)
    local = now.astimezone(zone).time()
    if in_quiet_hours(local, found.quiet_start, found.quiet_end):
        _finish(pk, me, status=DeliveryStatus.SKIPPED, last_error="quiet hours")
        say(f"skipped reminder {pk}: quiet hours")
        return "skipped"
    if now - delivery.due_at > TOO_LATE:
        _finish(pk, me, status=DeliveryStatus.SKIPPED, last_error="too late to be useful")
        say(f"skipped reminder {pk}: too late to be useful")
        return "skipped"
    purposes = _wanted(delivery, found, now)
    if not purposes:
        _finish(pk, me, status=DeliveryStatus.SKIPPED, last_error="nothing to remind")
        say(f"skipped reminder {pk}: nothing is due")
        return "skipped"
    try:
        message = message_for(delivery, found, purposes)
        message.connection = connection
        message.send(fail_silently=False)
    except Exception as exc:  # noqa: BLE001 - any SMTP or network error means "try again later"
        attempts = delivery.attempts + 1
        error = f"{type(exc).__name__}: {exc}"[:300]
        if attempts >= MAX_ATTEMPTS:
            _finish(pk, me, status=DeliveryStatus.FAILED, attempts=attempts, last_error=error)
            say(f"gave up on reminder {pk} after {attempts} attempts: {error}")
            return "failed"
        wait = backoff_seconds(attempts)
        _finish(pk, me, status=DeliveryStatus.PENDING, attempts=attempts, last_error=error,
                next_attempt_at=now + timedelta(seconds=wait))
        say(f"could not send reminder {pk} (attempt {attempts}): {error}; retry in {wait} s")
        return "retry"
    _finish(pk, me, status=DeliveryStatus.SENT, attempts=delivery.attempts + 1,
            sent_at=timezone.now(), last_error="")
    say(f"sent reminder {pk} (due {delivery.due_at:%Y-%m-%d %H:%M} UTC)")
    return "sent"


def run_pass(now: datetime, me: str, say: Say, should_stop: Callable[[], bool] = lambda: False,
             now_fn: Callable[[], datetime] | None = None) -> Pass:
    """One pass: plan, release, then claim and send until nothing is due (or asked to stop)."""
    result = Pass()
    result.planned = plan(now, say)
    result.released = release(now, me, say)
    connection = None
    while not should_stop():
        moment = now_fn() if now_fn else now
        ids = claim(moment, me)
        if not ids:
            break
        if connection is None:
            connection = get_connection(fail_silently=False)
        for index, pk in enumerate(ids):
            if should_stop():
                unclaim(ids[index:], me)
                break
            outcome = send_one(pk, now_fn() if now_fn else now, me, say, connection)
            if outcome == "sent":
                result.sent += 1
            elif outcome == "retry":
                result.retrying += 1
                try:
                    connection.close()
                except Exception:  # noqa: BLE001, S110 - a broken connection is reopened next time  # nosec B110  # a broken connection is reopened next time
                    pass
            elif outcome == "skipped":
                result.skipped += 1
            else:
                result.failed += 1
    if connection is not None:
        try:
            connection.close()
        except Exception:  # noqa: BLE001, S110  # nosec B110  # a broken connection is reopened next time
            pass
    return result


def next_due(now: datetime) -> datetime | None:
    return (Delivery.objects.filter(status=DeliveryStatus.PENDING)
            .order_by("next_attempt_at").values_list("next_attempt_at", flat=True).first())
