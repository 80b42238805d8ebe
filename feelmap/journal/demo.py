"""Demo journal: an entry every few days, short and varied, with the words the person chose.

Called by `feelmap demo`. Entries go through the journal's one write path
(`services.create_entries`), in batches, so years of entries take seconds.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from . import services
from .analysis import SOURCES
from .schemas import JournalEntryIn, JournalLabelIn

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


def generate(user, *, days: int, per_day: int, rng, progress) -> int:  # noqa: ARG001
    """Create journal entries over the last ``days`` days; returns how many.

    Each entry is validated by the same schema as the pages and the API and stored by the
    same service, in batches."""
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    plans: list[tuple[datetime, int]] = []
    day = days - 1 - rng.randint(0, 2)
    while day >= 0:
        when = datetime.combine(today - timedelta(days=day), time(rng.randint(19, 22),
                                                                  rng.randint(0, 59)))
        plans.append((timezone.make_aware(when, tz), rng.randrange(len(SAMPLES))))
        day -= rng.randint(2, 5)
    total = len(plans)
    done = 0
    for start in range(0, total, BATCH):
        batch = plans[start : start + BATCH]
        items = []
        for when, index in batch:
            prompt_id, title, text, words = SAMPLES[index]
            items.append(JournalEntryIn(
                prompt_id=prompt_id or None, title=title,
                body="" if isinstance(text, list) else text,
                steps=text if isinstance(text, list) else [],
                labels=[JournalLabelIn(word=w, added_from=rng.choice(SOURCES)) for w in words],
                minutes_spent=rng.choice((3, 5, 8, 10, 15, 20)),
                written_at=min(when, timezone.now()),
            ))
        services.create_entries(owner=user, items=items)
        done += len(batch)
        progress("journal", done, total)
    if total == 0:
        progress("journal", 0, 0)
    return total
