"""The readiness interview behind `prsscheck assess`.

Two halves: *planning* is pure (which questions a state's rules need, given the
answers so far: ask only what can change a verdict, never the same thing twice);
*asking* reads a terminal, re-asks on bad input and returns the answers as a mapping
in the answers-file format, so the interview and `--answers` meet in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from prsscheck.engine import PREFER_NOT
from prsscheck.model import Jurisdiction

SKIP_WORDS = {"prefer not to say", "prefer not", "skip", "pass", "p"}


@dataclass(frozen=True)
class Choice:
    key: str  # what goes into the answers
    label: str  # what the person reads


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    kind: str  # number | choice | multi | yesno
    why: str | None = None
    choices: tuple[Choice, ...] = ()
    low: float = 0
    high: float = 100_000
    allow_skip: bool = False
    applies: Callable[[Mapping[str, Any]], bool] = field(default=lambda answers: True, compare=False)
    store: Callable[[Mapping[str, Any], Any], dict[str, Any]] | None = field(default=None, compare=False)


def _reqs(j: Jurisdiction, kind: str):
    return [r for c in j.credentials for r in c.all(kind)]


def _has_own_experience(answers: Mapping[str, Any]) -> bool:
    lived = answers.get("lived_experience")
    return lived == PREFER_NOT or bool(set(lived or ()) & {"mental_health", "substance_use"})


def _add_exam(exam_id: str) -> Callable[[Mapping[str, Any], Any], dict[str, Any]]:
    def store(answers: Mapping[str, Any], value: Any) -> dict[str, Any]:
        passed = list(answers.get("exam_passed") or [])
        if value is True and exam_id not in passed:
            passed.append(exam_id)
        return {"exam_passed": passed, f"_asked_{exam_id}": True}

    return store


READINESS_PATTERN = re.compile(r"share|story|self-assessment|readiness|orientation|self-directed", re.I)

READINESS_QUESTIONS = {
    "share_story": "I am ready to share parts of my recovery story to help others, in a way that feels safe to me.",
    "wellness": "I have a wellness or relapse-prevention plan that I use, and people I can check in with.",
    "emotional": "I can listen to hard stories that may echo my own past, and I know how to get support.",
    "motivation": "I want to do this work and I can commit to the whole training course.",
    "teamwork": "I can work alongside clinical staff and follow a peer code of ethics.",
    "practical": "I have the time, transport or internet, and a private place to attend training.",
}
# The interview asks three short reflections; an answers file may carry all six themes.
INTERVIEW_THEMES = ("wellness", "emotional", "practical")
READINESS_SCALE = (Choice("1", "Not yet"), Choice("2", "Somewhat"), Choice("3", "Yes"))


def plan(j: Jurisdiction) -> list[Question]:
    """Every question this state's rules could need, in the order they are asked."""
    qs: list[Question] = []
    ages = [r.years for r in _reqs(j, "min_age") if r.years is not None]
    if ages:
        qs.append(Question("age", "How old are you?", "number", low=10, high=120, why=f"Credentials here ask a minimum age of {min(ages)}" + (f" to {max(ages)}." if max(ages) != min(ages) else ".")))
    qs.append(Question(
        "lived_experience", "What lived experience do you bring? Choose all that apply (e.g. 1,2).", "multi",
        why="Each credential is for a kind of lived experience; this decides which ones fit you.",
        choices=(Choice("mental_health", "My own mental health recovery"), Choice("substance_use", "My own recovery from substance use"), Choice("family", "As a parent, caregiver or family member of someone with these challenges")),
        allow_skip=True,
    ))
    if any(r.months for r in _reqs(j, "recovery_time")):
        needed = sorted({r.months for r in _reqs(j, "recovery_time") if r.months})
        qs.append(Question(
            "recovery_months", "How many months have you been in continuous recovery? (0 if you are just starting)", "number", low=0, high=1200,
            why=f"Some credentials here ask for {', '.join(map(str, needed))} months. There is no wrong answer: recovery looks different for everyone.",
            applies=_has_own_experience,
        ))
    if any(r.level == "high_school_or_ged" for r in _reqs(j, "education")):
        qs.append(Question("education", "What is the highest education you have finished?", "choice", choices=(
            Choice("none", "Not finished high school yet"), Choice("high_school_or_ged", "High school diploma or GED"),
            Choice("associate", "Associate degree"), Choice("bachelor", "Bachelor's degree"), Choice("graduate", "Graduate degree")), allow_skip=True))
    if _reqs(j, "residency"):
        qs.append(Question("in_state", f"Do you live or work in {j.name}?", "yesno", why="Some boards ask that you live or work in the state, often at least 51% of the time."))
    if _reqs(j, "training_hours"):
        qs.append(Question("training_hours", "How many hours of peer support training have you already finished? (0 if none)", "number"))
    if _reqs(j, "experience_hours"):
        qs.append(Question("experience_hours", "How many hours of peer work or volunteering have you done? (0 if none)", "number"))
    if _reqs(j, "supervised_hours"):
        qs.append(Question("supervised_hours", "How many hours of supervision of your peer work have you had? (0 if none)", "number"))
    exams = {r.id: r.name for r in _reqs(j, "exam") if r.required and r.id and r.type != "course"}
    for exam_id, name in exams.items():
        qs.append(Question(f"_asked_{exam_id}", f"Have you passed this exam: {name}?", "yesno", store=_add_exam(exam_id)))
    if any(r.required is not False for r in _reqs(j, "background_check")):
        qs.append(Question(
            "background", "Do you have a criminal record (any arrest, charge or conviction)?", "choice",
            why="Boards review records case by case; many records do not bar certification. Your answer stays on this computer.",
            choices=(Choice("none", "No"), Choice("has_record", "Yes")), allow_skip=True,
        ))
    texts = " ".join(r.text or "" for r in _reqs(j, "other"))
    if READINESS_PATTERN.search(texts):
        qs.append(Question("willing_to_share", "Are you willing to share your own recovery story to support others?", "yesno", why=f"{j.name}'s rules ask peers to be willing to share their story."))
        for theme in INTERVIEW_THEMES:
            qs.append(Question(f"readiness.{theme}", f"Reflection: {READINESS_QUESTIONS[theme]}", "choice", choices=READINESS_SCALE, why="A reflection for you only; it is not scored against the rules.", allow_skip=True))
    return qs


