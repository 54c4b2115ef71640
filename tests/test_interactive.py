"""The interview in a real pseudo-terminal (pexpect), as a person would use it."""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path

import pexpect
import yaml

TIMEOUT = 20


def spawn(tmp_path: Path, *args: str, columns: int = 100) -> pexpect.spawn:
    env = dict(os.environ, PRSSCHECK_DATA_DIR=str(tmp_path / "data"), XDG_CACHE_HOME=str(tmp_path / "cache"), NO_COLOR="1", TERM="xterm", COLUMNS=str(columns))
    child = pexpect.spawn(sys.executable, ["-m", "prsscheck", "assess", *args], env=env, encoding="utf-8", timeout=TIMEOUT, dimensions=(40, columns))
    return child


def answer(child: pexpect.spawn, prompt: str, reply: str) -> None:
    child.expect_exact(prompt)
    child.expect_exact("> ")
    child.sendline(reply)


def test_full_interview_in_texas_with_a_bad_answer_re_asked(tmp_path):
    child = spawn(tmp_path)
    child.expect_exact("Which state or DC?")
    child.sendline("Texsa")
    child.expect_exact("Unknown state 'Texsa'. Did you mean TX?")
    child.sendline("texas")
    child.expect_exact("Question 1 of")
    answer(child, "How old are you?", "thirty")
    child.expect_exact("Please type a number, for example 12.")
    child.sendline("34")
    child.expect_exact("Question 2 of")
    answer(child, "What lived experience do you bring?", "2")
    answer(child, "What is the highest education you have finished?", "2")
    answer(child, "How many hours of peer support training", "19.5")
    answer(child, "How many hours of peer work or volunteering", "0")
    child.expect_exact("Do you have a criminal record")
    answer(child, "Why we ask: Boards review records case by case", "prefer not to say")
    answer(child, "Are you willing to share your own recovery story", "y")
    for _ in range(3):
        answer(child, "Reflection:", "3")
    child.expect_exact("Your results for Texas (TX)")
    child.expect_exact("Recovery Support Peer Specialist (RSPS)")
    child.expect_exact("Needs review")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert not (tmp_path / "data").exists()  # nothing written without --save


def test_ctrl_c_exits_130_and_offers_to_save(tmp_path):
    child = spawn(tmp_path, "--state", "TX")
    answer(child, "How old are you?", "40")
    child.expect_exact("What lived experience")
    child.sendintr()
    child.expect_exact("Save the answers you gave")
    child.sendline("y")
    child.expect_exact("Saved your answers to")
    child.expect_exact("prsscheck: Interrupted.")
    child.expect(pexpect.EOF)
    output = child.before or ""
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in output
    saved = tmp_path / "data" / "answers.yaml"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert yaml.safe_load(saved.read_text()) == {"state": "TX", "age": 40}

    # --resume asks only what is missing.
    child = spawn(tmp_path, "--resume")
    child.expect_exact("Question 1 of")
    child.expect_exact("What lived experience do you bring?")
    child.sendintr()
    child.expect_exact("Save the answers you gave")
    child.sendline("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_ctrl_c_before_any_answer_says_one_line(tmp_path):
    child = spawn(tmp_path)
    child.expect_exact("Which state or DC?")
    child.sendintr()
    child.expect_exact("prsscheck: Interrupted.")
    child.expect(pexpect.EOF)
    text = child.before or ""
    child.close()
    assert child.exitstatus == 130 and "Traceback" not in text


def test_end_of_input_mid_interview(tmp_path):
    child = spawn(tmp_path, "--state", "PA")
    child.expect_exact("Question 1 of")
    child.sendeof()
    child.expect_exact("input ended before the interview finished")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2


def test_forty_columns_still_reads(tmp_path):
    child = spawn(tmp_path, "--state", "MO", columns=40)
    for _ in range(20):
        index = child.expect([r"> ", "Your results for Missouri"])
        if index == 1:
            break
        prompt = child.before or ""
        if "(e.g. 1,2)" in prompt or "lived experience" in prompt:
            child.sendline("1")
        elif "1." in prompt:
            child.sendline("2")
        elif "y for yes" in prompt or "Do you" in prompt or "Have you" in prompt or "Are you" in prompt:
            child.sendline("y")
        else:
            child.sendline("12")
    child.expect(pexpect.EOF)
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", child.before or "")  # NO_COLOR keeps bold; drop it to measure
    lines = [line for line in plain.splitlines() if line.strip()]
    child.close()
    assert child.exitstatus == 0
    assert lines and max(len(line.rstrip()) for line in lines) <= 40
