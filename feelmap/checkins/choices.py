"""Common answers offered in a check-in. Keys are stored; labels are shown."""

from __future__ import annotations

DOING: tuple[tuple[str, str], ...] = (
    ("working", "Working or studying"),
    ("resting", "Resting"),
    ("eating", "Eating"),
    ("moving", "Exercise or moving"),
    ("travelling", "On the way somewhere"),
    ("chores", "Chores or errands"),
    ("screen", "On my phone or a screen"),
    ("talking", "Talking with someone"),
    ("waking", "Just woke up"),
    ("bedtime", "Getting ready for sleep"),
)
WITH_WHOM: tuple[tuple[str, str], ...] = (
    ("alone", "Alone"),
    ("partner", "Partner"),
    ("family", "Family"),
    ("friends", "Friends"),
    ("colleagues", "Colleagues or classmates"),
    ("strangers", "Strangers or a crowd"),
    ("online", "Someone online or on the phone"),
)
WHERE: tuple[tuple[str, str], ...] = (
    ("home", "Home"),
    ("work", "Work or school"),
    ("outside", "Outside"),
    ("transport", "Car, bus or train"),
    ("shop", "Shop or café"),
    ("someone-else", "Someone else's place"),
    ("care", "Doctor, therapy or hospital"),
)
CONTEXT_CHOICES: dict[str, tuple[tuple[str, str], ...]] = {
    "doing": DOING,
    "with_whom": WITH_WHOM,
    "where": WHERE,
}

# Five pleasant and five unpleasant emotions, all vocabulary words, rated 0-6 for the
# granularity measure (how differently a person rates related emotions over time).
DEFAULT_RATINGS: tuple[str, ...] = (
    "happy", "calm", "grateful", "interested", "proud",
    "sad", "anxious", "angry", "ashamed", "lonely",
)
RATING_SCALE = (0, 6)
RATING_WORDS = {0: "not at all", 3: "somewhat", 6: "very much"}


def label_for(field: str, key: str) -> str:
    return dict(CONTEXT_CHOICES[field]).get(key, key)
