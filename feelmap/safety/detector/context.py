"""Who and when: weigh what the other layers found by whose words they are and when.

Data: ``data/detector_context.json`` (checked by pydantic when first used). Three ideas:

* **Everyday harm and idioms are negative evidence.** Phrases such as "killing me" about
  shoes, "cut my thumb chopping onions", "counted the tablets to make sure they gave me all
  28", "20 days until the wedding", "slept till noon" or "want this headache to stop" are
  blanked out before any layer reads the text (:func:`everyday`).
* **The writer, now.** Someone else at risk now ("my friend says she wants to end it")
  still gets a gentle offer of help, unless the text reads as care work (a ward, a helpline,
  supervision). Otherwise: Each sentence gets a role (:func:`role`): someone else ("my patient
  told me she wanted to die", "people who self-harm"), a story ("the novel where..."), the
  past ("five years ago I tried...", unless "again", "still", "tonight" or a relapse says it
  is now) or the writer's own. A sentence with the writer's own wish or act ("I lied and said
  no", "myself") stays the writer's even when it names someone else.
* **A plan, a means or a time needs a self-directed harm context** (:func:`has_harm`):
  without one the result is only a gentle check.

* **Round 8.** An everyday reason (leaving a job, moving, a first-aid kit, a present, the
  dentist) sets a finding aside unless explicit words of harm are there too
  (:func:`everyday_reason`); a means got under a cover story, hidden or hoarded
  (:func:`means_under_pretext`) and hitting oneself to cope (:func:`self_hitting`) count as
  risk; a sentence that only speaks of third persons keeps the role of the story or the other
  person before it; a learned-model hit on a short text needs :func:`dark_words`.

* **Round 9.** Everyday uses followed by words of intent stay (:func:`everyday`); a past
  sentence is made "now" by a word of recurrence anywhere, by a plain time word in the same
  sentence, or by one elsewhere only when the text does not say the writer came through
  (:func:`_now`); someone who has died is not at risk now (:func:`bereaved`); a purpose in
  quotation marks after asking for a means is a cover story (:func:`quoted_cover`); short
  requests to someone keep a learned-model guess quiet (:func:`request`).

The engine decides the message level from these (see ``engine.weigh``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from . import frames
from .normalise import sentences

DATA = Path(__file__).resolve().parent.parent / "data" / "detector_context.json"

_LISTS = ("everyday", "other", "fiction", "past", "now", "own", "harm", "care_work", "close", "recovered",
          "reason_everyday", "explicit_harm", "obtain", "pretext", "innocent", "self_hit", "coping",
          "third", "first", "despair", "recur", "bereaved", "intent", "denial", "quote_means", "request")

OWN = "own"
OTHER = "other"
FICTION = "fiction"
PAST = "past"


class ContextFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    about: str
    everyday: tuple[str, ...] = Field(min_length=1)
    other: tuple[str, ...] = Field(min_length=1)
    fiction: tuple[str, ...] = Field(min_length=1)
    past: tuple[str, ...] = Field(min_length=1)
    now: tuple[str, ...] = Field(min_length=1)
    own: tuple[str, ...] = Field(min_length=1)
    harm: tuple[str, ...] = Field(min_length=1)
    care_work: tuple[str, ...] = Field(min_length=1)
    close: tuple[str, ...] = Field(min_length=1)
    recovered: tuple[str, ...] = Field(min_length=1)
    reason_everyday: tuple[str, ...] = Field(min_length=1)
    explicit_harm: tuple[str, ...] = Field(min_length=1)
    obtain: tuple[str, ...] = Field(min_length=1)
    pretext: tuple[str, ...] = Field(min_length=1)
    innocent: tuple[str, ...] = Field(min_length=1)
    self_hit: tuple[str, ...] = Field(min_length=1)
    coping: tuple[str, ...] = Field(min_length=1)
    third: tuple[str, ...] = Field(min_length=1)
    first: tuple[str, ...] = Field(min_length=1)
    despair: tuple[str, ...] = Field(min_length=1)
    recur: tuple[str, ...] = Field(min_length=1)
    bereaved: tuple[str, ...] = Field(min_length=1)
    intent: tuple[str, ...] = Field(min_length=1)
    denial: tuple[str, ...] = Field(min_length=1)
    quote_means: tuple[str, ...] = Field(min_length=1)
    request: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _compiles(self) -> ContextFile:
        for name in _LISTS:
            for p in getattr(self, name):
                try:
                    re.compile(p)
                except re.error as e:
                    raise ValueError(f"{name}: {p[:40]!r} does not compile: {e}") from e
        return self


@dataclass(frozen=True)
class Markers:
    everyday: re.Pattern[str]
    other: re.Pattern[str]
    fiction: re.Pattern[str]
    past: re.Pattern[str]
    now: re.Pattern[str]
    own: re.Pattern[str]
    harm: re.Pattern[str]
    care_work: re.Pattern[str]
    close: re.Pattern[str]
    recovered: re.Pattern[str]
    reason_everyday: re.Pattern[str]
    explicit_harm: re.Pattern[str]
    obtain: re.Pattern[str]
    pretext: re.Pattern[str]
    innocent: re.Pattern[str]
    self_hit: re.Pattern[str]
    coping: re.Pattern[str]
    third: re.Pattern[str]
    first: re.Pattern[str]
    despair: re.Pattern[str]
    recur: re.Pattern[str]
    bereaved: re.Pattern[str]
    intent: re.Pattern[str]
    denial: re.Pattern[str]
    quote_means: re.Pattern[str]
    request: re.Pattern[str]


def _words(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the patterns, starting and ending at word boundaries of normalised text."""
    return re.compile(r"(?<= )(?:" + "|".join(patterns) + r")(?= |$)")


