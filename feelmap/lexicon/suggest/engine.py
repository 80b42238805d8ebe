"""Combine text cues, the linear model, body sensations, affect and history into ranked words."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from feelmap.lib.text import stem

from . import appraisal
from .body import canon_quality, canon_region, sensation_prior, sensations_from_text
from .cues import (
    Hit,
    Pattern,
    PhraseMatcher,
    VagueTable,
    VagueWord,
    family_evidence,
    find_hits,
    load_cue_patterns,
    load_together,
)
from .model import LinearModel
from .text import FAMILIES, STOPWORDS, features_of, tokenize, words
from .vocab import FAMILY_CENTRES, Word, load_words

MAX_HISTORY = 300
# A person's preference prior per family (from their answers to contrast questions), passed in
# as plain data by the caller: each value is clipped to this many score units either way.
MAX_FAMILY_BIAS = 2.0
# Words that never explain a suggestion on their own ("i feel", "i know").
WEAK_REASONS = STOPWORDS | frozenset({
    "feel", "feeling", "feels", "felt", "know", "think", "like", "just", "get", "got", "really",
    "im", "ive", "thing", "things", "today", "day", "now", "one", "make", "made", "much",
})
HISTORY_TOKENS = 120


@dataclass(frozen=True, slots=True)
class Suggestion:
    word: str
    family: str
    score: float
    why: str

    def as_dict(self) -> dict[str, object]:
        return {"word": self.word, "family": self.family, "score": round(self.score, 3),
                "why": self.why}


@dataclass(frozen=True, slots=True)
class Contrast:
    """A question for when the top two families are close: "More like X, or more like Y?"."""

    family_a: str
    word_a: str  # the best-scoring word of family_a
    family_b: str
    word_b: str
    question: str

    def as_dict(self) -> dict[str, str]:
        return {"family_a": self.family_a, "word_a": self.word_a, "family_b": self.family_b,
                "word_b": self.word_b, "question": self.question}


@dataclass(frozen=True, slots=True)
class SuggestResult:
    suggestions: list[Suggestion]
    contrast: Contrast | None = None


@dataclass(frozen=True, slots=True)
class Match:
    word: str  # canonical vocabulary word
    form: str  # the text as written
    start: int
    end: int
    family: str
    negated: bool = False

    def as_dict(self) -> dict[str, object]:
        return {"word": self.word, "form": self.form, "start": self.start, "end": self.end,
                "family": self.family, "negated": self.negated}


@dataclass
class Params:
    model_weight: float = 0.2  # chosen by GoEmotions CV and the first-person tuning sets
    cue_weight: float = 1.0
    word_weight: float = 1.0  # explicit vocabulary words in the text
    vague_weight: float = 1.5
    text_body_strength: float = 1.0  # body descriptions read from the text
    body_weight: float = 1.2
    affect_weight: float = 2.0
    history_weight: float = 2.0
    numb_offset: float = -1.0  # numb has no model column: mean(other logits) + this
    diversity_penalty: float = 5.0
    temperature: float = 1.5
    appraisal_weight: float = 1.2  # what happened, read through appraisals (issue 16)
    appraisal_named_factor: float = 0.5  # ... less when the text names a feeling itself
    appraisal_no_event_factor: float = 0.5  # ... and when it does not tell of an event
    thin_top: int = 3  # past this many words only backed families; at most this many if none
    # Ask "more like X, or more like Y?" when the second family's score is within this many
    # score units of the first (with temperature 1.5: the second at least half as likely).
    contrast_margin: float = 1.0


@dataclass
class _Evidence:
    quotes: list[tuple[float, str]] = field(default_factory=list)  # phrases from the text
    notes: list[tuple[float, str]] = field(default_factory=list)  # other reasons


def _sensation_list(sensations: object) -> list[tuple[str | None, str | None, float]]:
    out: list[tuple[str | None, str | None, float]] = []
    if not sensations or isinstance(sensations, str) or not isinstance(sensations, Iterable):
        return out
    try:
        items = list(sensations)
    except TypeError:
        return out
    for s in items[:64]:
        region = quality = None
        strength = 1.0
        if isinstance(s, dict):
            region, quality = s.get("region"), s.get("quality")
            if s.get("intensity") is not None:
                try:
                    strength = max(0.2, min(float(s["intensity"]) / 5.0, 2.0))
                except (TypeError, ValueError):
                    pass
        elif isinstance(s, list | tuple) and len(s) >= 2:
            region, quality = s[0], s[1]
            if len(s) >= 3:
                try:
                    strength = max(0.2, min(float(s[2]) / 5.0, 2.0))
                except (TypeError, ValueError):
                    pass
        else:
            continue
        q = canon_quality(quality)
        if q is None:
            continue
        out.append((canon_region(region), q, strength))
    return out


def _affect(affect: object) -> tuple[float, float] | None:
    if affect is None:
        return None
    try:
        if isinstance(affect, dict):
            p, e = affect.get("pleasantness"), affect.get("energy")
            if p is None or e is None:
                return None
        elif isinstance(affect, Iterable):
            p, e = affect
        else:
            return None
        p, e = float(p), float(e)
    except (TypeError, ValueError):
        return None
    if math.isnan(p) or math.isnan(e):
        return None
    return max(-5.0, min(5.0, p)), max(-5.0, min(5.0, e))


def clean_family_bias(family_bias: object) -> dict[str, float]:
    """Known families only, finite numbers only, each clipped to +-MAX_FAMILY_BIAS."""
    out: dict[str, float] = {}
    if not family_bias or not hasattr(family_bias, "items"):
        return out
    for f, v in list(family_bias.items())[: 4 * len(FAMILIES)]:
        if f not in FAMILIES or isinstance(v, bool):
            continue
        try:
            x = float(v)
        except (TypeError, ValueError):
            continue
        if math.isfinite(x) and x:
            out[f] = max(-MAX_FAMILY_BIAS, min(MAX_FAMILY_BIAS, x))
    return out


@lru_cache(maxsize=4096)
def _content_str(text: str) -> frozenset[str]:
    """Stems of the content words, so "meeting" in one entry meets "meetings" in another."""
    return frozenset(
        stem(w) for w in words(text, HISTORY_TOKENS) if len(w) > 2 and w not in STOPWORDS)


def _content(text: object) -> frozenset[str]:
    """Content words of a text; cached, as the same history entries come back on every call."""
    if text is None:
        return frozenset()
    return _content_str(text if isinstance(text, str) else str(text))


class Engine:
    def __init__(self, model: LinearModel | None = None, vocabulary: list[Word] | None = None,
                 params: Params | None = None, *, load_model: bool = True):
        self.params = params or Params()
        self.model = model if model is not None else (LinearModel.load() if load_model else None)
        self.words = vocabulary if vocabulary is not None else load_words()
        self.by_word = {w.word: w for w in self.words}
        self.by_family: dict[str, list[Word]] = {f: [] for f in FAMILIES}
        for w in self.words:
            self.by_family[w.family].append(w)
        self.centres = {}
        for f in FAMILIES:
            ws = self.by_family[f]
            self.centres[f] = (
                (sum(w.pleasantness for w in ws) / len(ws), sum(w.energy for w in ws) / len(ws))
                if ws else FAMILY_CENTRES[f]
            )
        self.cues = PhraseMatcher(load_cue_patterns())
        self.together = load_together()
        vocab_patterns = []
        for w in self.words:
            for form in w.forms:
                parts = tuple(form.replace("'", "").split())
                if parts:
                    vocab_patterns.append(Pattern(parts, w.family, 2.5, w.word))
        self.vocab_matcher = PhraseMatcher(vocab_patterns)
        self.vague = VagueTable()

    # --- finding words -------------------------------------------------------------------

    def find_emotion_words(self, text: object) -> list[Match]:
        tokens = tokenize(text)
        if not tokens:
            return []
        original = text if isinstance(text, str) else str(text)
        guarded = self._guarded(find_hits(self.cues, tokens))
        return [
            Match(h.pattern.word or "", original[h.start:h.end], h.start, h.end,
                  h.pattern.family, h.negated)
            for h in find_hits(self.vocab_matcher, tokens)
            if not guarded.intersection(range(h.i, h.j))
        ]

    @staticmethod
    def _guarded(cue_hits: list[Hit]) -> set[int]:
        """Token positions inside guard phrases ("my flat", "caught a cold"): not feelings."""
        return {t for h in cue_hits if h.pattern.family == "none" for t in range(h.i, h.j)}

    def vague_alternatives(self, text: object) -> list[VagueWord]:
        tokens = tokenize(text)
        if not tokens:
            return []
        original = text if isinstance(text, str) else str(text)
        return self.vague.find(tokens, original)

    # --- suggesting ----------------------------------------------------------------------

    def family_scores(self, text: object, *, sensations: object = (), affect: object = None,
                      history: object = ()) -> tuple[dict[str, float], dict[str, Any], bool]:
        """Raw family scores, per-word bonuses and reasons; the last item says if any evidence."""
        p = self.params
        original = text if isinstance(text, str) else ("" if text is None else str(text))
        tokens = tokenize(original)
        score = dict.fromkeys(FAMILIES, 0.0)
        word_bonus: dict[str, float] = {}
        ev = {f: _Evidence() for f in FAMILIES}
        evidence = False

        # 1. cue phrases and explicit vocabulary words
        cue_hits = find_hits(self.cues, tokens) if tokens else []
        claimed: set[int] = set()
        if tokens:
            together, claimed = self.together.hits(tokens, [stem(t.text) for t in tokens])
            if claimed:
                cue_hits = [h for h in cue_hits if not claimed.intersection(range(h.i, h.j))]
            cue_hits += together
        vocab_hits = find_hits(self.vocab_matcher, tokens) if tokens else []
        guarded = self._guarded(cue_hits) | claimed
        if guarded:
            vocab_hits = [h for h in vocab_hits if not guarded.intersection(range(h.i, h.j))]
        covered = {(h.pattern.family, t) for h in cue_hits for t in range(h.i, h.j)}
        counted_vocab: list[Hit] = []
        for h in vocab_hits:
            hit_word = h.pattern.word or ""
            if not h.negated:
                word_bonus[hit_word] = word_bonus.get(hit_word, 0.0) + 3.0 * h.intensity
                ev[h.pattern.family].quotes.append((9.0, original[h.start:h.end]))
            if not any((h.pattern.family, t) in covered for t in range(h.i, h.j)):
                counted_vocab.append(h)
        for f, v in family_evidence(cue_hits).items():
            score[f] += p.cue_weight * v
        for f, v in family_evidence(counted_vocab).items():
            score[f] += p.word_weight * v
        cue_hits = [h for h in cue_hits if h.pattern.family in ev]
        for h in cue_hits:
            evidence = True
            if not h.negated:
                ev[h.pattern.family].quotes.append((h.weight, original[h.start:h.end]))
                if h.pattern.word:
                    word_bonus[h.pattern.word] = word_bonus.get(h.pattern.word, 0.0) + 1.5
        evidence = evidence or bool(vocab_hits)

        # vague words ("bad", "off") spread a little weight over their precise alternatives
        if tokens:
            for vw in self.vague.find(tokens, original):
                fams = [self.by_word[a].family for a in vw.alternatives if a in self.by_word]
                for f in fams:
                    score[f] += p.vague_weight / len(fams)
                evidence = evidence or bool(fams)

        # 1b. appraisals of what happened: who did it, loss, danger, being seen, dirt ...
        if tokens and p.appraisal_weight:
            a = appraisal.appraise(original)
            fam_app = appraisal.family_scores(a)
            if fam_app:
                evidence = True
                # a feeling the text names outweighs one inferred from the situation
                named = any(not h.negated for h in vocab_hits)
                weight = p.appraisal_weight * (p.appraisal_named_factor if named else 1.0)
                if not a.event:
                    weight *= p.appraisal_no_event_factor
                for f, v in fam_app.items():
                    score[f] += weight * v
                for f, quotes in appraisal.family_cues(a).items():
                    ev[f].quotes.extend(quotes)

        # 2. body sensations: given ones and ones described in the text
        sens = _sensation_list(sensations)
        region: str | None
        quality: str | None
        for region, quality, start, end in sensations_from_text(tokens):
            sens.append((region, quality, p.text_body_strength))
            for f, weight in sensation_prior(region, quality).items():
                ev[f].quotes.append((weight * p.text_body_strength, original[start:end]))
        given = _sensation_list(sensations)
        for region, quality, strength in sens:
            evidence = True
            for f, weight in sensation_prior(region, quality).items():
                score[f] += p.body_weight * weight * strength
        for region, quality, strength in given:
            for f, weight in sensation_prior(region, quality).items():
                where = f" in your {region}" if region and region != "body" else ""
                ev[f].notes.append((weight * strength, f"you marked {quality}{where}"))
        if sens:
            for w in self.words:
                for wr, wq in w.sensations:
                    for region, quality, strength in sens:
                        if wq == quality:
                            bonus = 0.6 if (wr is None or region is None or wr == region) else 0.3
                            word_bonus[w.word] = word_bonus.get(w.word, 0.0) + bonus * strength

        # 3. affect grid
        aff = _affect(affect)
        if aff is not None:
            evidence = True
            for f in FAMILIES:
                cx, cy = self.centres[f]
                d2 = (aff[0] - cx) ** 2 + (aff[1] - cy) ** 2
                k = math.exp(-d2 / (2 * 2.5**2))
                score[f] += p.affect_weight * k
                if k > 0.5:
                    ev[f].notes.append((k, "it fits where you placed yourself on the grid"))
            for w in self.words:
                d2 = (aff[0] - w.pleasantness) ** 2 + (aff[1] - w.energy) ** 2
                word_bonus[w.word] = word_bonus.get(w.word, 0.0) + 1.0 * math.exp(-d2 / 8.0)

        # 4. personal history
        if history and not isinstance(history, str) and isinstance(history, Iterable):
            current = _content(original)
            fam_hist = dict.fromkeys(FAMILIES, 0.0)
            try:
                items = list(history)[-MAX_HISTORY:]
            except TypeError:
                items = []
            for item in items:
                try:
                    past_text, chosen = item[0], item[1]
                except (TypeError, IndexError, KeyError):
                    continue
                if isinstance(chosen, str):
                    chosen = [chosen]
                past = _content(past_text)
                sim = len(current & past) / len(current | past) if current and past else 0.0
                for cw in chosen or []:
                    known = self.by_word.get(str(cw).strip().lower())
                    if known is None:
                        continue
                    base = 0.03  # the person's own words are a little more likely anyway
                    bump = sim if sim >= 0.1 else 0.0
                    word_bonus[known.word] = word_bonus.get(known.word, 0.0) + 2.0 * bump + base
                    fam_hist[known.family] += bump
                    if bump:
                        ev[known.family].notes.append(
                            (bump * 3, f"you chose '{known.word}' for a similar entry before"))
            for f, v in fam_hist.items():
                if v:
                    evidence = True
                    score[f] += p.history_weight * min(v, 1.5)

        # 5. linear text model
        if self.model is not None and tokens:
            z, idx = self.model.score(features_of([t.text for t in tokens]))
            if idx:
                evidence = True
                base = sum(z.values()) / len(z)
                for f in FAMILIES:
                    logit = z.get(f, base + p.numb_offset)
                    score[f] += p.model_weight * logit
                top = max(z, key=lambda f: z[f])
                for feat in self.model.top_features(idx, top):
                    # "i know" is no reason for "shocked": quote only features with content
                    if not feat.startswith("!") and not set(feat.split()) <= WEAK_REASONS:
                        ev[top].quotes.append((0.5, feat))
        return score, {"word_bonus": word_bonus, "evidence": ev}, evidence

    def suggest(self, text: object = "", *, sensations: object = (), affect: object = None,
                history: object = (), top: int = 5,
                family_bias: object = None) -> list[Suggestion]:
        return self.suggest_with_contrast(
            text, sensations=sensations, affect=affect, history=history, top=top,
            family_bias=family_bias).suggestions

    def suggest_with_contrast(self, text: object = "", *, sensations: object = (),
                              affect: object = None, history: object = (), top: int = 5,
                              family_bias: object = None) -> SuggestResult:
        """Suggestions, and a contrast question when the top two families are close.

        `family_bias` maps a family to score units added to it (a person's preference prior,
        plain data from the caller; unknown families ignored, each value clipped to
        +-MAX_FAMILY_BIAS). Without it the suggestions are exactly those of `suggest`.
        """
        try:
            top = max(0, min(int(top), 50))
        except (TypeError, ValueError):
            top = 5
        if top == 0:
            return SuggestResult([])
        score, extra, evidence = self.family_scores(
            text, sensations=sensations, affect=affect, history=history)
        if not evidence:
            return SuggestResult([])
        for f, b in clean_family_bias(family_bias).items():
            score[f] += b
        p = self.params
        t = p.temperature
        mx = max(score.values())
        exps = {f: math.exp((v - mx) / t) for f, v in score.items()}
        total = sum(exps.values())
        prob = {f: v / total for f, v in exps.items()}
        word_bonus = extra["word_bonus"]
        level_prior = {1: 0.4, 2: 0.2, 3: 0.0}
        cands: list[tuple[float, Word, float]] = []
        cand_best: dict[str, tuple[float, str]] = {}  # family -> its best-scoring word
        for f in sorted(FAMILIES, key=lambda f: -score[f])[: max(top, 4)]:
            ranked = sorted(
                self.by_family[f],
                key=lambda w: -(word_bonus.get(w.word, 0.0) + level_prior.get(w.level, 0.0)),
            )
            best_bonus = None
            for w in ranked[:top]:
                b = word_bonus.get(w.word, 0.0) + level_prior.get(w.level, 0.0)
                if best_bonus is None:
                    best_bonus = b
                cands.append((score[f] + b, w, prob[f] * math.exp(min(0.0, b - best_bonus))))
                if f not in cand_best or score[f] + b > cand_best[f][0]:
                    cand_best[f] = (score[f] + b, w.word)
        # Thin evidence: do not fill the list with broad words from families nothing in the
        # text, body or history points to; show the found families' neighbours instead, and
        # fewer words when nothing points anywhere.
        # Past the first three, a family nothing backs is left out.
        backed = {f for f, e in extra["evidence"].items() if e.quotes or e.notes}
        if not backed:
            top = min(top, p.thin_top)
        chosen: list[Suggestion] = []
        shown: dict[str, int] = {}
        used: set[str] = set()
        while cands and len(chosen) < top:
            def key(c: tuple[float, Word, float]) -> float:
                return c[0] - p.diversity_penalty * shown.get(c[1].family, 0)
            best = max(cands, key=key)
            cands.remove(best)
            if best[1].word in used:
                continue
            if len(chosen) >= p.thin_top and best[1].family not in backed:
                continue
            w = best[1]
            used.add(w.word)
            shown[w.family] = shown.get(w.family, 0) + 1
            prev = chosen[-1].score if chosen else 1.0
            chosen.append(Suggestion(w.word, w.family, min(prev, best[2]),
                                     self._why(w, extra["evidence"][w.family], text)))
        return SuggestResult(chosen, self._contrast(score, cand_best))

    def _contrast(self, score: dict[str, float],
                  best_word: dict[str, tuple[float, str]]) -> Contrast | None:
        """The question when the first two families are within `contrast_margin`."""
        first, second = sorted(FAMILIES, key=lambda f: -score[f])[:2]
        if score[first] - score[second] > self.params.contrast_margin:
            return None
        if first not in best_word or second not in best_word:
            return None
        a, b = best_word[first][1], best_word[second][1]
        return Contrast(first, a, second, b, f"More like {a}, or more like {b}?")

    def suggest_many(self, texts: Iterable[object], top: int = 5) -> list[list[Suggestion]]:
        return [self.suggest(t, top=top) for t in texts]

    @staticmethod
    def _why(word: Word, ev: _Evidence, text: object) -> str:
        quotes: list[str] = []
        for _, q in sorted(ev.quotes, key=lambda x: -x[0]):
            q = " ".join(q.split())
            if q and q.lower() not in (x.lower() for x in quotes) and not any(
                q.lower() in x.lower() for x in quotes
            ):
                quotes.append(q)
            if len(quotes) == 2:
                break
        parts = []
        if quotes:
            parts.append("you wrote " + " and ".join(f"'{q[:40]}'" for q in quotes))
        notes = []
        for _, n in sorted(ev.notes, key=lambda x: -x[0]):
            if n not in notes:
                notes.append(n)
            if len(notes) == 2 - min(len(parts), 1):
                break
        parts.extend(notes)
        if not parts:
            return f"less likely, but worth a look: a broad word from the {word.family} family"
        return "; ".join(parts)

