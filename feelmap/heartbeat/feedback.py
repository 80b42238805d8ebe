"""Plain words about a heartbeat session: what the numbers mean, and what they cannot say.

Pure functions over plain numbers (tested without a database). Never diagnosing, never
shaming: a low score is a starting point for practice, and the limits are said every time.
"""

from __future__ import annotations

LIMITS_COUNTING = (
    "What this can and cannot say: counting scores go up when people estimate from the time "
    "or from what they believe their heart rate is, rather than from beats they feel, so a "
    "score is not a pure measure of feeling your heartbeat. It changes with the device and "
    "the day, and it says nothing about your health or about who you are. Use it as practice "
    "with feedback, and look at the trend more than at one day."
)
LIMITS_DISCRIMINATION = (
    "What this can and cannot say: telling in-time from delayed tones is hard for most "
    "people, and half right is what guessing gives. Getting more right over several sessions "
    "is what practice aims for; one session says little, and it says nothing about your "
    "health."
)
LIMITS_GUESS = (
    "A guess close to the measured rate can come from knowing your usual heart rate as much "
    "as from feeling it. Both are useful to know."
)


def percent(value: float) -> str:
    return f"{round(value * 100)}%"


def counting_words(accuracy: float, method: str, guess_accuracy: float | None,
                   awareness: float | None, scored_trials: int) -> list[str]:
    name = "Hart" if method == "hart" else "Schandry"
    words = [
        f"Your counting score is {accuracy:.2f} ({name} formula: 1 means every count matched "
        "the recorded beats; it can go below 0 when counts are far off)."
    ]
    if accuracy >= 0.85:
        words.append("Your counts were close to the recorded beats.")
    elif accuracy >= 0.5:
        words.append("Your counts were partly close to the recorded beats. Many people land here.")
    else:
        words.append(
            "Your counts were quite different from the recorded beats. That is common, "
            "especially when you only count beats you really feel, as the instructions ask."
        )
    if guess_accuracy is not None:
        compare = "higher than" if guess_accuracy > accuracy + 0.02 else (
            "lower than" if guess_accuracy < accuracy - 0.02 else "about the same as")
        words.append(
            f"Counting from your guessed heart rate alone would have scored {guess_accuracy:.2f}, "
            f"{compare} your counts. When a guess scores as well as counting, the score may say "
            "more about knowing your heart rate than about feeling it."
        )
    if awareness is None:
        words.append(
            f"Whether your confidence follows how accurate you were needs at least six scored "
            f"trials; this session had {scored_trials}."
        )
    elif awareness > 0.3:
        words.append("Your confidence tended to be higher on the trials where your count was closer.")
    elif awareness < -0.3:
        words.append("Your confidence tended to be higher on trials where your count was further off.")
    else:
        words.append("Your confidence did not clearly follow how close your counts were.")
    words.append(LIMITS_COUNTING)
    return words


def discrimination_words(share_correct: float, trials: int, awareness: float | None) -> list[str]:
    words = [f"You chose right in {percent(share_correct)} of {trials} trials (50% is chance)."]
    if trials < 10:
        words.append("With so few trials this could easily be chance either way.")
    elif share_correct >= 0.7:
        words.append("That is clearly better than guessing.")
    else:
        words.append("That is close to what guessing gives, which is where most people start.")
    if awareness is not None:
        words.append(
            f"How well your confidence told right answers from wrong ones: {awareness:.2f} "
            "(0.5 is no better than chance, 1 is perfect)."
        )
    words.append(LIMITS_DISCRIMINATION)
    return words


def guess_words(guess_bpm: int, measured_bpm: float) -> list[str]:
    gap = guess_bpm - measured_bpm
    if abs(gap) < 5:
        first = f"Your guess of {guess_bpm} was within 5 beats a minute of the {measured_bpm:.0f} measured."
    else:
        direction = "above" if gap > 0 else "below"
        first = (f"Your guess of {guess_bpm} was {abs(gap):.0f} beats a minute {direction} the "
                 f"{measured_bpm:.0f} measured. People often guess their heart is slower than it is.")
    return [first, LIMITS_GUESS]
