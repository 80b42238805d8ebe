"""The reminder worker: the database is the queue.

Each pass:
1. plan: for every person with e-mail reminders on, add a `Delivery` row for each reminder
   time that came round since the last pass (at most PLAN_WINDOW ago, and never before the
   settings were last saved). (owner, purpose, due_at) is unique, so planning twice adds nothing.
2. release: claims whose lease ran out, or whose worker process on this host is gone (after a
   SIGKILL), go back to the queue; rows such a worker was in the middle of sending become
   `unsure` (see below).
3. claim: a few due rows move from pending to claimed with a conditional update inside a
   transaction, so two workers never take the same row.
4. send: each claimed row is checked again (quiet hours, too late, nothing to remind) and
   sent; success records `sent` at once; a refusal by the server puts the row back with a
   backoff (1, 2, 4 … minutes) until MAX_ATTEMPTS, then `failed`.

At most once, deliberately: a missed reminder is better for a person than the same nudge twice.
Only the end of the SMTP conversation decides whether the server took a message: once the
message text is on its way (the DATA command) the server may accept it at any instant, and a
worker killed from then until it records `sent` cannot tell whether it did. So, in its own
committed transaction, the row moves from `claimed` to `sending` (with `attempted_at`) just
before DATA, and to `sent` after the server's "250". What a kill leaves behind:
- `claimed` (killed before DATA: the server cannot have accepted anything): released at the
  next start and sent then;
- `sending` (killed during or after DATA): released as `unsure`, "maybe sent", and never sent
  again. The worst case is one reminder that did not arrive.
A failure the worker sees is decided by what it knows: the server refused (a 4xx/5xx reply,
or an error before DATA) means nothing was accepted, so the row is retried; the connection
lost during DATA means maybe sent, so `unsure`. With a mail backend other than SMTP (console,
file, in-memory) the `sending` mark is made just before the message is handed over.
"""

from __future__ import annotations

import os
import smtplib
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import transaction
from django.db.models import F
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
    unsure: int = 0
    notes: list[str] = field(default_factory=list)


class NotOurs(Exception):
    """The row is no longer this worker's (its lease ran out and another worker released it):
    the message is not handed to the server."""


class _MarksData:
    """Mixed into smtplib's client: calls `before_data` just before the DATA command, the
    moment from which the server may accept the message."""

    before_data: Callable[[], None] | None = None

    def data(self, msg):
        if self.before_data is not None:
            self.before_data()
        return super().data(msg)  # type: ignore[misc]  # smtplib.SMTP is the other base


class _SMTP(_MarksData, smtplib.SMTP):
    pass


class _SMTPSSL(_MarksData, smtplib.SMTP_SSL):
    pass


class ReminderSMTPBackend(SMTPBackend):
    """Django's SMTP backend, with a hook (`before_data`) at the start of DATA."""

    before_data: Callable[[], None] | None = None

    @property
    def connection_class(self):
        return _SMTPSSL if self.use_ssl else _SMTP

    def open(self):
        opened = super().open()
        if isinstance(self.connection, _MarksData):
            self.connection.before_data = self._before_data
        return opened

    def _before_data(self) -> None:
        if self.before_data is not None:
            self.before_data()


def mail_connection():
    """The connection reminders go out through: the SMTP backend with the DATA hook when the
    site sends over SMTP, else the configured backend as it is."""
    if settings.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend":
        return ReminderSMTPBackend(fail_silently=False)
    return get_connection(fail_silently=False)


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
    """Put back claims whose lease ran out or whose process on this host is gone; what such a
    worker was in the middle of sending becomes `unsure` (maybe sent) and is not sent again."""
    host = socket.gethostname()
    stale: dict[str, list[int]] = {DeliveryStatus.CLAIMED: [], DeliveryStatus.SENDING: []}
    for pk, state, owner, until in Delivery.objects.filter(
            status__in=list(stale)).values_list("pk", "status", "claimed_by", "claimed_until"):
        if owner == me:
            continue
        name, _, pid = owner.rpartition(":")
        dead_here = name == host and pid.isdigit() and not _pid_alive(int(pid))
        if dead_here or until is None or until < now:
            stale[state].append(pk)
    count = 0
    if stale[DeliveryStatus.CLAIMED]:
        count = Delivery.objects.filter(
            pk__in=stale[DeliveryStatus.CLAIMED], status=DeliveryStatus.CLAIMED).update(
            status=DeliveryStatus.PENDING, claimed_by="", claimed_until=None)
        if count:
            say(f"released {count} reminder{'s' if count != 1 else ''} "
                "left claimed by a stopped worker")
    if stale[DeliveryStatus.SENDING]:
        unsure = Delivery.objects.filter(
            pk__in=stale[DeliveryStatus.SENDING], status=DeliveryStatus.SENDING).update(
            status=DeliveryStatus.UNSURE, claimed_by="", claimed_until=None,
            last_error="the worker stopped while sending: maybe sent, so not sent again")
        if unsure:
            say(f"{unsure} reminder{'s' if unsure != 1 else ''} maybe sent by a stopped worker: "
                "not sending again")
        count += unsure
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


