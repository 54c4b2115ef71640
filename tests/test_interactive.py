"""The interview in a real pseudo-terminal (pexpect), as a person would use it, on the fixture
rules; and its planning over every real state (pure: every interview ends, the count never grows)."""

from __future__ import annotations

import os
import re
import signal
import stat
import sys
from pathlib import Path

import pexpect
import pytest
import yaml
from conftest import FIXTURE_RULES, RULES

from prsscheck import interview as iv
from prsscheck import rules
from prsscheck.answers import profile_from_mapping
from prsscheck.jurisdictions import CODES

TIMEOUT = 20


def spawn(tmp_path: Path, *args: str, columns: int = 100, rules_dir: Path = FIXTURE_RULES) -> pexpect.spawn:
    env = dict(
        os.environ,
        PRSSCHECK_DATA_DIR=str(tmp_path / "data"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        NO_COLOR="1",
        TERM="xterm",
        COLUMNS=str(columns),
    )
    # Ctrl-C must reach the child even when pytest itself runs with SIGINT ignored.
    return pexpect.spawn(
        sys.executable,
        ["-m", "prsscheck", "assess", "--rules-dir", str(rules_dir), *args],
        env=env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, columns),
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def answer(child: pexpect.spawn, prompt: str, reply: str) -> None:
    child.expect_exact(prompt)
    child.expect_exact("> ")
    child.sendline(reply)


EVERYDAY = [  # (words in the question, what a person types)
    ("How old are you?", "34"),
    ("What lived experience", "alcohol"),
    ("How long have you been in recovery from substance use?", "2 years"),
    ("How many months since", "never"),
    ("highest education", "GED"),
    ("Do you live or work in Texas (at least 51% of the time)?", "yeah"),
    ("share your own recovery story", "maybe"),
    ("hours of peer support training", "20 hours"),
    ("hours of peer work or volunteering", "120h"),
    ("hours of supervision", "none"),
    ("Which of these exams", "none"),
    ("Which of these courses", "none"),
    ("supervisor who will sign", "nope"),
    ("convicted of a crime", "no"),
    ("Reflection", "yes"),
    ("hours a week", ""),
    ("hold a peer certification", "mo-nope"),
    ("No credential has the id", "no"),
    ("planning to move", "Kansas"),
]


def test_full_interview_in_everyday_words(tmp_path):
    child = spawn(tmp_path, "--save")
    child.expect_exact("Which state or DC?")
    child.sendline("Texsa")
    child.expect_exact("Did you mean TX?")
    child.sendline("y")
    child.expect_exact("Texas (TX)")
    answer(child, "How old are you?", "thirty")
    child.expect_exact("Please type a number")
    child.sendline("34.5")
    child.expect_exact("Please type a whole number")
    child.sendline("34")
    totals, prompt, reply = [], "", None
    for _ in range(25):
        index = child.expect([r"Question \d+ of (\d+)", "Your results for Texas", "Please type", "No credential has the id"])
        assert index != 2, f"{reply!r} was refused: {prompt}"
        if index == 3:  # an unknown id is asked again, kindly
            child.expect_exact("> ")
            child.sendline("no")
            continue
        if index == 1:
            break
        totals.append(int(child.match.group(1)))
        child.expect_exact("> ")
        prompt = child.before or ""
        reply = next((typed for words, typed in EVERYDAY if words in prompt), None)
        assert reply is not None, prompt
        child.sendline(reply)
    child.expect_exact("You are here: step 1 done")  # 20 hours: the core training (19.5) is done
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert totals == sorted(totals, reverse=True), totals  # the count never grows
    saved = yaml.safe_load((tmp_path / "data" / "answers.yaml").read_text())
    assert saved["recovery_months"] == 24 and saved["training_hours"] == 20 and saved["experience_hours"] == 120
    assert saved["lived_experience"] == ["substance_use"] and saved["education"] == "high_school_or_ged" and saved["in_state"] is True
    assert saved["willing_to_share"] is False and saved["months_since"] == {"incarceration": "never"}
    assert saved["moving_to"] == "KS" and saved.get("credentials_held", []) == []


def test_prefer_not_to_say_everywhere_finishes(tmp_path):
    child = spawn(tmp_path, "--state", "TX")
    asked = 0
    while True:
        index = child.expect([r"> ", "Your results for Texas"])
        if index == 1:
            break
        asked += 1
        assert asked < 30, f"the interview does not end: {child.before}"
        prompt = (child.before or "").split("\n", 1)[-1]  # without the echo of the last reply
        if "How old" in prompt or "for example 34" in prompt:
            child.sendline("25")
        elif "prefer not to say" in prompt:
            child.sendline("prefer not to say")
        elif "hours a week" in prompt:
            child.sendline("")
        elif "y for yes" in prompt:
            child.sendline("n")
        elif "or 'no'" in prompt:
            child.sendline("no")
        elif "(e.g. 1,2)" in prompt or "Choose all" in prompt:
            child.sendline("none")
        else:
            child.sendline("0")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_ctrl_c_exits_130_and_offers_to_save(tmp_path):
    child = spawn(tmp_path, "--state", "TX")
    answer(child, "How old are you?", "40")
    child.expect_exact("What lived experience")
    child.sendintr()
    child.expect_exact("Save the answers you gave")
    child.expect_exact("[y/N]")
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
    child = spawn(tmp_path, "--state", "MO")
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
        if "lived experience" in prompt:
            child.sendline("1")
        elif "or 'no'" in prompt:
            child.sendline("no")
        elif "1." in prompt:
            child.sendline("2")
        elif "y for yes" in prompt:
            child.sendline("y")
        else:
            child.sendline("12")
    child.expect(pexpect.EOF)
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", child.before or "")  # NO_COLOR keeps bold; drop it to measure
    lines = [line for line in plain.splitlines() if line.strip()]
    child.close()
    assert child.exitstatus == 0
    assert lines and max(len(line.rstrip()) for line in lines) <= 40


# ---------------------------------------------------------------- planning over the real states (pure)


def _reply(q) -> str:
    if q.allow_skip:
        return "prefer not to say"
    return {"yesno": "n", "multi": "none", "choice": "1"}.get(q.form, {"age": "30", "hours_per_week": ""}.get(q.key, "0"))


@pytest.mark.parametrize("code", [c for c in CODES])
def test_every_state_interview_ends_and_its_count_never_grows(code):
    j = rules.load_jurisdiction(RULES, code)
    plan = iv.plan(j)
    answers: dict = {"state": code}
    total = None
    for asked in range(1, 60):
        todo = plan.questions(answers)
        if not todo:
            break
        now = asked + len(todo) - 1
        assert total is None or now <= total, f"question {asked}: {now} > {total}"
        total = now
        iv.record(todo[0], answers, iv.parse(todo[0], _reply(todo[0])))
    else:
        pytest.fail("the interview does not end")
    profile_from_mapping(iv.clean(answers))  # every answer given is a valid answers file: nothing is lost at the end


def test_an_adult_with_own_recovery_is_not_asked_youth_or_family_questions():
    j = rules.load_jurisdiction(FIXTURE_RULES, "TX")
    plan = iv.plan(j)
    answers = {"state": "TX", "age": 40, "lived_experience": ["substance_use"]}
    keys = {q.key for q in plan.questions(answers)}
    assert not keys & {"caregiver_months", "caregiver_of_child", "youth_experience", "service_months"}
    # max_age rules the youth credential out; family experience is not theirs
    assert {c.id for c in plan.in_reach(answers)} == {"tx-rsps", "tx-apr", "tx-unk"}


def test_exams_are_one_question_over_the_credentials_in_reach():
    j = rules.load_jurisdiction(FIXTURE_RULES, "TX")
    questions = iv.plan(j).questions({"state": "TX", "age": 25, "lived_experience": ["mental_health"]})
    exams = [q for q in questions if q.key == "exam_passed"]
    assert len(exams) == 1 and [c.key for c in exams[0].choices] == ["tx-mhps-exam", "tx-yps-exam"]


@pytest.mark.parametrize(
    ("key", "typed", "value"),
    [
        ("age", "34 years old", 34),
        ("recovery_months", "2 years", 24),
        ("recovery_months", "1.5 years", 18),
        ("recovery_months", "18 months", 18),
        ("recovery_months", "a year and a half", 18),
        ("recovery_months", "none", 0),
        ("training_hours", "20h", 20),
        ("training_hours", "zero", 0),
        ("education", "high school", "high_school_or_ged"),
        ("education", "bachelor's", "bachelor"),
        ("lived_experience", "depression and alcohol", ["mental_health", "substance_use"]),
        ("lived_experience", "my son", ["family"]),
        ("lived_experience", "1, 2", ["mental_health", "substance_use"]),
        ("background", "nope", "none"),
        ("background", "yes", "has_record"),
        ("in_state", "yeah", True),
        ("willing_to_share", "maybe", False),
    ],
)
def test_everyday_answers_are_understood(key, typed, value):
    from prsscheck.kinds import ANSWERS

    assert iv.parse(ANSWERS[key].question, typed) == value


@pytest.mark.parametrize(
    ("key", "typed"), [("age", "34.5"), ("age", "old"), ("recovery_months", "2 parsecs"), ("education", "7"), ("in_state", "perhaps not")]
)
def test_unclear_answers_are_asked_again(key, typed):
    from prsscheck.kinds import ANSWERS

    with pytest.raises(ValueError):
        iv.parse(ANSWERS[key].question, typed)


def test_an_ohio_adult_with_own_recovery_is_asked_no_youth_or_family_exam():
    ohio = rules.load_jurisdiction(RULES, "OH")
    questions = iv.plan(ohio).questions({"state": "OH", "age": 40, "lived_experience": ["substance_use"]})
    adult = {c.id for c in ohio.credentials if c.lived_experience in ("mental_health", "substance_use", "either")}
    exams = [c.key for q in questions if q.key == "exam_passed" for c in q.choices]
    assert exams and all(exam.rsplit("-exam", 1)[0] in adult or exam == "icrc_pr" for exam in exams)
    assert not {q.key for q in questions} & {"caregiver_months", "caregiver_of_child", "youth_experience"}
