"""The task protocols as plain data: trial lengths and tone timing (pure, tested).

Counting, Hart variant (Hart et al. 2013; Garfinkel et al. 2015): a practice trial, then six
trials of 25, 30, 35, 40, 45 and 50 s in random order. Schandry (1981): 25, 35, 45 s.
Discrimination: each trial plays tones on the person's next beats, either in time (at the
felt moment of the beat) or about 300 ms later.
"""

from __future__ import annotations

import random

HART_SECONDS = (25, 30, 35, 40, 45, 50)
SCHANDRY_SECONDS = (25, 35, 45)
PRACTICE_SECONDS = 15
QUICK_SECONDS = (3, 4, 5, 3, 4, 5)  # a quick run-through of the page, labelled as such
GUESS_SECONDS = 30
GUESS_SECONDS_QUICK = 12

TONES_PER_TRIAL = 8
DELAY_MS = 300
# When a beat is felt, after the heart's electrical beat (R wave): about 200-250 ms. A strap
# reports the R wave, so in-time tones sound 200 ms after it. A fingertip pulse peak arrives
# about 250-300 ms after the R wave, so in-time tones sound 50 ms before it (predicted).
TRANSIT_MS = {"strap": 200, "simulated": 200, "camera": -50}
DISCRIMINATION_TRIALS = 16
DISCRIMINATION_TRIALS_QUICK = 4


def counting_plan(*, quick: bool = False, rng: random.Random | None = None) -> dict[str, object]:
    pick = rng or random.Random()  # noqa: S311 - the order only needs to vary, not be secret  # nosec B311  # trial order only needs to vary, not be secret
    hart = list(QUICK_SECONDS if quick else HART_SECONDS)
    schandry = list(QUICK_SECONDS[:3] if quick else SCHANDRY_SECONDS)
    pick.shuffle(hart)
    return {
        "practice": 3 if quick else PRACTICE_SECONDS,
        "hart": hart,
        "schandry": schandry,
    }


def discrimination_plan(*, quick: bool = False, rng: random.Random | None = None) -> dict[str, object]:
    pick = rng or random.Random()  # noqa: S311  # nosec B311  # trial order only needs to vary, not be secret
    count = DISCRIMINATION_TRIALS_QUICK if quick else DISCRIMINATION_TRIALS
    delayed = [i % 2 == 1 for i in range(count)]  # half and half, in random order
    pick.shuffle(delayed)
    return {
        "delayed": delayed,
        "tones": 4 if quick else TONES_PER_TRIAL,
        "delay_ms": DELAY_MS,
        "transit_ms": TRANSIT_MS,
    }
