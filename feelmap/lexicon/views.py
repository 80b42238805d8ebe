"""Pages to browse the emotion vocabulary: by family, by quadrant, by search, word by word.

The vocabulary holds no private data, so these pages are open to anyone; the main nav still
only appears for a signed-in person (base.html decides that). The helpers at the top are pure
functions of the vocabulary so they are tested without a request or a database.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .body import load_body_catalogue
from .vocabulary import Quadrant, Vocabulary, Word, load_vocabulary

LEVEL_NAMES = {1: "family word", 2: "common word", 3: "nuanced word"}
LEVEL_HEADINGS = {1: "Family word", 2: "Common words", 3: "Nuanced words"}
SEARCH_MAX_LENGTH = 100
QUADRANT_HINTS = {
    Quadrant.PLEASANT_HIGH: "Bright, lively feelings: something good is happening or coming.",
    Quadrant.PLEASANT_LOW: "Quiet, settled feelings: nothing needs fixing right now.",
    Quadrant.UNPLEASANT_HIGH: "Stirred-up, uncomfortable feelings: the body is getting ready to act.",
    Quadrant.UNPLEASANT_LOW: "Heavy or flat feelings: energy has drained away.",
}


# ---------------------------------------------------------------- pure helpers


def word_slug(word: str) -> str:
    """The URL form of a word: spaces become hyphens ("shut down" -> "shut-down")."""
    return word.replace(" ", "-")


_SLUG_INDEXES: dict[int, tuple[Vocabulary, dict[str, Word]]] = {}


def _slug_index(vocabulary: Vocabulary) -> dict[str, Word]:
    # Keyed by identity: hashing a whole vocabulary on every request would cost more than
    # the lookup saves. The tuple keeps the vocabulary alive so its id cannot be reused.
    held = _SLUG_INDEXES.get(id(vocabulary))
    if held is None or held[0] is not vocabulary:
        held = (vocabulary, {word_slug(w.word): w for w in vocabulary.entries})
        _SLUG_INDEXES[id(vocabulary)] = held
    return held[1]


def word_for_slug(vocabulary: Vocabulary, slug: str) -> tuple[Word | None, bool]:
    """(word, exact): exact is False when the slug is another form of the word ("anger"),
    so the page can send the reader to the word's own address."""
    slug = slug.strip().lower()
    found = _slug_index(vocabulary).get(slug)
    if found is not None:
        return found, True
    other = vocabulary.by_word(slug.replace("-", " ")) or vocabulary.by_word(slug)
    return other, False


def _pleasantness_words(value: float) -> str:
    if value <= -3.5:
        return "very unpleasant"
    if value <= -1:
        return "unpleasant"
    if value < 1:
        return "neither pleasant nor unpleasant"
    if value < 3.5:
        return "pleasant"
    return "very pleasant"


def _energy_words(value: float) -> str:
    if value <= -3.5:
        return "very low energy"
    if value <= -1:
        return "low energy"
    if value < 1:
        return "medium energy"
    if value < 3.5:
        return "high energy"
    return "very high energy"


def describe_affect(pleasantness: float, energy: float) -> str:
    """The affect-grid position in words, e.g. "unpleasant, high energy"."""
    return f"{_pleasantness_words(pleasantness)}, {_energy_words(energy)}"


def grid_point(pleasantness: float, energy: float, size: int = 100) -> tuple[float, float]:
    """SVG coordinates of a point on a square affect grid (energy grows upwards)."""
    half = size / 2
    return half + pleasantness / 5 * (half - 8), half - energy / 5 * (half - 8)


def sensation_labels(word: Word) -> list[dict[str, str]]:
    body = load_body_catalogue()
    out = []
    for s in word.sensations:
        region, quality = body.region(s.region), body.quality(s.quality)
        out.append({"region": region.label, "quality": quality.label,
                    "description": quality.description})
    return out


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _body_term_matches(query: str, key: str, label: str) -> bool:
    # Forgiving about word endings, so "tight", "heavy" and "tingly" find tightness, heaviness
    # and tingling; too-short overlaps ("he" for heat and head) do not count.
    q = query.lower()
    for term in {key.replace("-", " "), label.lower()}:
        for part in [term, *term.split()]:
            shared = _common_prefix(q, part)
            if shared >= 4 and shared >= min(len(q), len(part)) - 1:
                return True
            if q == part:
                return True
    return False


def felt_in_body(vocabulary: Vocabulary, query: str) -> dict[str, object] | None:
    """Words whose typical sensations match a body word in the query ("tight", "chest")."""
    body = load_body_catalogue()
    q = " ".join(query.lower().split())
    if len(q) < 3:
        return None
    qualities = [x for x in body.qualities if _body_term_matches(q, x.key, x.label)]
    regions = [x for x in body.regions if _body_term_matches(q, x.key, x.label)]
    if not qualities and not regions:
        return None
    quality_keys = {x.key for x in qualities}
    region_keys = {x.key for x in regions}
    found = [
        w for w in vocabulary.words
        if any(s.quality in quality_keys or s.region in region_keys for s in w.sensations)
    ]
    found.sort(key=lambda w: (w.level, w.word))
    labels = [x.label.lower() for x in qualities] + [x.label.lower() for x in regions]
    return {"labels": labels, "words": found}


