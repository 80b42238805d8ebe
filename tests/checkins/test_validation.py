"""The pure check: every bad value gets its own clear message."""

from datetime import UTC, datetime, timedelta

from feelmap.checkins.validation import MAX_LABELS, NOTE_MAX, validate_checkin

NOW = datetime(2025, 3, 14, 18, 30, tzinfo=UTC)


def check(**raw):
    return validate_checkin(raw, now=NOW)


def test_it_accepts_an_empty_check_in_as_now():
    data, errors = check()
    assert errors == {}
    assert data.occurred_at == NOW and data.kind == "quick" and data.labels == []


def test_it_cleans_a_full_check_in():
    data, errors = check(
        kind="full", pleasantness="-2.5", energy=3, not_sure=True,
        sensations=[{"region": "chest", "quality": "tightness", "intensity": "7"}],
        labels=[{"word": "Anxious", "intensity": 6, "confidence": 70},
                {"word": "all over the place", "own": True}],
        ratings={"sad": 2, "happy": "0"}, doing="working", where_own="the old office",
        note="Long day.",
    )
    assert errors == {}
    assert data.pleasantness == -2.5 and data.energy == 3
    assert data.not_sure is True
    assert data.sensations[0].intensity == 7
    assert data.labels[0].text == "anxious" and data.labels[0].family == "fear"
    assert data.labels[1].is_own and data.labels[1].family is None
    assert data.ratings == {"sad": 2, "happy": 0}


def test_it_refuses_out_of_range_values_with_a_message_each():
    _, errors = check(
        pleasantness=6, energy="-7",
        sensations=[{"region": "chest", "quality": "heat", "intensity": 11}],
        labels=[{"word": "sad", "intensity": -1, "confidence": 101}],
        ratings={"sad": 7},
    )
    assert "from -5 to 5" in errors["pleasantness"][0]
    assert "energy" in errors
    assert "sensations.0.intensity" in errors
    assert "labels.0.intensity" in errors and "labels.0.confidence" in errors
    assert "ratings.sad" in errors


def test_it_names_unknown_regions_qualities_and_words():
    data, errors = check(
        sensations=[{"region": "tail", "quality": "tightness"}, {"region": "chest", "quality": "glowing"}],
        labels=["flibbertigibbet"],
    )
    assert data is None
    assert "tail" in errors["sensations.0.region"][0]
    assert "glowing" in errors["sensations.1.quality"][0]
    assert "own word" in errors["labels.0.word"][0]


def test_it_refuses_more_than_three_labels():
    _, errors = check(labels=["sad", "angry", "calm", "happy"])
    assert f"up to {MAX_LABELS}" in errors["labels"][0]


def test_it_refuses_the_same_word_twice():
    _, errors = check(labels=["sad", "Sad"])
    assert "already" in errors["labels.1.word"][0]


def test_it_refuses_a_very_long_note_and_says_the_limit():
    _, errors = check(note="x" * (NOTE_MAX + 1))
    assert "5,000" in errors["note"][0]


def test_it_refuses_a_time_in_the_future_but_allows_clock_drift():
    now = datetime.now(UTC)
    _, errors = check(occurred_at=(now + timedelta(hours=1)).isoformat())
    assert "future" in errors["occurred_at"][0]
    _, errors = check(occurred_at=(now + timedelta(minutes=2)).isoformat())
    assert errors == {}
    _, errors = check(occurred_at="yesterday-ish")
    assert "like 2025-03-14 18:30" in errors["occurred_at"][0]


def test_it_refuses_dates_before_2000_and_without_a_time_zone():
    for when in ("1999-12-31T23:00:00+00:00", "0001-01-01T00:00:00+00:30"):
        _, errors = check(occurred_at=when)
        assert "2000" in errors["occurred_at"][0]
    _, errors = check(occurred_at="2024-01-01T09:00:00")
    assert "time zone" in errors["occurred_at"][0]


def test_yes_or_no_answers_are_true_or_false_and_numbers_are_not_booleans():
    _, errors = check(not_sure="on", labels=[{"word": "sad", "own": 1, "intensity": True}])
    assert set(errors) == {"not_sure", "labels.0.own", "labels.0.intensity"}


def test_control_characters_and_direction_overrides_are_removed_from_free_text():
    data, errors = check(note="a\x00b\u202ec\ud800d\tline\r\nnext",
                         labels=[{"word": "my\u202e own\x07 word", "own": True}],
                         trigger="x\u2066y", doing_own="\x1bz")
    assert errors == {}
    assert data.note == "abcd\tline\nnext"
    assert data.labels[0].text == "my own word"
    assert data.trigger == "xy" and data.doing_own == "z"


def test_a_page_sees_every_problem_at_once():
    _, errors = check(pleasantness=9, energy=0, labels=[{"word": "zzzq", "intensity": 12}],
                      sensations=[{"region": "tail", "quality": "heat"}])
    assert set(errors) == {"pleasantness", "labels.0.intensity", "labels.0.word",
                           "sensations.0.region"}


def test_it_asks_for_both_grid_values_or_neither():
    _, errors = check(pleasantness=2)
    assert "energy" in errors and "pleasantness" not in errors


def test_it_refuses_unknown_fields_kinds_and_context_choices():
    _, errors = check(mood=3, kind="weekly", doing="skydiving", with_whom=["x"])
    assert set(errors) >= {"mood", "kind", "doing", "with_whom"}


def test_it_refuses_ratings_outside_the_persons_set():
    _, errors = validate_checkin({"ratings": {"sad": 3}}, now=NOW, rating_emotions=("calm",))
    assert "not in your set" in errors["ratings.sad"][0]


def test_it_checks_a_persons_own_rating_set():
    from feelmap.checkins.validation import validate_rating_set

    assert validate_rating_set(["Calm", "sad", "calm"]) == (["calm", "sad"], [])
    assert "not in the word list" in validate_rating_set(["calm", "zzz"])[1][0]
    assert "from 2 to 20" in validate_rating_set(["calm"])[1][0]
