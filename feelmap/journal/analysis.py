"""Naming help while writing: pure glue between a text and the suggestion engine.

No database here. Callers pass the text and the person's history (past entries with the
words they chose); the answer is plain data for the write page, the entry page and the API:
emotion words already written (with inflections), vague words with more precise
alternatives, and suggested words with their definitions and the reason for each.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from feelmap.lexicon.suggest import get_engine
from feelmap.lexicon.vocabulary import Vocabulary, Word, load_vocabulary

# Text beyond this is not analysed (the entry itself can be longer): it keeps the answer fast
# however much someone writes in one go.
MAX_ANALYSED_CHARS = 20_000
MAX_LABELS = 12
DEFAULT_TOP = 6

History = Sequence[tuple[str, Sequence[str]]]


def slug(word: str) -> str:
    """The word-page slug: "shut down" → "shut-down"."""
    return "-".join(word.lower().split())


def _family_label(vocabulary: Vocabulary, key: str) -> str:
    try:
        return vocabulary.family(key).label
    except (KeyError, LookupError):
        return key.title()


def _word_info(vocabulary: Vocabulary, word: str) -> dict[str, Any]:
    found = vocabulary.by_word(word)
    family = found.family if found else ""
    return {
        "word": found.word if found else word,
        "family": family,
        "family_label": _family_label(vocabulary, family) if family else "",
        "definition": found.definition if found else "",
        "slug": slug(found.word if found else word),
        # A heavy word (hopeless, worthless...) comes with a kind note and the way to help.
        "note": found.note if found else None,
        "offer_help": bool(found and found.offer_help),
    }


def bound(text: object) -> tuple[str, bool]:
    """The part of the text that is analysed, and whether anything was left out."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if len(text) <= MAX_ANALYSED_CHARS:
        return text, False
    return text[:MAX_ANALYSED_CHARS], True


def emotion_words(text: str, *, engine=None, vocabulary: Vocabulary | None = None) -> list[dict]:
    """Emotion words written in the text, in order, with where they are and what they mean.

    Inflections count ("anger", "angrier" → angry). A negated word ("not angry") is still a
    word the person used; it is marked so the page can say "not …" rather than hide it.
    """
    engine = engine or get_engine()
    vocabulary = vocabulary or load_vocabulary()
    out = []
    for m in engine.find_emotion_words(text):
        info = _word_info(vocabulary, m.word)
        info.update(form=m.form, start=m.start, end=m.end, negated=m.negated, family=m.family)
        info["family_label"] = _family_label(vocabulary, m.family)
        out.append(info)
    return out


def preview_segments(text: str, highlights: Iterable[dict]) -> list[dict]:
    """The text cut into plain and highlighted pieces, for a read-only preview.

    Pages render these as text nodes and <mark> elements, so nothing the person wrote is ever
    treated as markup.
    """
    segments: list[dict] = []
    at = 0
    for h in sorted(highlights, key=lambda h: h["start"]):
        if h["start"] < at:
            continue  # overlapping matches: keep the first
        if h["start"] > at:
            segments.append({"text": text[at : h["start"]]})
        segments.append(
            {"text": text[h["start"] : h["end"]], "word": h["word"], "family": h["family"],
             "family_label": h["family_label"], "negated": h["negated"]}
        )
        at = h["end"]
    if at < len(text):
        segments.append({"text": text[at:]})
    return segments


def vague_words(text: str, *, engine=None, vocabulary: Vocabulary | None = None) -> list[dict]:
    """Vague words ("bad", "off", "stressed") with a gentle question and precise alternatives.

    Each vague word appears once, however often it was written.
    """
    engine = engine or get_engine()
    vocabulary = vocabulary or load_vocabulary()
    out: list[dict] = []
    seen: set[str] = set()
    for v in engine.vague_alternatives(text):
        key = v.word.lower()
        if key in seen:
            continue
        seen.add(key)
        alternatives = [
            _word_info(vocabulary, a) for a in v.alternatives if vocabulary.by_word(a) is not None
        ]
        if alternatives:
            out.append({"word": v.word, "start": v.start, "end": v.end,
                        "question": v.question, "alternatives": alternatives})
    return out