def words_by_level(words: tuple[Word, ...]) -> list[dict[str, object]]:
    """Words grouped under their level headings, levels without words left out."""
    groups = []
    for level, heading in LEVEL_HEADINGS.items():
        found = [w for w in words if w.level == level]
        if found:
            groups.append({"level": level, "heading": heading, "words": found})
    return groups


@dataclass(frozen=True)
class Branch:
    word: Word
    children: tuple[Branch, ...]


def family_trees(vocabulary: Vocabulary, key: str) -> tuple[Branch, ...]:
    """The drill-down of one family: family word -> common words -> nuanced words.

    One tree per level-1 word: most families have one, the shame family two (ashamed and
    guilty), and the body states one for each of tired, hungry, in pain and unwell.
    """

    def grow(word: Word, depth: int) -> Branch:
        kids = () if depth > 3 else vocabulary.children(word)
        return Branch(word, tuple(grow(k, depth + 1) for k in kids))

    return tuple(grow(root, 1) for root in vocabulary.roots(key))


def words_by_quadrant(vocabulary: Vocabulary) -> list[dict[str, object]]:
    order = (Quadrant.PLEASANT_HIGH, Quadrant.UNPLEASANT_HIGH,
             Quadrant.PLEASANT_LOW, Quadrant.UNPLEASANT_LOW)
    out: list[dict[str, object]] = []
    for q in order:
        found = sorted((w for w in vocabulary.words if w.quadrant == q),
                       key=lambda w: (-w.energy if q.value.endswith("high") else w.energy, w.word))
        out.append({"key": q.value, "label": q.label, "hint": QUADRANT_HINTS[q], "words": found})
    return out


def word_details(vocabulary: Vocabulary, word: Word) -> dict[str, object]:
    """Everything the word page shows, resolved to words and labels."""
    parent = vocabulary.parent_of(word)
    neighbours = []
    for n in word.neighbours:
        other = vocabulary.get(n.word)
        neighbours.append({"word": other, "difference": n.difference,
                           "other_family": other.family != word.family,
                           "family_label": vocabulary.family(other.family).label})
    x, y = grid_point(word.pleasantness, word.energy)
    return {
        "word": word,
        "family": vocabulary.family(word.family),
        "level_name": LEVEL_NAMES[word.level],
        "affect_words": describe_affect(word.pleasantness, word.energy),
        "quadrant": word.quadrant,
        "point": {"x": round(x, 1), "y": round(y, 1)},
        "sensations": sensation_labels(word),
        "neighbours": neighbours,
        "parent": vocabulary.get(parent) if parent else None,
        "children": vocabulary.children(word),
        "is_feeling": word.is_feeling,
    }


# ---------------------------------------------------------------- views


def index(request: HttpRequest) -> HttpResponse:
    vocabulary = load_vocabulary()
    families = [
        {"family": fam, "groups": words_by_level(vocabulary.words_in_family(fam.key))}
        for fam in vocabulary.families
    ]
    return render(request, "lexicon/index.html",
                  {"families": families, "count": len(vocabulary),
                   "body_family": vocabulary.body_family,
                   "body_states": words_by_level(vocabulary.body_states)})


def family(request: HttpRequest, key: str) -> HttpResponse:
    vocabulary = load_vocabulary()
    try:
        fam = vocabulary.family(key)
    except KeyError:
        raise Http404("No such family") from None
    return render(request, "lexicon/family.html", {
        "family": fam,
        "trees": family_trees(vocabulary, key),
        "families": vocabulary.families,
    })


def quadrants(request: HttpRequest) -> HttpResponse:
    return render(request, "lexicon/quadrants.html",
                  {"quadrants": words_by_quadrant(load_vocabulary())})


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    vocabulary = load_vocabulary()
    results = vocabulary.search(query) if query else ()
    return render(request, "lexicon/search.html", {
        "query": query,
        "results": [{"word": w, "family": vocabulary.family(w.family)} for w in results],
        "body": felt_in_body(vocabulary, query) if query else None,
        "families": vocabulary.families,
    })


def word(request: HttpRequest, slug: str) -> HttpResponse:
    vocabulary = load_vocabulary()
    found, exact = word_for_slug(vocabulary, slug)
    if found is None:
        return render(request, "lexicon/word_missing.html",
                      {"slug": slug.replace("-", " ")[:SEARCH_MAX_LENGTH]}, status=404)
    if not exact:
        return redirect("lexicon:word", slug=word_slug(found.word), permanent=True)
    return render(request, "lexicon/word.html", word_details(vocabulary, found))
