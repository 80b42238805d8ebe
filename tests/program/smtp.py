"""A local SMTP server for the worker tests (aiosmtpd), recording what it accepts."""

from __future__ import annotations

import asyncio
import socket
import threading
from email import message_from_bytes

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Recorder:
    """Accepts messages (recording each Message-ID); can refuse the next few, or hold one
    message unanswered until the test says so (to kill the sender mid-send): at its
    recipient (`hold_in = "rcpt"`, before the message text is sent: nothing can have been
    accepted) or after its text (`"data"`, where the sender cannot know whether it was)."""

    def __init__(self) -> None:
        self.accepted: list[str] = []
        self.bodies: list[str] = []
        self.refuse_next = 0
        self.hold_at: int | None = None  # hold the message that would be accepted as number N
        self.hold_in = "data"
        self.holding = threading.Event()
        self.release = threading.Event()

    async def _held(self, stage: str) -> bool:
        if self.hold_in != stage or self.hold_at is None or len(self.accepted) + 1 != self.hold_at:
            return False
        self.hold_at = None
        self.holding.set()
        while not self.release.is_set():  # the sender is killed meanwhile
            await asyncio.sleep(0.01)
        return True

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's hook name
        if await self._held("rcpt"):
            return "451 4.3.0 Connection lost before the message"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        if self.refuse_next:
            self.refuse_next -= 1
            return "451 4.3.0 Please try again later"
        if await self._held("data"):
            return "451 4.3.0 Connection lost before acceptance"
        parsed = message_from_bytes(envelope.content)
        self.accepted.append(parsed["Message-ID"])
        self.bodies.append(parsed.get_payload())
        return "250 OK"


class LocalSMTP:
    def __init__(self) -> None:
        self.port = free_port()
        self.recorder = Recorder()
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> LocalSMTP:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.recorder.release.set()
        self.controller.stop()