def pending(questions: list[Question], answers: Mapping[str, Any]) -> list[Question]:
    """The questions that apply now and have no answer yet."""
    return [q for q in questions if q.applies(answers) and not _answered(q, answers)]


def _answered(q: Question, answers: Mapping[str, Any]) -> bool:
    if q.key in answers.get("_skipped", ()):
        return True  # "prefer not to say" is an answer: the interview moves on
    if q.key.startswith("readiness."):
        return q.key.split(".", 1)[1] in (answers.get("readiness") or {})
    return q.key in answers


def parse(q: Question, raw: str) -> Any:
    """One typed answer, or ValueError with a kind message saying what to type."""
    text = raw.strip()
    if q.allow_skip and text.lower() in SKIP_WORDS:
        return PREFER_NOT
    if q.kind == "number":
        try:
            value = float(text)
        except ValueError:
            raise ValueError("Please type a number, for example 12.") from None
        if not q.low <= value <= q.high:
            raise ValueError(f"Please type a number from {q.low:g} to {q.high:g}.")
        return int(value) if value.is_integer() else value
    if q.kind == "yesno":
        low = text.lower()
        if low in ("y", "yes"):
            return True
        if low in ("n", "no"):
            return False
        raise ValueError("Please type y for yes or n for no.")
    picks = [p for p in re.split(r"[\s,]+", text) if p]
    chosen = []
    for pick in picks:
        if pick.isdigit() and 1 <= int(pick) <= len(q.choices):
            chosen.append(q.choices[int(pick) - 1].key)
        elif pick in [c.key for c in q.choices]:
            chosen.append(pick)
        else:
            raise ValueError(f"Please type a number from 1 to {len(q.choices)}" + (" (or several, like 1,2)" if q.kind == "multi" else "") + ".")
    if not chosen or (q.kind == "choice" and len(chosen) != 1):
        raise ValueError(f"Please type one number from 1 to {len(q.choices)}.")
    return list(dict.fromkeys(chosen)) if q.kind == "multi" else chosen[0]


def record(q: Question, answers: dict[str, Any], value: Any) -> None:
    if q.store:
        answers.update(q.store(answers, value))
    elif q.key.startswith("readiness."):
        if value != PREFER_NOT:
            answers.setdefault("readiness", {})[q.key.split(".", 1)[1]] = int(value)
        else:
            answers.setdefault("readiness", {})
            answers.setdefault("_skipped", []).append(q.key)
    else:
        answers[q.key] = value


def clean(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Drop the interview's own bookkeeping keys: the result is an answers file."""
    return {k: v for k, v in answers.items() if not k.startswith("_")}


def reflections(answers: Mapping[str, Any]) -> list[str]:
    """Kind words for the readiness reflections; never a score against the rules."""
    out = []
    if answers.get("willing_to_share") is False:
        out.append(
            "Sharing your story: you said not yet. Peer work asks for some sharing, always in a way and at a pace "
            "that is safe for you; training teaches how. It is fine to take time with this."
        )
    for theme, score in (answers.get("readiness") or {}).items():
        statement = READINESS_QUESTIONS.get(theme, theme)
        if score >= 3:
            out.append(f"Strong: {statement}")
        elif score == 2:
            out.append(f"Growing: {statement} Training and a mentor can help here.")
        else:
            out.append(f"Worth some time before training: {statement} Talk it over with someone you trust.")
    return out


# ---------------------------------------------------------------- asking, in a terminal


class Asker:
    """Reads answers at a terminal. `read` is input-like (raises EOFError / KeyboardInterrupt)."""

    def __init__(self, console, read: Callable[[str], str] | None = None):
        self.console = console
        self.read = read or console.input

    def ask_state(self, resolve: Callable[[str], str]) -> str:
        while True:
            raw = self.read("Which state or DC? (a code like TX or a name like Texas): ")
            try:
                return resolve(raw)
            except ValueError as err:
                self.console.print(f"  {err}")

    def run(self, questions: list[Question], answers: dict[str, Any]) -> dict[str, Any]:
        """Ask every pending question; answers is filled in place (so Ctrl-C keeps what was given)."""
        from rich.text import Text

        asked = 0
        while True:
            todo = pending(questions, answers)
            if not todo:
                return answers
            q = todo[0]
            asked += 1
            total = asked + len(todo) - 1
            self.console.print()
            self.console.print(Text(f"Question {asked} of {total}", style="dim"))
            self.console.print(Text(q.text, style="bold"))
            if q.why:
                self.console.print(Text(f"Why we ask: {q.why}", style="dim italic"))
            for i, choice in enumerate(q.choices, 1):
                self.console.print(f"  {i}. {choice.label}")
            if q.kind == "yesno":
                self.console.print(Text("  Type y for yes or n for no.", style="dim"))
            if q.allow_skip:
                self.console.print(Text('  Or type "prefer not to say".', style="dim"))
            while True:
                raw = self.read("> ")
                try:
                    value = parse(q, raw)
                except ValueError as err:
                    self.console.print(Text(f"  {err}", style="yellow"))
                    continue
                record(q, answers, value)
                break
