"""Tests for the self-harm language detector (pure, no database)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from feelmap.safety.detector import (
    KINDS,
    RiskResult,
    check_many,
    normalise,
    rules,
    signals,
)
from feelmap.safety.detector import check_rules as check

# The rules' own unit tests (rounds 1-11) check the rules' answer, ``check_rules``; how the
# round 12 encoder weighs it is tested in test_encoder.py and test_round12.py.
from feelmap.safety.detector.normalise import variants as _variants

DATA = Path(__file__).parent / "data"


def _load(name: str) -> list[tuple[bool, str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, text = line.split("\t", 1)
        assert label in ("0", "1"), line
        rows.append((label == "1", text))
    return rows


def _scores(rows: list[tuple[bool, str]]) -> tuple[float, float]:
    tp = sum(1 for label, text in rows if label and check(text).risk)
    fp = sum(1 for label, text in rows if not label and check(text).risk)
    fn = sum(1 for label, text in rows if label and not check(text).risk)
    return tp / (tp + fp), tp / (tp + fn)


def test_it_has_enough_written_examples():
    rows = _load("risk_examples.tsv")
    assert sum(1 for label, _ in rows if label) >= 120
    assert sum(1 for label, _ in rows if not label) >= 120
    assert len({text for _, text in rows}) == len(rows), "duplicate examples"


def test_it_reaches_recall_and_precision_on_the_main_set():
    precision, recall = _scores(_load("risk_examples.tsv"))
    assert recall >= 0.95
    assert precision >= 0.85


def test_it_keeps_recall_and_precision_on_the_older_held_out_sets():
    # No longer truly held out: their misses drove rules in rounds 2 to 4.
    for name in ("risk_heldout.tsv", "risk_heldout2.tsv"):
        precision, recall = _scores(_load(name))
        assert precision >= 0.85, name
        assert recall >= 0.9, name


def test_it_has_a_varied_development_set():
    rows = _load("risk_dev.tsv")
    assert sum(1 for label, _ in rows if label) >= 150
    assert sum(1 for label, _ in rows if not label) >= 150
    assert len({text for _, text in rows}) == len(rows), "duplicate examples"


def test_it_reaches_recall_and_precision_on_the_development_set():
    # Written before round 4 and then used to develop it, so these numbers are optimistic;
    # the blind set (bench/safety_detector.py) is the honest one.
    precision, recall = _scores(_load("risk_dev.tsv"))
    assert recall >= 0.95
    assert precision >= 0.9


def test_it_has_a_second_development_set_in_fresh_wording():
    rows = _load("risk_dev2.tsv")
    assert sum(1 for label, _ in rows if label) >= 120
    assert sum(1 for label, _ in rows if not label) >= 120
    assert len({text for _, text in rows}) == len(rows), "duplicate examples"


def test_it_reaches_recall_and_precision_on_the_sets_used_for_the_scoring_layer():
    # Round 5 (the scoring layer) was tuned on these, so they are floors against regressions,
    # not honest estimates; the bench reports the later blind set.
    for name in ("risk_dev2.tsv", "risk_blind.tsv"):
        precision, recall = _scores(_load(name))
        assert recall >= 0.95, name
        assert precision >= 0.85, name


def test_its_speed_gates_never_hide_a_match():
    # A gate only skips a rule when none of its words occur; it must never change an answer.
    gated = [rule for rule in rules.rules() if rule.gate]
    assert gated
    texts = [
        text
        for name in ("risk_examples.tsv", "risk_heldout.tsv", "risk_heldout2.tsv", "risk_dev.tsv")
        for _, text in _load(name)
    ]
    for rule in gated:
        ungated = dataclasses.replace(rule, gate=())
        for text in texts:
            for variant in _variants(normalise(text)):
                if ungated.matches(variant):
                    assert rule.matches(variant), (rule.pattern.pattern[:40], text)


@pytest.mark.parametrize(
    "text",
    [
        "I stood on the railway bridge for ages thinking",
        "I've arranged for my neighbour to take the dog after I'm gone",
        "she's been giving all her things away",
        "I wish I could sleep forever",
        "I want to disappear and never come back",
        "I can't do this anymore",
        "what's even the point of anything anymore",
        "everyone would be better off if I was gone",
        "I won't be a burden much longer",
        "I've been stockpiling my meds",
        "searching for painless methods",
        "I wrote letters for my kids to find after",
        "had a bad sh relapse",
        "I keep scratching until it bleeds",
        "I burned myself with a lighter",
        "my last attempt was two years ago",
    ],
)
def test_it_flags_indirect_warning_signs(text):
    assert check(text).risk


@pytest.mark.parametrize(
    "text",
    [
        # Found only by the scoring layer: ordinary words that mean something together.
        "bought rope today. didnt tell anyone why",
        "filled my prescription early so i'd have extra. nobody counts them",
        "went up to the roof of the parking garage again. it's high enough",
        "wrote letters to mom and my sister tonight. just in case.",
        "asked my neighbour if she'd take the cat if anything happened to me. she said yes",
        "if anyone finds this journal, im sorry. it wasn't anyones fault",
        "cut again last night. first time in 8 months",
        "relapsed. sh. on my thighs this time so nobody sees",
        "43 days clean and i just ruined it. theres blood on my sheets",
        "wearing long sleeves in july again bc of the new marks",
        "last time i tried i woke up in the hospital. this time i'd do it properly",
        "wasted and typing this from the bathroom floor. i dont want to be here tomorrow",
        "I'm just a weight around my partner's neck",
        "they'll be fine, the insurance will cover everything",
        "I know which overpass I'd use",
        "honestly the only thing stopping me is the dog",
        "my little brother told me he cuts and begged me not to tell",
    ],
)
def test_it_flags_indirect_wording_by_meaning(text):
    result = check(text)
    assert result.risk
    assert result.matched_kind in KINDS


@pytest.mark.parametrize(
    "text",
    [
        "finally cut my hair short, feels like a new start",
        "bought rope for the camping trip and some tent pegs",
        "the bridge of that song is stuck in my head all day",
        "ready for the weekend, it's been a long week",
        "relapsed on sugar after a month off, oh well",
        "50 days clean from alcohol today, small win",
        "my cat knocked over a glass and I cut my foot on it",
        "sorted my passwords into a manager finally",
        "I want to disappear for a few days and switch off",
        "I'm ready to let go of this grudge",
        "I want to end things with my boyfriend",
        "picked up my pills from the pharmacy, remembered for once",
        "I hope the train isn't late again tomorrow",
        "we killed a bottle of wine",
        "I'm going to the gym tonight even though I don't want to",
    ],
)
def test_it_ignores_everyday_uses_of_the_same_words(text):
    assert not check(text).risk


def test_its_data_files_load_and_are_checked(tmp_path):
    import json

    assert len(rules.rules()) > 40
    assert signals.table().pairs
    raw = json.loads(rules.DATA.read_text(encoding="utf-8"))
    raw["rules"][0]["kind"] = "not-a-kind"
    bad = tmp_path / "rules.json"
    bad.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError):
        rules.load.__wrapped__(bad)
    raw = json.loads(rules.DATA.read_text(encoding="utf-8"))
    raw["rules"][0]["pattern"] = " {NO_SUCH_BLOCK} "
    bad.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError, match="unknown block"):
        rules.load.__wrapped__(bad)
    raw = json.loads(signals.DATA.read_text(encoding="utf-8"))
    raw["families"]["death"][0]["phrases"].append("Don't")
    bad.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError):
        signals.table.__wrapped__(bad)


def test_its_guards_blank_everyday_uses_before_scoring():
    assert "hair" not in signals.guarded(normalise("I cut my hair"))
    assert signals.score(normalise("bought rope for the camping trip"))[0] < signals.threshold()


def test_its_neutral_context_lowers_the_score():
    plain = signals.score(normalise("I gave my cat away and wrote the letters"))[0]
    neutral = signals.score(normalise("in the novel she gave her cat away and wrote letters"))[0]
    assert neutral < plain


def test_it_gives_a_plain_reason_for_a_scoring_hit_without_quoting():
    result = check("bought rope today zebrafinch. didnt tell anyone why")
    assert result.risk
    assert result.matched_kind == "plan-or-means"
    assert "zebrafinch" not in result.reason and "rope" not in result.reason
    assert result.reason.endswith(".")


@pytest.mark.parametrize(
    "text",
    [
        "killing it at the gym today",
        "dead tired after the night shift",
        "I could die of embarrassment",
        "this commute is killing me",
        "I'm done with this job",
        "my sister is looking after the dog while I'm away",
        "we stood on the bridge and watched the fireworks",
        "checking out of the hotel at ten",
        "I gave my old clothes to the charity shop",
    ],
)
def test_it_ignores_everyday_sad_tired_and_idiomatic_text(text):
    assert not check(text).risk


def test_it_leaves_borderline_everyday_wording_to_the_learned_model():
    # The rules ignore it; the learned model (feelmap/safety/model.py) sits on its threshold.
    result = check("what's the point of meetings like that")
    assert not result.risk or result.matched_kind == "possible-risk"


@pytest.mark.parametrize(
    "text",
    [
        "I want to die",
        "kill myself",
        "kms",
        "unalive",
        "I want to unalive myself",
        "end it all",
        "I don't want to be here anymore",
        "everyone would be better off without me",
        "I cut myself",
        "I want to hurt myself",
        "overdose",
        "there's no reason to live",
        "I wish I wasn't alive",
        "I hope I won't wake up",
        "saying goodbye to everyone",
        "I have the pills",
        "I want to jump off a bridge",
        "I can't go on",
    ],
)
def test_it_flags_the_core_phrases(text):
    result = check(text)
    assert result.risk
    assert result.matched_kind in KINDS


@pytest.mark.parametrize(
    "text",
    [
        "this traffic is killing me",
        "I died laughing",
        "my phone died",
        "kill the lights",
        "dying to see the film",
        "suicide squad movie",
        "cut the onions",
        "I'd kill for a coffee",
        "I cut myself shaving",
        "ran 5 kms this morning",
        "I'm going to die of embarrassment",
        "I want to end things with him",
        "I burnt myself out at work",
    ],
)
def test_it_ignores_obvious_idioms(text):
    assert check(text) == RiskResult(risk=False, reason="", matched_kind=None)


@pytest.mark.parametrize(
    "text",
    [
        "I don't want to be here anymore",
        "I dont want to be here anymore",
        "I don’t want to be here anymore",
        "I DON'T WANT TO BE HERE ANYMORE!!!",
        "i dont want to be here anymore 😭😭",
        "I don't... want to be here anymore",
    ],
)
def test_it_ignores_case_punctuation_apostrophes_and_emoji(text):
    assert check(text).risk


def test_it_handles_spelling_variants():
    for text in ["I want to diiiie", "i wanna die", "want 2 die", "i want to d i e", "sucidal"]:
        assert check(text).risk, text


def test_it_counts_third_person_risk():
    assert check("my friend says she wants to kill herself").risk
    assert check("He told me he wants to die").risk


def test_it_still_prompts_on_negations():
    # Documented choice: a gentle prompt on "I would never..." is better than a miss.
    assert check("I would never hurt myself").risk
    assert check("I'm not going to kill myself").risk


def test_it_reports_the_most_urgent_kind():
    assert check("I want to die").matched_kind == "suicidal-ideation"
    assert check("I cut myself again").matched_kind == "self-harm"
    assert check("I have the pills").matched_kind == "plan-or-means"
    assert check("saying goodbye to everyone").matched_kind == "hopelessness-farewell"
    both = check("I want to die and I have the pills saved up")
    assert both.matched_kind == "plan-or-means"


def test_it_never_quotes_the_text_back():
    secret = "zebrafinch"
    for text in [f"{secret} I want to die", f"I cut myself {secret}", f"kms {secret}"]:
        result = check(text)
        assert result.risk
        assert secret not in result.reason
        assert result.reason.endswith(".")


def test_it_has_a_plain_reason_only_when_there_is_risk():
    assert check("I feel sad").reason == ""
    assert check("I want to die").reason == "The words mention wanting to die."


def test_it_returns_a_frozen_result():
    result = check("I want to die")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.risk = False  # type: ignore[misc]


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\n", "😭😭😭", "我想死吗？", "مرحبا", "\x00\x01\x02", "a" * 10, "-" * 1000],
)
def test_it_does_not_crash_on_odd_input(text):
    assert isinstance(check(text), RiskResult)


def test_it_treats_none_as_empty():
    assert check(None) == RiskResult(False)  # type: ignore[arg-type]


def test_it_knows_a_few_german_and_french_phrases():
    assert check("Ich will nicht mehr leben").risk
    assert check("je veux mourir").risk


def test_it_reads_very_long_everyday_text_without_alarm():
    # Speed is measured by bench/safety_detector.py, not asserted here.
    long_text = "I feel tired and flat today, work was long. " * 2300  # ~100k characters
    assert not check(long_text).risk


def test_it_finds_risk_anywhere_in_long_text():
    filler = "Nothing much happened, I made tea. " * 1500
    assert check(filler + "I want to die. " + filler).risk
    assert check(filler + filler + "kill myself").risk


def test_it_finds_a_phrase_split_across_long_text_pieces():
    # Pieces overlap, so a phrase on a piece boundary is still seen.
    from feelmap.safety.detector import MAX_CHARS

    text = "x " * ((MAX_CHARS - 10) // 2) + " I want to die"
    assert check(text).risk


def test_it_checks_many_in_order():
    results = check_many(["I feel ok", "I want to die", ""])
    assert [r.risk for r in results] == [False, True, False]


def test_it_normalises_text():
    assert normalise("I DON’T Want-to  die!!") == " i dont want to die . "
