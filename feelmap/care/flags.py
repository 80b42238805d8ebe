"""Pure rules for the clinician's dashboard flags, over plain data (no database).

Each flag says in plain words what it means; none is a diagnosis. Reliable deterioration uses
what the questionnaires app already judges: the PHQ-9's published NHS Talking Therapies rule
(a rise of 6 points or more) and the GAD-7's reliable change (about 4 points), both from the
earliest to the latest score.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

SILENCE_DAYS = 14

# key -> (title, explanation in plain words, the grant it needs in words)
FLAGS: dict[str, tuple[str, str]] = {
    "item9": ("Question 9 of the PHQ-9",
              "The latest PHQ-9 has question 9 (thoughts of being better off dead or of hurting "
              "themselves) answered above \"Not at all\". Feelmap showed them crisis contacts at "
              "once."),
    "language": ("Words of self-harm",
                 "Something they wrote in a shared part (journal, check-ins or saying-it "
                 "practices) used clear words about not wanting to live or about hurting "
                 "themselves. Feelmap offered them help; it keeps no copy of the words here."),
    "deterioration": ("Scores rose reliably",
                      "A questionnaire score has risen since the first one by at least the "
                      "published amount for a reliable change (PHQ-9: 6 points; GAD-7: about "
                      "4 points). Higher means more symptoms."),
    "silence": ("No activity for 14 days",
                "Nothing new in what they share with you for 14 days or more. It may mean "
                "nothing; people take breaks."),
}


def reliably_worse(series: Sequence[tuple[str, float, float, datetime]],
                   judge: Callable[[str, float, float], bool]) -> datetime | None:
    """(instrument, first total, latest total, latest moment) per instrument: the latest moment
    among instruments whose latest score is reliably worse than their first (judge(instrument,
    before, after) -> bool), or None."""
    found = [at for instrument, first, last, at in series if judge(instrument, first, last)]
    return max(found) if found else None


def silent_since(last_activity: datetime | None, now: datetime) -> datetime | None:
    """The last activity when it is SILENCE_DAYS or more ago (the flag's evidence), else None."""
    if last_activity is not None and now - last_activity >= timedelta(days=SILENCE_DAYS):
        return last_activity
    return None
