"""Body sensations: reading them from plain text and turning them into family priors.

The priors follow the bodily maps of Nummenmaa et al. (2014): a prior, never a rule about
any one person.
"""

from __future__ import annotations

from functools import lru_cache

from .text import Token, negation_mask

REGION_WORDS: dict[str, str] = {
    "head": "head", "forehead": "head", "temples": "head", "brain": "head", "mind": "head",
    "face": "face", "cheeks": "face", "cheek": "face", "ears": "face", "eyes": "eyes",
    "eye": "eyes", "jaw": "jaw", "teeth": "jaw", "mouth": "jaw", "throat": "throat",
    "neck": "neck", "shoulders": "shoulders", "shoulder": "shoulders", "chest": "chest",
    "heart": "chest", "lungs": "chest", "breath": "chest", "breathing": "chest",
    "ribs": "chest", "stomach": "stomach", "belly": "stomach", "gut": "stomach",
    "tummy": "stomach", "guts": "stomach", "back": "back", "spine": "back", "arms": "arms",
    "arm": "arms", "hands": "hands", "hand": "hands", "fists": "hands", "fingers": "hands",
    "palms": "hands", "legs": "legs", "leg": "legs", "knees": "legs", "feet": "legs",
    "body": "body", "skin": "body", "muscles": "body", "limbs": "legs",
}
REGION_ALIASES = {
    "upper chest": "chest", "abdomen": "stomach", "belly": "stomach", "whole body": "body",
    "whole_body": "body", "full body": "body", "all over": "body", "hands and arms": "hands",
    "lower back": "back", "upper back": "back", "feet": "legs", "forehead": "head",
    "back of head": "head", "back of the head": "head", "back of legs": "legs",
    "stomach": "stomach", "neck": "neck", "back of neck": "neck",
}

# text stem (prefix) -> canonical quality
QUALITY_STEMS: tuple[tuple[str, str], ...] = (
    ("tight", "tightness"), ("tense", "tension"), ("tension", "tension"), ("clench", "tension"), ("grind", "tension"),
    ("stiff", "tension"), ("heavy", "heaviness"), ("heavi", "heaviness"), ("weigh", "heaviness"),
    ("hot", "heat"), ("burn", "heat"), ("heat", "heat"), ("flush", "heat"),
    ("warm", "warmth"), ("cold", "cold"), ("chill", "cold"), ("icy", "cold"),
    ("flutter", "fluttering"), ("butterfl", "fluttering"), ("light", "lightness"),
    ("floaty", "lightness"), ("pressure", "pressure"), ("pressing", "pressure"),
    ("squeez", "pressure"), ("tingl", "tingling"), ("buzz", "tingling"), ("numb", "numbness"),
    ("empty", "emptiness"), ("hollow", "emptiness"), ("ache", "ache"), ("aching", "ache"),
    ("sore", "ache"), ("hurt", "ache"), ("restless", "restlessness"), ("fidget", "restlessness"),
    ("jitter", "restlessness"), ("shak", "trembling"), ("trembl", "trembling"),
    ("shiver", "trembling"), ("quiver", "trembling"), ("lump", "lump"), ("racing", "racing"),
    ("pound", "racing"), ("thump", "racing"), ("hammer", "racing"), ("fast", "racing"),
    ("nause", "nausea"), ("queas", "nausea"), ("sick", "nausea"),
    ("knot", "knot"), ("relax", "ease"), ("loose", "ease"), ("soft", "ease"), ("ease", "ease"),
    ("slow", "slow"), ("sink", "sinking"), ("drop", "sinking"), ("churn", "churning"),
    ("fog", "fog"), ("haz", "fog"), ("tear", "tears"), ("shallow", "shallow-breath"),
    ("shrink", "shrinking"), ("open", "openness"),
)
QUALITY_ALIASES = {
    "tense": "tension", "tight": "tightness", "hot": "heat", "warm": "warmth", "heavy":
    "heaviness", "light": "lightness", "numb": "numbness", "empty": "emptiness", "aching":
    "ache", "restless": "restlessness", "shaking": "trembling", "racing heart": "racing",
    "nauseous": "nausea", "butterflies": "fluttering", "tingly": "tingling",
    "relaxed": "ease", "relaxation": "ease", "racing-heart": "racing",
    "tearful": "tears", "crying": "tears",
}