@lru_cache(maxsize=1)
def markers(path: Path = DATA) -> Markers:
    data = ContextFile.model_validate(json.loads(path.read_text(encoding="utf-8")))
    return Markers(
        # An accident or idiom "again" is still one ("nicked myself shaving again").
        everyday=re.compile(r" (?:" + "|".join(data.everyday) + r")(?: again)?(?= |$)"),
        other=_words(data.other),
        fiction=_words(data.fiction),
        past=_words(data.past),
        now=_words(data.now),
        own=_words(data.own),
        harm=_words(data.harm),
        care_work=_words(data.care_work),
        recovered=_words(data.recovered),
        close=re.compile("|".join(f"(?:{p})" for p in data.close)),
        **{name: _words(getattr(data, name)) for name in _LISTS[10:]},
    )


def everyday(norm: str) -> str:
    """Normalised text with everyday uses of risk words replaced by a filler ("#").

    An everyday use followed closely by words of intent ("burned myself with the iron *on
    purpose*", "cut my finger *because I deserve it*") is no accident and stays (round 9).
    """
    m = markers()

    def blank(found: re.Match[str]) -> str:
        after = norm[found.end() : found.end() + 60]
        return found.group(0) if m.intent.search(after) else " #"

    return m.everyday.sub(blank, norm)


def role(sentence: str, text: str = "", through: bool = False) -> str:
    """Whose words and when: :data:`OWN`, :data:`OTHER`, :data:`FICTION` or :data:`PAST`.

    ``text`` is the whole normalised text the sentence is from: a "now" marker anywhere in it
    ("it's creeping back") keeps a past sentence the writer's own. ``through`` says the text as
    written (before everyday phrases were blanked) says the writer came through (round 10).
    """
    m = markers()
    if not m.own.search(sentence) and not frames.joins_in(sentence):
        if m.fiction.search(sentence):
            return FICTION
        if m.other.search(sentence) or frames.about_someone_else(sentence):
            return OTHER
        if m.care_work.search(text or sentence) and frames.work_talk(sentence):
            # Someone's work with people at risk: "a nurse on a ward where patients self-harm".
            return OTHER
        carried = _carried(sentence, text)
        if carried:
            return carried
    if _past(sentence, text, through) and not _now(sentence, text, through):
        return PAST
    return OWN


def _past(sentence: str, text: str, through: bool = False) -> bool:
    """A past sentence: by its own marker, or told in the past tense in a note that frames
    itself as a past the writer has come through (round 10)."""
    m = markers()
    if m.past.search(sentence):
        return True
    whole = text or sentence
    return (frames.past_tense(sentence) and frames.past_note(whole)
            and (through or m.recovered.search(whole) is not None))


def _now(sentence: str, text: str, through: bool = False) -> bool:
    """Whether a past sentence is about now after all (round 9).

    A word of recurrence anywhere ("it's creeping back", "relapsed") makes it now; a plain time
    word ("tonight", "again", "still") does so in the sentence itself, or elsewhere only when the
    text does not say the writer has come through ("... hugged my daughter tonight, life turned
    out good").
    """
    m = markers()
    whole = text or sentence
    if m.recur.search(whole) or m.now.search(sentence):
        return True
    return m.now.search(whole) is not None and m.recovered.search(whole) is None and not through


