"""Suggestion engine: pure functions, no database."""

from __future__ import annotations

from pathlib import Path

from feelmap.lexicon.suggest import (
    FAMILIES,
    find_emotion_words,
    get_engine,
    vague_alternatives,
)
from feelmap.lexicon.suggest.quality import load_tsv, macro_topk

DATA = Path(__file__).parent / "data"


def families(text, **kw):
    return [s.family for s in get_engine().suggest(text, **kw)]


def test_it_is_a_cached_singleton():
    assert get_engine() is get_engine()


def test_it_suggests_fear_for_a_bodily_description():
    out = get_engine().suggest("my chest is tight and I can't sit still", top=3)
    assert out[0].family == "fear"
    assert "tight" in out[0].why and "sit still" in out[0].why


def test_it_returns_plain_dicts():
    d = get_engine().suggest("I am so sad today")[0].as_dict()
    assert set(d) == {"word", "family", "score", "why"}
    assert d["family"] in FAMILIES
    assert isinstance(d["score"], float) and d["score"] == round(d["score"], 3)


def test_it_finds_explicit_words_first():
    out = get_engine().suggest("I was furious with him", top=3)
    assert out[0].word == "furious"
    assert "furious" in out[0].why


def test_it_handles_negation():
    assert "anger" not in families("I'm not angry at all", top=2)
    assert families("I'm angry", top=1) == ["anger"]
    assert "joy" not in families("I'm not happy", top=1)


def test_it_keeps_negated_phrases_that_mean_something():
    assert families("I can't feel anything anymore", top=1) == ["numb"]
    assert families("I couldn't sit still all day", top=1) == ["fear"]


def test_it_weighs_intensity_words():
    e = get_engine()
    strong = e.family_scores("I am extremely angry")[0]["anger"]
    mild = e.family_scores("I am a bit angry")[0]["anger"]
    plain = e.family_scores("I am angry")[0]["anger"]
    assert strong > plain > mild


def test_it_interleaves_families():
    out = get_engine().suggest("everything feels heavy and I can't stop worrying", top=3)
    assert len({s.family for s in out}) >= 2


def test_it_finds_inflected_emotion_words():
    matches = find_emotion_words("She was annoyed and I'm feeling so ANXIOUS, happiness gone")
    words = {(m.word, m.family) for m in matches}
    assert ("annoyed", "anger") in words
    assert ("anxious", "fear") in words
    assert ("happy", "joy") in words
    m = next(m for m in matches if m.word == "anxious")
    text = "She was annoyed and I'm feeling so ANXIOUS, happiness gone"
    assert text[m.start:m.end] == m.form == "ANXIOUS"


def test_it_finds_multi_word_emotion_words():
    assert any(m.word == "left out" for m in find_emotion_words("I felt so left out at the party"))


def test_it_does_not_take_body_states_for_feelings():
    # Tired, burnt out, hungry: body states, kept out of the emotion words on purpose.
    found = {m.word for m in find_emotion_words("I am totally burnt out, tired and hungry")}
    assert not found & {"burnt out", "tired", "exhausted", "hungry"}


def test_it_offers_vague_alternatives():
    found = vague_alternatives("I feel bad and kind of off, idk")
    by_word = {v.word.lower(): v for v in found}
    assert {"bad", "off", "idk"} <= set(by_word)
    assert by_word["bad"].question == "Which kind of bad?"
    assert len(by_word["bad"].alternatives) >= 3
    assert by_word["bad"].start == 7


def test_it_does_not_flag_off_outside_feelings():
    assert not [v for v in vague_alternatives("I turned off the light") if v.word == "off"]


def test_it_learns_from_history():
    e = get_engine()
    text = "work meeting again with the manager, stomach churning"
    before = [s.word for s in e.suggest(text, top=5)]
    history = [("another work meeting with the manager today", ["apprehensive"])] * 3
    after = [s.word for s in e.suggest(text, history=history, top=5)]
    assert "apprehensive" in after[:3]
    assert after != before
    why = next(s.why for s in e.suggest(text, history=history) if s.word == "apprehensive")
    assert "similar entry" in why


def test_it_uses_sensations_and_affect_without_text():
    e = get_engine()
    assert families("", sensations=[("face", "heat")], top=1) == ["shame"]
    assert families("", sensations=[{"region": "throat", "quality": "lump"}], top=1) == [
        "sadness"]
    assert families(None, affect=(3, -4), top=1) == ["calm"]
    assert e.suggest("", sensations=[("chest", "tightness")])[0].why.startswith("you marked")


def test_it_returns_nothing_without_evidence():
    e = get_engine()
    assert e.suggest("") == []
    assert e.suggest(None) == []
    assert e.suggest("   \n ") == []
    assert e.suggest("hello", top=0) == []