QUALITY_PRIOR: dict[str, dict[str, float]] = {
    "tension": {"fear": 1.0, "anger": 1.0},
    "tightness": {"fear": 1.2, "anger": 0.6, "sadness": 0.5},
    "heat": {"anger": 1.2, "shame": 0.9, "love": 0.3},
    "warmth": {"love": 1.2, "joy": 0.8, "calm": 0.8},
    "cold": {"fear": 0.7, "numb": 0.8, "sadness": 0.4},
    "fluttering": {"fear": 1.0, "joy": 0.6, "love": 0.6, "surprise": 0.4, "interest": 0.3},
    "heaviness": {"sadness": 1.4, "numb": 0.7, "calm": 0.2},
    "lightness": {"joy": 1.3, "calm": 0.9},
    "pressure": {"fear": 0.7, "sadness": 0.6, "anger": 0.5},
    "tingling": {"joy": 0.5, "fear": 0.5, "love": 0.4, "surprise": 0.4},
    "numbness": {"numb": 1.8},
    "emptiness": {"numb": 1.4, "sadness": 0.9},
    "ache": {"sadness": 1.2},
    "restlessness": {"fear": 1.3, "anger": 0.5, "interest": 0.3},
    "trembling": {"fear": 1.4, "anger": 0.5},
    "lump": {"sadness": 1.3, "fear": 0.4},
    "racing": {"fear": 1.4, "anger": 0.4, "surprise": 0.4, "joy": 0.3},
    "nausea": {"disgust": 1.4, "fear": 0.6},
    "knot": {"fear": 1.2},
    "ease": {"calm": 1.5},
    "slow": {"calm": 0.8, "sadness": 0.3, "numb": 0.3},
    "slow-breath": {"calm": 1.3},
    "shallow-breath": {"fear": 1.3},
    "openness": {"joy": 0.8, "calm": 0.6, "love": 0.5, "interest": 0.4},
    "fog": {"numb": 1.4, "surprise": 0.2},
    "sinking": {"sadness": 1.0, "fear": 0.6, "shame": 0.3},
    "churning": {"fear": 0.8, "disgust": 0.8},
    "shrinking": {"shame": 1.4, "fear": 0.4},
    "buzzing": {"fear": 0.6, "joy": 0.5, "interest": 0.3, "anger": 0.2},
    "tears": {"sadness": 1.6},
}
# Where a region changes the meaning of a quality (Nummenmaa et al. 2014).
REGION_QUALITY_PRIOR: dict[tuple[str, str], dict[str, float]] = {
    ("face", "heat"): {"shame": 1.5, "anger": 0.6},
    ("head", "heat"): {"anger": 1.2},
    ("head", "pressure"): {"anger": 0.6, "fear": 0.5},
    ("stomach", "nausea"): {"disgust": 1.5, "fear": 0.5},
    ("stomach", "fluttering"): {"fear": 0.9, "joy": 0.5, "love": 0.5},
    ("stomach", "tightness"): {"fear": 1.2, "disgust": 0.3},
    ("throat", "lump"): {"sadness": 1.5},
    ("throat", "tightness"): {"sadness": 0.8, "fear": 0.6, "disgust": 0.3},
    ("chest", "heaviness"): {"sadness": 1.5},
    ("chest", "tightness"): {"fear": 1.4, "sadness": 0.3},
    ("chest", "warmth"): {"love": 1.5, "joy": 0.6},
    ("chest", "racing"): {"fear": 1.5, "joy": 0.3},
    ("chest", "emptiness"): {"numb": 1.0, "sadness": 1.0},
    ("chest", "ache"): {"sadness": 1.4},
    ("jaw", "tension"): {"anger": 1.4},
    ("jaw", "tightness"): {"anger": 1.4},
    ("hands", "tension"): {"anger": 1.3},
    ("hands", "tightness"): {"anger": 1.3},
    ("hands", "trembling"): {"fear": 1.3},
    ("hands", "cold"): {"fear": 1.0},
    ("legs", "heaviness"): {"sadness": 0.7, "numb": 0.9},
    ("arms", "heaviness"): {"sadness": 0.7, "numb": 0.9},
    ("legs", "restlessness"): {"fear": 1.0, "anger": 0.4},
    ("body", "lightness"): {"joy": 1.4},
    ("body", "warmth"): {"joy": 0.9, "love": 0.8, "calm": 0.6},
    ("body", "heaviness"): {"sadness": 1.0, "numb": 0.8},
    ("body", "numbness"): {"numb": 2.0},
    ("shoulders", "tension"): {"fear": 0.7, "anger": 0.5},
    ("shoulders", "ease"): {"calm": 1.5},
    ("shoulders", "sinking"): {"calm": 1.2},
    ("jaw", "grinding"): {"anger": 1.4},
    ("shoulders", "lightness"): {"calm": 1.0, "joy": 0.5},
    ("head", "emptiness"): {"numb": 1.5},
    ("head", "heaviness"): {"numb": 0.6, "sadness": 0.6},
}
REGION_PRIOR: dict[str, dict[str, float]] = {
    "face": {"shame": 0.3}, "throat": {"disgust": 0.2, "sadness": 0.2},
    "stomach": {"disgust": 0.2, "fear": 0.2}, "hands": {"anger": 0.2}, "arms": {"anger": 0.2},
    "jaw": {"anger": 0.3}, "chest": {"fear": 0.1, "sadness": 0.1},
}