def suggestions(
    text: str,
    *,
    history: History = (),
    chosen: Iterable[str] = (),
    top: int = DEFAULT_TOP,
    engine=None,
    vocabulary: Vocabulary | None = None,
) -> list[dict]:
    """Words for what the text describes, best first, leaving out words already chosen."""
    engine = engine or get_engine()
    vocabulary = vocabulary or load_vocabulary()
    chosen_set = {c.lower() for c in chosen}
    found = engine.suggest(text, history=list(history), top=top + len(chosen_set))
    out = []
    for s in found:
        if s.word.lower() in chosen_set:
            continue
        info = _word_info(vocabulary, s.word)
        info.update(family=s.family, family_label=_family_label(vocabulary, s.family),
                    score=round(s.score, 3), why=s.why)
        out.append(info)
        if len(out) == top:
            break
    return out


def analyse(
    text: object,
    *,
    history: History = (),
    chosen: Iterable[str] = (),
    top: int = DEFAULT_TOP,
    engine=None,
    vocabulary: Vocabulary | None = None,
) -> dict[str, Any]:
    """Everything the write page shows beside the text, as plain JSON-ready data."""
    engine = engine or get_engine()
    vocabulary = vocabulary or load_vocabulary()
    analysed, truncated = bound(text)
    chosen = list(chosen)
    highlights = emotion_words(analysed, engine=engine, vocabulary=vocabulary)
    used: dict[str, dict] = {}
    for h in highlights:
        if not h["negated"]:
            used.setdefault(h["word"], {k: h[k] for k in
                                        ("word", "family", "family_label", "definition", "slug",
                                         "note", "offer_help")})
    return {
        "highlights": highlights,
        "words_used": list(used.values()),
        "segments": preview_segments(analysed, highlights),
        "vague": vague_words(analysed, engine=engine, vocabulary=vocabulary),
        "suggestions": suggestions(analysed, history=history, chosen=chosen, top=top,
                                   engine=engine, vocabulary=vocabulary),
        "truncated": truncated,
        "analysed_chars": len(analysed),
    }


# --- labels ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Label:
    word: str
    family: str
    added_from: str


SOURCES = ("suggestion", "own", "highlight")


def split_labels(raw: object) -> list[str]:
    """A comma-separated list of words as typed ("angry, let down,") → ["angry", "let down"]."""
    if raw is None:
        return []
    items = raw if isinstance(raw, list | tuple) else str(raw).split(",")
    out: list[str] = []
    for item in items:
        word = " ".join(str(item).split())
        if word and word.lower() not in (w.lower() for w in out):
            out.append(word)
    return out


def check_labels(
    words: Iterable[str],
    sources: dict[str, str] | None = None,
    *,
    vocabulary: Vocabulary | None = None,
) -> tuple[list[Label], list[str]]:
    """Labels for the given words, or plain messages saying what to change.

    Labels are words from the vocabulary (any form: "anger" is saved as "angry"), so they can be
    looked up, explained and counted over time. ``sources`` says where each word came from;
    anything not listed counts as the person's own choice.
    """
    vocabulary = vocabulary or load_vocabulary()
    sources = {str(k).lower(): str(v) for k, v in (sources or {}).items()}
    labels: list[Label] = []
    problems: list[str] = []
    unknown: list[str] = []
    for raw in words:
        word = " ".join(str(raw).split())
        if not word:
            continue
        found = vocabulary.by_word(word)
        if found is None:
            unknown.append(word)
            continue
        if any(label.word == found.word for label in labels):
            continue
        source = sources.get(word.lower(), sources.get(found.word, "own"))
        labels.append(Label(found.word, found.family, source if source in SOURCES else "own"))
    if unknown:
        listed = ", ".join(f"“{w[:40]}”" for w in unknown[:5])
        problems.append(
            f"Feelmap doesn't know {listed} as a feeling word yet. Pick a word from the list "
            "(start typing to see them), or keep it in your own words in the entry: it still "
            "counts there."
        )
    if len(labels) > MAX_LABELS:
        problems.append(f"Up to {MAX_LABELS} feeling words per entry, please. Keep the ones that "
                        "fit best.")
    return labels, problems


def label_words() -> list[Word]:
    """Every vocabulary word, for the "add your own word" list."""
    return sorted(load_vocabulary().words, key=lambda w: w.word)