def test_it_survives_odd_inputs():
    e = get_engine()
    for bad in (123, b"bytes", ["list"], {"a": 1}):
        e.suggest(bad)
    e.suggest("sad", sensations="chest", affect="loud", history="nope", top="x")
    e.suggest("sad", sensations=[None, (1,), ("chest",)], affect=(float("nan"), 1),
              history=[None, ("x",), ("y", None)])
    assert vague_alternatives(None) == []
    assert find_emotion_words(None) == []


def test_it_handles_emoji_and_other_languages():
    assert families("😢", top=1) == ["sadness"]
    assert families("😡😡", top=1) == ["anger"]
    for text in ("Je suis très triste", "我今天很难过", "Ich bin müde 😴", "🙂‍↔️‍🔥"):
        for s in get_engine().suggest(text):
            assert s.family in FAMILIES


def test_it_reads_very_long_text():
    # Its time is measured by bench/suggest_speed.py, not asserted here.
    text = "I feel tight in my chest and cannot sit still. " * 5000  # ~235k characters
    out = get_engine().suggest(text)
    assert out and out[0].family == "fear"
    assert len(vague_alternatives("meh " * 60_000)) <= 1000


def test_it_suggests_many():
    out = get_engine().suggest_many(["so happy", "so scared"], top=2)
    assert [o[0].family for o in out] == ["joy", "fear"]


def test_it_meets_the_first_person_quality_floor():
    e = get_engine()
    rows = load_tsv(DATA / "first_person.tsv")
    assert len(rows) >= 220
    res = macro_topk(lambda t: [s.family for s in e.suggest(t, top=3)], rows)
    assert res["top3"] >= 0.85, res


def test_it_meets_the_tuning_set_quality_floor():
    e = get_engine()
    rows = load_tsv(DATA / "first_person_tune.tsv")
    assert len(rows) >= 220
    assert {f for _, fams in rows for f in fams} == set(FAMILIES)
    res = macro_topk(lambda t: [s.family for s in e.suggest(t, top=3)], rows)
    assert res["top3"] >= 0.9, res


def test_it_matches_cues_on_stems_and_irregular_forms():
    from feelmap.lexicon.suggest.text import stem

    assert stem("absorbing") == stem("absorbed") == stem("absorb")
    assert stem("hid") == stem("hiding") == stem("hide")
    assert stem("felt") == stem("feel")
    assert "interest" in families("I was completely absorbed in the book", top=2)


def test_it_matches_phrases_with_a_short_gap():
    assert "shame" in families("I hid my report card in my bag", top=2)
    assert "shame" in families("I hide the school report from my dad", top=2)
    from feelmap.lexicon.suggest.cues import Pattern, PhraseMatcher
    from feelmap.lexicon.suggest.text import words

    m = PhraseMatcher([Pattern(("hide", "...", "report"), "shame", 2.0)])
    assert m.raw_matches(words("I hid my school report"))
    assert not m.raw_matches(words("I hid it. The report was fine."))  # one clause only
    assert not m.raw_matches(words("I hid it from them and the report"))  # at most 3 between


def test_it_reads_situations_without_feeling_words():
    assert families("Found a fingernail in my salad", top=1) == ["disgust"]
    assert families("there was a long hair in the soup", top=1) == ["disgust"]
    assert families("my cheeks went scarlet when they called my name", top=1) == ["shame"]
    assert "numb" in families("the news came and I didn't react at all", top=2)


def test_it_reads_relief_as_calm_not_worry():
    assert families("the worry from this morning drained away after my walk", top=1) == ["calm"]


def test_it_keeps_the_feeling_after_cant_stop():
    assert families("I couldn't stop giggling all evening", top=1) == ["joy"]


def test_it_guards_words_with_other_meanings():
    assert not any(m.word == "flat" for m in find_emotion_words("we moved into my flat"))
    assert "numb" not in families("I got a flat tyre on the way to my new flat", top=1)
    assert "numb" in families("everything feels flat and far away", top=2)


def test_it_scopes_negation_over_function_words():
    assert "anger" not in families("I don't think I was ever angry about it", top=2)
    assert families("I wasn't angry, I was hurt", top=1) != ["anger"]


def test_it_learns_from_history_across_word_forms():
    e = get_engine()
    text = "meetings with my manager again, stomach churning"
    history = [("another meeting with the managers today", ["apprehensive"])] * 3
    assert "apprehensive" in [s.word for s in e.suggest(text, history=history, top=3)]


def test_it_reads_hand_written_sets_in_either_column_order(tmp_path):
    a = tmp_path / "a.tsv"
    a.write_text("# comment\nI hid it, then cried\tshame,sadness\n", encoding="utf-8")
    b = tmp_path / "b.tsv"
    b.write_text("shame\tI hid it, then cried\n", encoding="utf-8")
    assert load_tsv(a) == [("I hid it, then cried", frozenset({"shame", "sadness"}))]
    assert load_tsv(b) == [("I hid it, then cried", frozenset({"shame"}))]
