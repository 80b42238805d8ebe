"""A gentle offer of help when something a person wrote sounds like they may not be safe.

Services that save free text (journal entries, practice notes) call `sounds_unsafe` inside the
write and hand the answer back; pages then call `offer_help`, the API returns `offer_help`.
Views that still check on their own call `offer_help_if_needed`. The base template shows the
message with a link to the crisis page.
The text itself is never logged or stored by this check.
"""

from __future__ import annotations

from django.contrib import messages

from .detector import check

SAFETY_TAG = "safety"
MESSAGE = (
    "Thank you for writing this down. Some of what you wrote sounds like you might be going "
    "through something very hard. You don't have to handle it alone: people are ready to talk, "
    "any time."
)


def sounds_unsafe(*texts: str) -> bool:
    """True if any text shows risk language. Services call this inside every write of free
    text, so the pages and the API learn it alike (the API returns it as `offer_help`)."""
    return any(text and check(text).risk for text in texts)


def offer_help(request) -> None:
    """Queue the gentle offer of help for the next page."""
    messages.warning(request, MESSAGE, extra_tags=SAFETY_TAG)


def offer_help_if_needed(request, *texts: str) -> bool:
    """True (and a message queued for the next page) if any text shows risk language."""
    if sounds_unsafe(*texts):
        offer_help(request)
        return True
    return False