def close_person(norm: str) -> bool:
    """Whether the text is about someone close (a friend, a son, "he said ...")."""
    return markers().close.search(norm) is not None


def recovered(norm: str) -> bool:
    """Whether the text says the writer has come through ("proud", "it's different now")."""
    return markers().recovered.search(norm) is not None


def story(norm: str) -> bool:
    """Whether the text speaks of a story (a novel, a film, a game, a character)."""
    return markers().fiction.search(norm) is not None


def bereaved(norm: str) -> bool:
    """Whether the text is about someone who has died (they cannot be at risk now)."""
    return markers().bereaved.search(norm) is not None


def care_work(norm: str) -> bool:
    """Whether the text reads as caring for others as work or as a volunteer."""
    return markers().care_work.search(norm) is not None


def has_harm(norm: str) -> bool:
    """Whether the text has words of self-directed harm, for a plan, a means or a time."""
    return markers().harm.search(norm) is not None


def _carried(sentence: str, text: str) -> str:
    """A story's or someone else's role, kept by a sentence that only speaks of them.

    "The novel was long. The old man gives all his things away": the second sentence has no
    word of the writer's ("i", "my", "we") but one of a third person, so it stays the story's.
    """
    m = markers()
    if not text or m.first.search(sentence) or not m.third.search(sentence):
        return ""
    at = text.find(sentence.strip())
    if at <= 0:
        return ""
    parts = sentences(text[:at])
    if not parts:
        return ""
    before = parts[-1]
    if m.own.search(before):
        return ""
    if m.fiction.search(before):
        return FICTION
    if m.other.search(before) or m.care_work.search(before):
        return OTHER
    return _carried(before, text) if m.third.search(before) and not m.first.search(before) else ""


def everyday_reason(norm: str) -> bool:
    """Whether the text gives an everyday reason for its goodbyes, pills or pain, and no
    explicit words of harm ("last day at the depot", "first aid kit", "the dentist")."""
    m = markers()
    return m.reason_everyday.search(norm) is not None and m.explicit_harm.search(norm) is None


def explicit_harm(norm: str) -> bool:
    """Whether the text has explicit words of harm or of not wanting to be alive."""
    return markers().explicit_harm.search(norm) is not None


def reason_everyday(norm: str) -> bool:
    """Whether the text gives an everyday reason (a job, a move, a first-aid kit, a dentist)."""
    return markers().reason_everyday.search(norm) is not None


def means_under_pretext(norm: str) -> bool:
    """Getting a means of harm under a cover story, hidden or stockpiled ("borrowed his rifle
    for the range. I'm not going to the range", "prescriptions filled early at three
    chemists ... for when I decide"), unless an ordinary purpose is given (a present)."""
    m = markers()
    return (
        m.obtain.search(norm) is not None
        and m.pretext.search(norm) is not None
        and (m.innocent.search(norm) is None or m.denial.search(norm) is not None)
    )


# A purpose in quotation marks, written by the person who asked for a means ("borrow his
# rifle "for the roos""): the marks say the reason was a story. Normalising drops the marks,
# so this reads the text as written.
_QUOTED_PURPOSE = re.compile(r"[\"\u201c\u201d\u00ab\u00bb]\s*(?:for|to)\s[^\"\u201c\u201d\u00ab\u00bb\n]{1,80}[\"\u201c\u201d\u00ab\u00bb]")


def quoted_cover(text: str, norm: str) -> bool:
    """A means asked for or got with its purpose in quotation marks (round 9)."""
    m = markers()
    return (
        _QUOTED_PURPOSE.search(text[:20_000]) is not None
        and m.obtain.search(norm) is not None
        and m.quote_means.search(norm) is not None
    )


def self_hitting(norm: str) -> bool:
    """Hitting or banging oneself as a way of coping ("when it gets bad I hit myself")."""
    m = markers()
    return m.self_hit.search(norm) is not None and m.coping.search(norm) is not None


def request(norm: str) -> bool:
    """Whether the text opens as a request to someone ("Would you text me?", "Please ...")."""
    return markers().request.match(norm, 1) is not None


def dark_words(norm: str) -> bool:
    """Whether the text has any word of harm, death or despair (for the learned model)."""
    m = markers()
    return any(p.search(norm) is not None for p in (m.explicit_harm, m.despair))
