"""Demo journal: an entry every few days, short and varied, with the words the person chose.

Called by `feelmap demo`. Entries are built in memory and written with bulk_create in batches
(labels after their entries, which get their ids back), so years of entries take seconds.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from feelmap.lexicon.vocabulary import load_vocabulary

from .models import EntryLabel, JournalEntry

BATCH = 500

# (prompt id or "", title, body or reframing answers, feeling words)
SAMPLES: tuple[tuple[str, str, str | list[str], tuple[str, ...]], ...] = (
    ("", "", "Nothing much today. I went to work, came home, ate in front of the TV. "
     "I can't really say what I felt. Flat, maybe.", ("numb",)),
    ("labeling-one-word", "One word", "Tense. My shoulders were up near my ears all "
     "afternoon and I kept checking my phone.", ("on edge", "anxious")),
    ("body-where-is-it", "", "There's a tight band across my chest and my stomach feels "
     "like it dropped. It started after the call with my mother.", ("anxious", "hurt")),
    ("expressive-worry", "The thing I keep coming back to", "I keep thinking about the "
     "appointment next week. What if they tell me it's worse? I haven't told anyone "
     "because saying it out loud makes it real. Writing it down is a bit easier.",
     ("worried", "afraid")),
    ("narrative-went-well", "A small good thing", "I fixed the bike myself. It took two "
     "hours and a video, and when it worked I laughed out loud in the hallway.",
     ("proud", "happy")),
    ("reframing-moment-that-stung", "", [
        "My friend didn't answer my message all weekend.",
        "She's had enough of me.",
        "Hurt, maybe 6. A heavy feeling in my chest.",
        "She told me last month that weekends are busy with her kids.",
        "About 3 now.",
    ], ("hurt", "lonely")),
    ("", "Sunday evening", "Sunday evening again and the week is sitting on me already. "
     "Emails I haven't answered, the meeting on Tuesday.", ("dreading",)),
    ("labeling-which-kind", "", [
        "Bad.", "Disappointed, lonely, or irritated.", "Disappointed.", "6 out of 10.",
    ], ("disappointed",)),
    ("body-okay-place", "", "Sitting in the sun on the bench by the river. My hands are "
     "warm and my breathing is slow. Nothing needs doing right now.", ("calm", "content")),
    ("", "", "Snapped at my brother over nothing. My jaw was clenched and my face went hot. "
     "Afterwards I felt bad about it.", ("irritated", "guilty")),
    ("narrative-someone-helped", "Ana", "Ana sat with me at the bus stop and didn't try "
     "to fix anything. I didn't expect how much that would mean.", ("grateful", "loved")),
    ("labeling-numb", "", "Foggy. Like there's glass between me and everything. I know "
     "things are happening but they don't reach me.", ("numb", "disconnected")),
    ("", "Job news", "I got the interview! I can't sit still, my heart is going fast, "
     "half excited and half terrified.", ("excited", "nervous")),
    ("reframing-inner-critic", "", [
        "I forgot to send the report on time.",
        "I'm useless, I always mess things up.",
        "Ashamed, 7. My face got hot.",
        "I sent it an hour late, once, and nobody minded.",
    ], ("ashamed", "embarrassed")),
    ("body-tension", "", "Headache behind my eyes and my neck is stiff. I think I've been "
     "holding my breath in meetings.", ("stressed", "overwhelmed")),
    ("expressive-unsaid", "Something I never said", "I never told Dad that I was scared of "
     "him when he drank. I'm not angry any more, mostly sad that we never talked.",
     ("sad", "afraid")),
    ("", "", "Cooked dinner for friends. The kitchen was loud and warm. I felt like I "
     "belonged there.", ("happy", "connected")),
    ("labeling-moment-today", "", "When the train stopped in the tunnel I felt trapped. "
     "Heart pounding, hands sweaty. It passed after the lights came back.", ("afraid",)),
)


def _known(words: tuple[str, ...]) -> list[tuple[str, str]]:
    vocabulary = load_vocabulary()
    out = []
    for w in words:
        found = vocabulary.by_word(w)
        if found is not None and found.word not in [x for x, _ in out]:
            out.append((found.word, found.family))
    return out


def generate(user, *, days: int, per_day: int, rng, progress) -> int:  # noqa: ARG001
    """Create journal entries over the last ``days`` days; returns how many."""
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    plans: list[tuple[datetime, int]] = []
    day = days - 1 - rng.randint(0, 2)
    while day >= 0:
        when = datetime.combine(today - timedelta(days=day), time(rng.randint(19, 22),
                                                                  rng.randint(0, 59)))
        plans.append((timezone.make_aware(when, tz), rng.randrange(len(SAMPLES))))
        day -= rng.randint(2, 5)
    labels_of = {i: _known(s[3]) for i, s in enumerate(SAMPLES)}
    total = len(plans)
    done = 0
    for start in range(0, total, BATCH):
        batch = plans[start : start + BATCH]
        entries = []
        for when, index in batch:
            prompt_id, title, text, _ = SAMPLES[index]
            entry = JournalEntry(
                owner=user, prompt_id=prompt_id, title=title, written_at=when,
                minutes_spent=rng.choice((3, 5, 8, 10, 15, 20)),
            )
            if isinstance(text, list):
                entry.steps = text
            else:
                entry.body = text
            entries.append(entry)
        JournalEntry.objects.bulk_create(entries)
        EntryLabel.objects.bulk_create(
            [
                EntryLabel(entry=entry, word=word, family=family,
                           added_from=rng.choice(("suggestion", "own", "highlight")))
                for entry, (_, index) in zip(entries, batch, strict=True)
                for word, family in labels_of[index]
            ]
        )
        done += len(batch)
        progress("journal", done, total)
    if total == 0:
        progress("journal", 0, 0)
    return total
