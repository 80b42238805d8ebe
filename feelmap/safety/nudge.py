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
    "Some of what you wrote sounds like you might be going through something very hard. "
    "Nobody at Feelmap reads what you write, and you don't have to handle it alone: people are "
    "ready to talk, any time."
)


def offer_help_if_needed(request, *texts: str) -> bool:
    """True (and a message queued for the next page) if any text shows risk language."""
    for text in texts:
        if text and check(text).risk:
            messages.warning(request, MESSAGE, extra_tags=SAFETY_TAG)
            return True
    return False