def canon_region(region: object) -> str | None:
    if not region:
        return None
    r = str(region).strip().lower().replace("-", " ").replace("_", " ")
    r = REGION_ALIASES.get(r, r)
    if r in REGION_WORDS:
        return REGION_WORDS[r]
    for word in r.split():
        if word in REGION_WORDS:
            return REGION_WORDS[word]
    return r or None


def canon_quality(quality: object) -> str | None:
    if not quality:
        return None
    q = str(quality).strip().lower()
    if q in QUALITY_PRIOR:
        return q
    if q in QUALITY_ALIASES:
        return QUALITY_ALIASES[q]
    for stem, canon in QUALITY_STEMS:
        if q.startswith(stem):
            return canon
    return q


@lru_cache(maxsize=20_000)
def quality_of_token(tok: str) -> str | None:
    if len(tok) < 3:
        return None
    for stem, canon in QUALITY_STEMS:
        if tok.startswith(stem):
            if stem in {"light", "fast", "drop", "sink", "soft", "hot", "sick", "hurt", "open",
                        "ease", "tear", "fog", "haz"} and (
                tok not in {stem, stem + "er", stem + "ness", stem + "s", stem + "ing", stem + "y",
                           stem + "gy", stem + "ed", stem + "ful", stem + "ier", stem + "ping"}
            ):
                return None
            return canon
    return None


def sensations_from_text(tokens: list[Token]) -> list[tuple[str | None, str, int, int]]:
    """(region or None, quality, start, end) for body descriptions such as 'my chest is tight'.

    A quality pairs with the nearest region word within four tokens in the same clause.
    Negated qualities ("not tense") are skipped.
    """
    toks = [t.text for t in tokens]
    neg = negation_mask(toks)
    regions = [(i, REGION_WORDS[t]) for i, t in enumerate(toks) if t in REGION_WORDS]
    out: list[tuple[str | None, str, int, int]] = []
    for i, tok in enumerate(toks):
        q = quality_of_token(tok)
        if q is None or neg[i]:
            continue
        best: tuple[int, str] | None = None
        for ri, rname in regions:
            d = abs(ri - i)
            if d > 4:
                continue
            lo, hi = min(ri, i), max(ri, i)
            if any(toks[k] in {".", ";", "!", "?", "but"} for k in range(lo, hi)):
                continue
            if best is None or d < best[0]:
                best = (d, rname)
        if best is None:
            out.append((None, q, tokens[i].start, tokens[i].end))
        else:
            ri = next(r for r, name in regions if name == best[1] and abs(r - i) == best[0])
            lo, hi = min(ri, i), max(ri, i)
            out.append((best[1], q, tokens[lo].start, tokens[hi].end))
    return out


def sensation_prior(region: str | None, quality: str | None) -> dict[str, float]:
    out: dict[str, float] = {}
    if region and quality and (region, quality) in REGION_QUALITY_PRIOR:
        return dict(REGION_QUALITY_PRIOR[(region, quality)])
    if quality in QUALITY_PRIOR:
        out.update(QUALITY_PRIOR[quality])
    if region in REGION_PRIOR:
        for f, w in REGION_PRIOR[region].items():
            out[f] = out.get(f, 0.0) + w
    return out
