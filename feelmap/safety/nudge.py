"""A gentle offer of help when something a person wrote sounds like they may not be safe.

Views that save free text (check-in notes, journal entries, role-play drafts) call
`offer_help_if_needed`; the base template shows the message with a link to the crisis page.
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


def needs_help(*texts: str) -> bool:
    """True if any text shows risk language. For services: they decide, the page or the API
    tells the person (`offer_help` for a page)."""
    return any(text and check(text).risk for text in texts)


def offer_help(request) -> None:
    """Queue the offer of help for the next page."""
    messages.warning(request, MESSAGE, extra_tags=SAFETY_TAG)


def offer_help_if_needed(request, *texts: str) -> bool:
    """True (and a message queued for the next page) if any text shows risk language."""
    if needs_help(*texts):
        offer_help(request)
        return True
    return False
