"""Content checks that fail when the word lists regress.

Every word a file points at must exist, every drill-down must stay inside its family, and the
words must agree with their own "how it differs" notes (issue 11).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from feelmap.journal.demo import SAMPLES
from feelmap.journal.prompts import load_prompts
from feelmap.lexicon.suggest import body as body_priors
from feelmap.lexicon.vocabulary import BODY_STATE, FAMILY_KEYS, load_vocabulary

VOCAB = load_vocabulary()
SUGGEST_DATA = Path(body_priors.__file__).parent / "data"


def _json(name: str) -> dict:
    return json.loads((SUGGEST_DATA / name).read_text(encoding="utf-8"))


# ---------------------------------------------------------------- trees


def test_every_parent_is_in_its_own_family_and_one_level_up_or_more() -> None:
    for w in VOCAB.entries:
        parent = VOCAB.parent_of(w)
        if w.level == 1:
            assert parent is None, w.word
            continue
        assert parent is not None, w.word
        above = VOCAB.get(parent)
        assert above.family == w.family, f"{w.word} hangs under {parent} of {above.family}"
        assert above.level < w.level, w.word


def test_the_eleven_emotion_families_are_intact() -> None:
    assert tuple(f.key for f in VOCAB.families) == FAMILY_KEYS
    assert {w.family for w in VOCAB.words} == set(FAMILY_KEYS)
    assert BODY_STATE not in FAMILY_KEYS


def test_shame_is_about_who_you_are_and_guilt_about_what_you_did() -> None:
    ashamed, guilty = VOCAB.get("ashamed"), VOCAB.get("guilty")
    assert "who you are" in ashamed.definition and "what you did" not in ashamed.definition
    assert "did something wrong" in guilty.definition
    assert VOCAB.parent_of("guilty") != "ashamed"
    assert "guilty" not in [w.word for w in VOCAB.children("ashamed")]
    # The shame family still offers guilt, from its own root.
    assert [w.word for w in VOCAB.roots("shame")] == ["ashamed", "guilty"]


def test_jealousy_is_a_fear_and_envy_is_not_a_kind_of_jealousy() -> None:
    jealous, envious = VOCAB.get("jealous"), VOCAB.get("envious")
    assert jealous.definition.startswith("Afraid")
    assert jealous.family == "fear"
    assert VOCAB.parent_of("envious") != "jealous"
    assert envious.family == "anger"


def test_neighbour_notes_never_contradict_the_tree() -> None:
    # A note saying "X is about ...; Y is about ..." compares two different things, so
    # neither may be a more precise kind of the other.
    contrasts = {("ashamed", "guilty"), ("jealous", "envious")}
    for a, b in contrasts:
        assert VOCAB.parent_of(a) != b and VOCAB.parent_of(b) != a


# ---------------------------------------------------------------- body states


def test_body_states_are_not_feelings() -> None:
    states = {w.word for w in VOCAB.body_states}
    assert {"tired", "hungry", "in pain", "unwell"} <= states
    assert {"drained", "exhausted", "burnt out", "weary", "listless"} <= states
    assert not states & {w.word for w in VOCAB.words}
    assert all(not w.is_feeling and w.family == BODY_STATE for w in VOCAB.body_states)
    assert not states & {w.word for w in VOCAB.words_in_family("numb")}


def test_tired_says_how_it_differs_from_numb() -> None:
    notes = {n.word: n.difference for n in VOCAB.get("tired").neighbours}
    assert "numb" in notes and "sleep" in notes["numb"]
    exhausted = {n.word for n in VOCAB.get("exhausted").neighbours}
    assert "numb" in exhausted


def test_body_states_are_still_found_by_look_ups() -> None:
    assert VOCAB.by_word("Exhaustion").word == "exhausted"  # type: ignore[union-attr]
    assert VOCAB.body_state("tired") is not None
    assert VOCAB.body_state("sad") is None
    assert VOCAB.family("body").word == "tired"


# ---------------------------------------------------------------- new words


NEW_WORDS = (
    "tired", "tense", "restless", "conflicted", "bittersweet", "resigned", "devastated",
    "trapped", "abandoned", "unsafe", "horrified", "self-loathing", "suspicious", "desire",
    "brave", "nostalgic",
)


@pytest.mark.parametrize("word", NEW_WORDS)
def test_words_people_look_for_are_there_in_full(word: str) -> None:
    w = VOCAB.get(word)
    assert w.definition and w.example and w.sensations and w.neighbours and w.forms
    assert w.level in (1, 2, 3)


def test_mixed_feelings_find_conflicted() -> None:
    assert VOCAB.get("mixed feelings").word == "conflicted"
    assert VOCAB.search("mixed")[0].word == "conflicted"


@pytest.mark.parametrize("word", ["worthless", "hopeless", "despairing"])
def test_heavy_words_carry_a_kind_note_and_an_offer_of_help(word: str) -> None:
    w = VOCAB.get(word)
    assert w.note and "feeling" in w.note
    assert w.offer_help


# ---------------------------------------------------------------- references


def test_every_neighbour_is_a_word() -> None:
    for w in VOCAB.entries:
        for n in w.neighbours:
            assert n.word in VOCAB, f"{w.word} -> {n.word}"


def test_vague_words_offer_only_words_that_exist() -> None:
    for phrase, entry in _json("vague.json").items():
        if phrase.startswith("_"):
            continue
        for word in entry["alternatives"]:
            found = VOCAB.by_word(word)
            assert found is not None and found.word == word, f"{phrase!r} offers {word!r}"


def test_cues_point_only_at_words_of_their_family() -> None:
    for family, cues in _json("cues.json").items():
        if family.startswith("_"):
            continue
        assert family in FAMILY_KEYS or family == "none"
        for phrase in cues:
            if "=>" in phrase:
                word = phrase.split("=>", 1)[1].strip()
                found = VOCAB.by_word(word)
                assert found is not None and found.family == family, phrase


def test_situations_and_body_priors_name_only_real_families() -> None:
    families = set(FAMILY_KEYS)
    assert {k for k in _json("situations.json") if not k.startswith("_")} <= families | {"none"}
    priors = [*body_priors.QUALITY_PRIOR.values(), *body_priors.REGION_QUALITY_PRIOR.values(),
              *body_priors.REGION_PRIOR.values()]
    for prior in priors:
        assert set(prior) <= families


def test_words_the_prompts_offer_exist() -> None:
    # "for 'bad' perhaps disappointed, lonely, irritated or ashamed; for 'good' perhaps ..."
    offered: list[str] = []
    for prompt in load_prompts():
        for text in (prompt.text, *prompt.steps):
            for listed in re.findall(r"perhaps ([a-z ,]+?)(?:[;.]|$)", text):
                offered += [w.strip() for w in re.split(r",| or ", listed) if w.strip()]
    assert offered
    for word in offered:
        assert word in VOCAB, word


def test_demo_journal_words_exist() -> None:
    for sample in SAMPLES:
        for word in sample[3]:
            assert word in VOCAB, word