def _finish(pk: int, me: str, *, held: str = DeliveryStatus.CLAIMED, **changes) -> bool:
    with transaction.atomic():
        return bool(Delivery.objects.filter(pk=pk, claimed_by=me, status=held)
                    .update(claimed_by="", claimed_until=None, **changes))


def _mark_sending(pk: int, me: str, now: datetime) -> None:
    """claimed -> sending, committed before the message goes to the server."""
    with transaction.atomic():
        moved = Delivery.objects.filter(pk=pk, claimed_by=me, status=DeliveryStatus.CLAIMED).update(
            status=DeliveryStatus.SENDING, attempted_at=now, claimed_until=now + LEASE,
            attempts=F("attempts") + 1)
    if not moved:
        raise NotOurs(f"reminder {pk} is no longer claimed by {me}")


def _record_sent(pk: int, me: str, attempts: int) -> bool:
    """sending -> sent, once the server said it accepted the message."""
    return _finish(pk, me, held=DeliveryStatus.SENDING, status=DeliveryStatus.SENT,
                   attempts=attempts, sent_at=timezone.now(), last_error="")


def _refused(exc: BaseException) -> bool:
    """Whether the server answered "no" (so it holds no copy): a 4xx/5xx reply, or recipients
    refused. A dropped connection or a timeout is not a refusal."""
    return isinstance(exc, smtplib.SMTPResponseException | smtplib.SMTPRecipientsRefused)


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
    attempts = delivery.attempts + 1
    marked = False

    def mark() -> None:
        nonlocal marked
        _mark_sending(pk, me, now)
        marked = True

    staged = isinstance(connection, ReminderSMTPBackend)
    try:
        message = message_for(delivery, found, purposes)
        message.connection = connection
        if staged:
            connection.before_data = mark
        else:
            mark()
        message.send(fail_silently=False)
    except NotOurs:
        say(f"reminder {pk} was released while this worker held it: left to the other worker")
        return "lost"
    except Exception as exc:  # noqa: BLE001 - any SMTP or network error: decided below
        error = f"{type(exc).__name__}: {exc}"[:300]
        held = DeliveryStatus.SENDING if marked else DeliveryStatus.CLAIMED
        if marked and not _refused(exc):
            # The message was on its way and the server did not say no: maybe it has it.
            _finish(pk, me, held=held, status=DeliveryStatus.UNSURE, attempts=attempts,
                    last_error=f"maybe sent, so not sent again: {error}"[:300])
            say(f"reminder {pk} maybe sent (the connection ended during sending): {error}; "
                "not sending it again")
            return "unsure"
        if attempts >= MAX_ATTEMPTS:
            _finish(pk, me, held=held, status=DeliveryStatus.FAILED, attempts=attempts,
                    last_error=error)
            say(f"gave up on reminder {pk} after {attempts} attempts: {error}")
            return "failed"
        wait = backoff_seconds(attempts)
        _finish(pk, me, held=held, status=DeliveryStatus.PENDING, attempts=attempts,
                last_error=error, next_attempt_at=now + timedelta(seconds=wait))
        say(f"could not send reminder {pk} (attempt {attempts}): {error}; retry in {wait} s")
        return "retry"
    finally:
        if staged:
            connection.before_data = None
    if not marked:  # a backend that never reached DATA yet reported no error: nothing went out
        _finish(pk, me, status=DeliveryStatus.PENDING, attempts=attempts,
                last_error="the mail backend did not send", next_attempt_at=now +
                timedelta(seconds=backoff_seconds(attempts)))
        say(f"reminder {pk} was not handed to the server; retry later")
        return "retry"
    _record_sent(pk, me, attempts)
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
            connection = mail_connection()
        for index, pk in enumerate(ids):
            if should_stop():
                unclaim(ids[index:], me)
                break
            outcome = send_one(pk, now_fn() if now_fn else now, me, say, connection)
            if outcome == "sent":
                result.sent += 1
            elif outcome in ("retry", "unsure", "lost"):
                if outcome == "retry":
                    result.retrying += 1
                elif outcome == "unsure":
                    result.unsure += 1
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
