"""A gentle offer of help when something a person wrote sounds like they may not be safe.

Services that save free text (journal entries, practice notes) call `help_level` inside the
write and hand the level back; pages then call `offer_help(request, level)` and the API returns
it (`offer_help`, `help_level`). Views that still check on their own call
`offer_help_if_needed`. The base template shows the message with a link to the crisis page.
Two levels (see ``detector``): clear risk gets the full message; weak evidence (only the
learned model, someone else's words, a plan or a means without words of harm) gets a softer,
optional check. Both carry the same crisis link. The text itself is never logged or stored.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest

from .detector import GENTLE, STRONG, check

SAFETY_TAG = "safety"
GENTLE_TAG = "safety gentle"
MESSAGE = (
    "Some of what you wrote sounds like you might be going through something very hard. "
    "Nobody at Feelmap reads what you write, and you don't have to handle it alone: people are "
    "ready to talk, any time."
)
GENTLE_MESSAGE = (
    "If any of this is about not wanting to be here, help is one click away."
)


def help_level(*texts: str) -> str:
    """"strong", "gentle" or "" (no offer) for what a person wrote: the clearest level wins.
    Services call this inside a write; the page (`offer_help`) or the API tells the person."""
    level = ""
    for text in texts:
        if not text:
            continue
        found = check(text)
        if found.level == STRONG:
            return STRONG
        if found.risk:
            level = GENTLE
    return level


def offer_help(request: HttpRequest, level: str) -> None:
    """Queue the offer of help for the next page at this level ("" queues nothing)."""
    if level == STRONG:
        messages.warning(request, MESSAGE, extra_tags=SAFETY_TAG)
    elif level == GENTLE:
        messages.info(request, GENTLE_MESSAGE, extra_tags=GENTLE_TAG)


def offer_help_if_needed(request: HttpRequest, *texts: str) -> bool:
    """True (and a message queued for the next page) if any text shows risk language."""
    level = help_level(*texts)
    offer_help(request, level)
    return bool(level)
