"""`feelmap suggest` and `feelmap words`, in process and as a real command."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from feelmap.lexicon.management import suggest_cli
from feelmap.lexicon.vocabulary import FAMILY_KEYS


def run(*args, stdin=""):
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        call_command(*args, stdout=out, stderr=err)
    finally:
        sys.stdin = old
    return out.getvalue(), err.getvalue()


def check_answer(answer, top=5):
    assert set(answer) == {"suggestions"}
    assert len(answer["suggestions"]) <= top
    for s in answer["suggestions"]:
        assert set(s) == {"word", "family", "score", "why"}
        assert s["family"] in FAMILY_KEYS
    scores = [s["score"] for s in answer["suggestions"]]
    assert scores == sorted(scores, reverse=True)


# ---------------------------------------------------------------- suggest, one text


def test_it_prints_exactly_the_json_object():
    out, _ = run("suggest", "--json", "--top", "3", "my chest is tight")
    answer = json.loads(out)
    check_answer(answer, top=3)
    assert answer["suggestions"]


def test_it_joins_unquoted_words_into_one_text():
    quoted, _ = run("suggest", "--json", "my chest is tight")
    unquoted, _ = run("suggest", "--json", "my", "chest", "is", "tight")
    assert quoted == unquoted


def test_it_reads_the_text_from_standard_input():
    out, _ = run("suggest", "--json", "-", stdin="I feel so alone tonight\n")
    check_answer(json.loads(out))


def test_it_prints_a_readable_table_without_json():
    out, _ = run("suggest", "--top", "2", "I am furious with my boss")
    lines = out.strip().splitlines()
    assert lines[0].split()[:3] == ["word", "family", "score"]
    assert lines[1].lstrip().startswith("1.")
    assert len(lines) == 3


def test_it_explains_an_empty_answer_in_the_table():
    assert "nothing to go on" in run("suggest", " ")[0]


@pytest.mark.parametrize("top", ["0", "21"])
def test_it_refuses_a_top_out_of_range(top):
    with pytest.raises(CommandError, match="between 1 and 20"):
        run("suggest", "--top", top, "sad")


def test_it_asks_for_a_text_when_there_is_none():
    with pytest.raises(CommandError, match="give a text"):
        run("suggest")


def test_it_refuses_a_text_and_a_batch_together(tmp_path):
    with pytest.raises(CommandError, match="not both"):
        run("suggest", "--batch", str(tmp_path / "x.txt"), "sad")


# ---------------------------------------------------------------- suggest, batch


def test_it_answers_one_line_per_line_in_order(tmp_path):
    texts = ["my chest is tight", "", "I am so angry", "   ", "😶", "je suis triste",
             "everything feels grey and heavy"]
    source = tmp_path / "texts.txt"
    source.write_text("\n".join(texts) + "\n", encoding="utf-8")
    out, err = run("suggest", "--batch", str(source), "--top", "2")
    answers = [json.loads(line) for line in out.splitlines()]
    assert len(answers) == len(texts)
    for text, answer in zip(texts, answers, strict=True):
        check_answer(answer, top=2)
        if not text.strip():
            assert answer == {"suggestions": []}
    assert answers[2]["suggestions"][0]["family"] == "anger"
    assert "7 lines" in err


def test_it_matches_the_one_text_answer(tmp_path):
    source = tmp_path / "texts.txt"
    source.write_text("my chest is tight\r\nI am so angry\r\n", encoding="utf-8")
    out, _ = run("suggest", "--batch", str(source))
    single, _ = run("suggest", "--json", "I am so angry")
    assert out.splitlines()[1] == single.strip()


def test_it_reads_a_batch_from_standard_input():
    out, _ = run("suggest", "--batch", "-", stdin="sad\nscared\n")
    assert len(out.splitlines()) == 2


def test_it_reports_progress_for_a_long_file(tmp_path, monkeypatch):
    monkeypatch.setattr(suggest_cli, "PROGRESS_EVERY", 10)
    source = tmp_path / "texts.txt"
    source.write_text("tired\n" * 25, encoding="utf-8")
    out, err = run("suggest", "--batch", str(source))
    assert len(out.splitlines()) == 25
    assert "10 lines done" in err and "20 lines done" in err
    assert "Suggested words for 25 lines." in err


def test_it_survives_bytes_that_are_not_utf8(tmp_path):
    source = tmp_path / "texts.txt"
    source.write_bytes(b"sad\n\xff\xfe broken\nangry\n")
    out, _ = run("suggest", "--batch", str(source))
    assert len(out.splitlines()) == 3


def test_it_says_clearly_when_the_file_is_missing(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run("suggest", "--batch", str(tmp_path / "missing.txt"))


def test_it_says_clearly_when_the_file_is_a_folder(tmp_path):
    with pytest.raises(CommandError, match="folder"):
        run("suggest", "--batch", str(tmp_path))


# ---------------------------------------------------------------- words


def test_it_lists_every_family():
    out, _ = run("words")
    for key in FAMILY_KEYS:
        assert key.upper() in out


def test_it_lists_one_family():
    out, _ = run("words", "--family", "numb")
    assert "shut down" in out and "furious" not in out


def test_it_lists_one_family_as_json():
    out, _ = run("words", "--family", "calm", "--json")
    words = json.loads(out)["words"]
    assert words and {w["family"] for w in words} == {"calm"}


def test_it_refuses_an_unknown_family():
    with pytest.raises(CommandError, match="no family"):
        run("words", "--family", "glee")


# ---------------------------------------------------------------- real processes


def _env():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FEELMAP_"))}
    env.pop("DATABASE_URL", None)
    return env


def test_it_runs_as_the_feelmap_command(tmp_path):
    # Its cold start is measured by bench/suggest_speed.py, not asserted here.
    env = {**_env(), "FEELMAP_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "feelmap.cli", "suggest", "--json", "my chest is tight"],
        env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    check_answer(json.loads(result.stdout))


def test_it_runs_without_django_too(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "feelmap.lexicon.management.suggest_cli", "--json", "-"],
        env=_env(), input="I can't stop shaking", capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    check_answer(json.loads(result.stdout))


def test_it_exits_with_an_error_for_a_missing_file_as_a_command(tmp_path):
    env = {**_env(), "FEELMAP_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "feelmap.cli", "suggest", "--batch", str(tmp_path / "nope.txt")],
        env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode != 0
    assert "no such file" in result.stderr and not result.stdout


def test_it_stops_quietly_when_the_reader_goes_away(tmp_path):
    source = tmp_path / "texts.txt"
    source.write_text("sad\n" * 3000, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "feelmap.lexicon.management.suggest_cli", "--batch", str(source)],
        env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    proc.stdout.readline()
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err
