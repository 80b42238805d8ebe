"""analysis.py: pure naming help for the journal (no database)."""


from feelmap.journal import analysis


def words_of(highlights):
    return [h["word"] for h in highlights]


def test_it_finds_emotion_words_with_their_inflections():
    text = "I was angry, the anger stayed, and today I'm angrier still."
    found = analysis.emotion_words(text)
    assert words_of(found) == ["angry", "angry", "angry"]
    assert [h["form"] for h in found] == ["angry", "anger", "angrier"]
    assert all(text[h["start"] : h["end"]] == h["form"] for h in found)
    assert found[0]["definition"]
    assert found[0]["family"] == "anger"
    assert found[0]["family_label"] == "Anger"


def test_it_passes_negation_through_instead_of_hiding_the_word():
    result = analysis.analyse("I am not angry at all, just tired.")
    angry = [h for h in result["highlights"] if h["word"] == "angry"]
    assert angry and angry[0]["negated"] is True
    # A negated word is not one the person "used" for themselves ...
    assert "angry" not in [w["word"] for w in result["words_used"]]
    # ... and it does not lead the suggestions.
    assert not result["suggestions"] or result["suggestions"][0]["word"] != "angry"


def test_it_cuts_the_text_into_segments_that_rebuild_it_exactly():
    text = "Sad 😣 and then calm. Ünïcode ok."
    result = analysis.analyse(text)
    assert "".join(s["text"] for s in result["segments"]) == text
    marked = [s for s in result["segments"] if "word" in s]
    assert [s["word"] for s in marked] == ["sad", "calm"]


def test_it_offers_precise_alternatives_for_vague_words_once_each():
    result = analysis.analyse("Today was bad. Really bad. I feel off and kind of stressed.")
    vague = {v["word"].lower(): v for v in result["vague"]}
    assert set(vague) >= {"bad", "off", "stressed"}
    bad = vague["bad"]
    assert "which kind" in bad["question"].lower()
    assert len(bad["alternatives"]) >= 3
    for alt in bad["alternatives"]:
        assert alt["definition"] and alt["family"] and alt["slug"]
    assert [v["word"].lower() for v in result["vague"]].count("bad") == 1


def test_it_suggests_words_with_definitions_and_reasons():
    result = analysis.analyse("My chest is tight and I can't sit still. What if it goes wrong?")
    suggestions = result["suggestions"]
    assert suggestions
    assert suggestions[0]["family"] == "fear"
    for s in suggestions:
        assert s["definition"] and s["why"] and s["family_label"]
        assert isinstance(s["score"], float)


def test_it_leaves_out_words_already_chosen():
    text = "I was so angry and annoyed at them."
    before = [s["word"] for s in analysis.suggestions(text)]
    assert before
    after = [s["word"] for s in analysis.suggestions(text, chosen=[before[0]])]
    assert before[0] not in after


def test_it_learns_from_the_words_a_person_chose_before():
    text = "Sunday evening again, thinking about the week at the office."
    history = [
        ("Sunday evening, the office week ahead, thinking about it all.", ["dreading"]),
        ("Another Sunday evening, the week at the office coming.", ["dreading"]),
    ]
    plain = [s["word"] for s in analysis.suggestions(text, top=8)]
    learned = analysis.suggestions(text, history=history, top=8)
    learned_words = [s["word"] for s in learned]
    assert "dreading" in learned_words
    assert "dreading" not in plain or learned_words.index("dreading") < plain.index("dreading")
    dread = next(s for s in learned if s["word"] == "dreading")
    assert "before" in dread["why"]


def test_it_answers_empty_text_with_nothing_to_show():
    for text in ("", "   ", None):
        result = analysis.analyse(text)
        assert result["highlights"] == [] and result["vague"] == []
        assert result["suggestions"] == [] and result["truncated"] is False


def test_it_copes_with_emoji_and_other_languages():
    for text in ("😭😭😭", "Je suis très triste aujourd'hui", "悲しい", "\x00\ufffd"):
        result = analysis.analyse(text)
        assert set(result) >= {"highlights", "vague", "suggestions", "segments"}


def test_it_bounds_very_long_text_and_stays_fast():
    text = "I felt tense and worried about the meeting, then relieved. " * 3000
    result = analysis.analyse(text)
    assert result["truncated"] is True
    assert result["analysed_chars"] == analysis.MAX_ANALYSED_CHARS
    # Bounded work, checked without a stopwatch: everything past the cap is left alone, so
    # the answer is the one for the capped text.
    capped = analysis.analyse(text[: analysis.MAX_ANALYSED_CHARS])
    assert capped["truncated"] is False
    assert {k: v for k, v in result.items() if k != "truncated"} == {
        k: v for k, v in capped.items() if k != "truncated"}


def test_it_accepts_vocabulary_words_as_labels_in_any_form():
    labels, problems = analysis.check_labels(
        ["Anger", "angry", "worried"], {"worried": "suggestion"}
    )
    assert problems == []
    assert [(lb.word, lb.family, lb.added_from) for lb in labels] == [
        ("angry", "anger", "own"),
        ("worried", "fear", "suggestion"),
    ]


def test_it_explains_unknown_label_words_and_too_many_labels():
    _labels, problems = analysis.check_labels(["flibbertigibbet"])
    assert len(problems) == 1 and "flibbertigibbet" in problems[0]
    many = [w.word for w in analysis.label_words()[: analysis.MAX_LABELS + 1]]
    _labels, problems = analysis.check_labels(many)
    assert any("Up to" in p for p in problems)


def test_it_splits_typed_label_lists():
    assert analysis.split_labels(" angry,  let   down ,, Angry,") == ["angry", "let down"]
    assert analysis.split_labels(None) == []
    assert analysis.split_labels(["sad", " sad "]) == ["sad"]


def test_it_makes_word_page_slugs():
    assert analysis.slug("Shut down") == "shut-down"
