"""The "I feel … when … because I need … Would you …?" sentence, put together from its parts.

Pure functions. The page's module does the same live in the browser; this is the version that
works without JavaScript and the one the API uses. Nuance is kept as the person wrote it:
"a bit" before a word, or two feelings at once ("mixed: relieved and sad").
"""

from __future__ import annotations

import re
from typing import Literal

Nuance = Literal["", "a bit", "quite", "very"]
NUANCES: tuple[Nuance, ...] = ("", "a bit", "quite", "very")
# "not sure", "don't know yet": the honest answer gets its own wording, not "I feel not sure".
UNSURE = re.compile(r"^(?:i'?m |i am )?(?:not sure|unsure|(?:i )?don'?t know)(?: yet)?$", re.I)
UNSURE_OPENING = "I'm not sure yet what I feel"


def feeling_phrase(feeling: str, *, nuance: Nuance = "", also: str = "") -> str:
    """"a bit hurt", or "mixed: relieved and sad" when a second feeling is given."""
    feeling, also = feeling.strip(), also.strip()
    if feeling and also:
        return f"mixed: {feeling} and {also}"
    if feeling and nuance:
        return f"{nuance} {feeling}"
    return feeling


def _clause(text: str) -> str:
    return text.strip().rstrip(".!?").strip()


def compose(*, feeling: str = "", nuance: Nuance = "", also: str = "", when: str = "",
            need: str = "", request: str = "") -> str:
    """The sentence from whichever parts are filled in; "" when none are."""
    parts: list[str] = []
    phrase = feeling_phrase(feeling, nuance=nuance, also=also)
    if UNSURE.match(feeling.strip().replace("\u2019", "'")) and not also.strip():
        first = UNSURE_OPENING
    else:
        first = f"I feel {phrase}" if phrase else ""
    if _clause(when):
        first = f"{first} when {_clause(when)}" if first else f"When {_clause(when)}"
    if _clause(need):
        first = f"{first} because I need {_clause(need)}" if first else f"I need {_clause(need)}"
    if first:
        parts.append(first + ".")
    if _clause(request):
        ask = _clause(request)
        ask = ask[0].lower() + ask[1:]
        for lead in ("would you ", "could you ", "can you "):
            if ask.lower().startswith(lead):
                ask = ask[len(lead):]
        parts.append(f"Would you {ask}?")
    return " ".join(parts)
