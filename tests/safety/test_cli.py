"""`feelmap safety-check`, run as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys

FEELMAP = [sys.executable, "-m", "feelmap.cli"]


def _run(args, tmp_path, stdin=""):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FEELMAP_"))}
    env.pop("DATABASE_URL", None)
    env["FEELMAP_DATA_DIR"] = str(tmp_path)
    return subprocess.run([*FEELMAP, "safety-check", *args], env=env, input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_it_prints_json_for_one_text(tmp_path):
    result = _run(["--json", "I want to kill myself"], tmp_path)
    assert result.returncode == 0
    found = json.loads(result.stdout)
    assert found["risk"] is True and found["reason"]
    assert "kill myself" not in found["reason"]  # the reason never repeats the words


def test_it_says_no_risk_plainly(tmp_path):
    result = _run(["this traffic is killing me"], tmp_path)
    assert result.stdout.strip() == "risk: no"
    result = _run(["--json", "what a lovely walk"], tmp_path)
    assert json.loads(result.stdout) == {"risk": False, "reason": None}


def test_it_checks_a_file_line_by_line(tmp_path):
    lines = ["I don't want to be here anymore", "my phone died", "", "I keep cutting myself"]
    source = tmp_path / "texts.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _run(["--batch", str(source)], tmp_path)
    assert result.returncode == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["risk"] for o in out] == [True, False, False, True]
    assert "checked 4 lines" in result.stderr


def test_it_reads_standard_input(tmp_path):
    result = _run(["--batch", "-"], tmp_path, stdin="I want to die\n")
    assert json.loads(result.stdout)["risk"] is True


def test_it_explains_a_missing_file_and_missing_text(tmp_path):
    result = _run(["--batch", str(tmp_path / "nope.txt")], tmp_path)
    assert result.returncode != 0 and "cannot read" in result.stderr
    result = _run([], tmp_path)
    assert result.returncode != 0 and "Give the text to check" in result.stderr
    result = _run(["some text", "--batch", "x"], tmp_path)
    assert result.returncode != 0 and "not both" in result.stderr
