"""Requirement kinds and the answers they read: one entry per kind, the one place that says
what a kind means.

Each `Kind` holds its label and short text for `show`/`compare`, the answer keys it reads,
its *level* function (the one decision: cheap, batch mode calls only these), its *explain*
function (words, numbers and the next step for a person; it never re-decides the level),
whether IC&RC reciprocity meets it, and its weight in the ranking. Each `Answer` holds its
key, how an answers file's value is checked, its batch-CSV type, and the question that asks
it. The engine, the interview, answers files, batch CSV, `show` and `compare` are built from
these two tables. Adding a kind: a `Kind` here (or `register()`), its branch in
rules/schema.json, and tests.

Pure and light: no I/O, no third-party imports (every command imports this module).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, NamedTuple

from prsscheck.model import Requirement

# ---------------------------------------------------------------- vocabulary, defined once

# Outcome levels of one requirement, best to worst; a verdict's status comes from the worst.
MET, LATER, CHECK, TODO, REVIEW, WAIT, BLOCK = range(7)
PREFER_NOT = "prefer_not_to_say"
NEVER = "never"

STATUSES = ("eligible", "likely_eligible", "in_progress", "needs_review", "not_yet", "not_eligible")
STATUS_WORDS = {
    "eligible": "Eligible: you can apply now",
    "likely_eligible": "Likely eligible: everything we know is met; confirm the unknowns, then apply",
    "in_progress": "In progress: steps remain",
    "needs_review": "Needs review: check with the board",
    "not_yet": "Not yet: a prerequisite can be met later",
    "not_eligible": "Not a fit for you",
}
STATUS_SHORT = {
    "eligible": "ready to apply",
    "likely_eligible": "likely ready (confirm unknowns)",
    "in_progress": "in progress",
    "needs_review": "to check with the board",
    "not_yet": "not yet",
    "not_eligible": "not a fit",
}
TOO_LITTLE_KNOWN = "Too little is known about this credential: ask the board first"

EDUCATION_ORDER = ("none", "high_school_or_ged", "associate", "bachelor", "graduate")
EDUCATION_WORDS = {
    "none": "none",
    "high_school_or_ged": "high school diploma or GED",
    "associate": "associate degree",
    "bachelor": "bachelor's degree",
    "graduate": "graduate degree",
    "other": "other (see notes)",
}
# A person's lived experience (answers) and what a credential is for (rules).
LIVED_WORDS = {
    "mental_health": "mental health",
    "substance_use": "substance use",
    "family": "family (as a parent or caregiver)",
    "either": "mental health and/or substance use",
    "youth": "youth or young adult (own experience)",
}
LIVED = ("mental_health", "substance_use", "family")
EXAM_WORDS = {"course": "the test at the end of the training course", "national": "the IC&RC national exam", "board": "the board's exam"}
EXAM_SHORT = {"national": "IC&RC national exam", "board": "board exam", "course": "test in the training course"}
RESIDENCY_WORDS = {
    "live": "live in",
    "work": "work in",
    "live_or_work": "live or work in",
    "live_work_or_volunteer": "live, work or volunteer in",
}
EVENT_WORDS = {
    "incarceration": "release from incarceration",
    "inpatient_stay": "an inpatient stay for your condition",
    "treatment": "your most recent treatment",
}
UNKNOWN = "unknown"


def number(value: float | None) -> str:
    """65.5 -> '65.5', 250.0 -> '250', None -> 'unknown'."""
    return UNKNOWN if value is None else f"{value:g}"


def plural(n: float, word: str) -> str:
    return f"{number(n)} {word}{'' if n == 1 else 's'}"


def money(usd: float | None, usd_max: float | None = None) -> str:
    """One money format everywhere: $60, $12.50, $200-$300."""
    if usd is None:
        return UNKNOWN

    def one(v: float) -> str:
        return f"${v:,.0f}" if float(v).is_integer() else f"${v:,.2f}"

    return one(usd) if usd_max is None or usd_max == usd else f"{one(usd)}-{one(usd_max)}"


def every(years: float | None) -> str:
    if years is None:
        return "period unknown"
    return "every year" if years == 1 else f"every {number(years)} years"


# ---------------------------------------------------------------- answers


class Choice(NamedTuple):
    key: str  # what goes into the answers
    label: str  # what the person reads


class Question(NamedTuple):
    """One question of the interview. `form`: number | whole | choice | multi | yesno."""

    key: str  # the answer key; "conditions.<id>", "months_since.<event>", "readiness.<theme>" for nested ones
    text: str
    form: str
    why: str | None = None
    choices: tuple[Choice, ...] = ()
    low: float = 0
    high: float = 100_000
    allow_skip: bool = False
    unit: str | None = None  # "months" or "hours": understood in answers like "2 years", "20h"
    multi_store: str | None = None  # for a yes/no or multi question that adds ids to a list answer


class AnswerError(ValueError):
    """An answers-file value of the wrong shape; the message names the key."""


# Each parser is a module-level function bound to its key with functools.partial: one place
# per check, called (and so testable) every time an answer is read.


def parse_int(value: Any, key: str, low: int, high: int, prefer_not: bool = False) -> Any:
    if prefer_not and value == PREFER_NOT:
        return PREFER_NOT
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (isinstance(value, float) and not value.is_integer()):
        raise AnswerError(f"'{key}' must be a whole number from {low} to {high}, not {value!r}")
    if not low <= value <= high:
        raise AnswerError(f"'{key}' must be from {low} to {high}, not {value!r}")
    return int(value)


def parse_hours(value: Any, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise AnswerError(f"'{key}' must be a number of hours, not {value!r}")
    if not 0 <= value <= 100_000:
        raise AnswerError(f"'{key}' must be from 0 to 100000 hours, not {value!r}")
    return float(value)


def parse_choice(value: Any, key: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise AnswerError(f"'{key}' must be one of {', '.join(allowed)}, not {value!r}")
    return value


def parse_bool(value: Any, key: str, prefer_not: bool = False) -> Any:
    if prefer_not and value == PREFER_NOT:
        return PREFER_NOT
    if not isinstance(value, bool):
        raise AnswerError(f"'{key}' must be true or false{' (or ' + PREFER_NOT + ')' if prefer_not else ''}, not {value!r}")
    return value


def parse_ids(value: Any, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise AnswerError(f"'{key}' must be a list of ids, e.g. [icrc_pr], not {value!r}")
    return tuple(dict.fromkeys(v.strip().lower() for v in value))


def parse_state(value: Any, key: str) -> str:
    from prsscheck.jurisdictions import UnknownJurisdiction, resolve

    if not isinstance(value, str):
        raise AnswerError(f"'{key}' must be a two-letter code such as TX, not {value!r}")
    try:
        return resolve(value)
    except UnknownJurisdiction as err:
        raise AnswerError(f"'{key}': {err}") from None


def _lived(value: Any) -> tuple[str, ...] | str:
    if value == PREFER_NOT:
        return PREFER_NOT
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or any(v not in LIVED for v in value):
        raise AnswerError(f"'lived_experience' must be a list of {', '.join(LIVED)} (or {PREFER_NOT}), not {value!r}")
    return tuple(dict.fromkeys(value))


def _months_since(value: Any) -> tuple[tuple[str, Any], ...]:
    if not isinstance(value, dict):
        raise AnswerError(f"'months_since' must map events ({', '.join(EVENT_WORDS)}) to months or '{NEVER}'")
    out = []
    for event, months in value.items():
        if event not in EVENT_WORDS:
            raise AnswerError(f"'months_since.{event}' is not an event; use {', '.join(EVENT_WORDS)}")
        out.append((event, NEVER if months == NEVER else parse_int(months, f"months_since.{event}", 0, 1200, prefer_not=True)))
    return tuple(out)


def _conditions(value: Any) -> tuple[tuple[str, bool], ...]:
    if not isinstance(value, dict):
        raise AnswerError("'conditions' must map condition ids (e.g. al-crss-drivers-license) to true or false")
    out = []
    for key, answer in value.items():
        if not isinstance(key, str) or not key.strip():
            raise AnswerError(f"'conditions' keys must be condition ids, not {key!r}")
        out.append((key.strip().lower(), parse_bool(answer, f"conditions.{key}", prefer_not=True)))
    return tuple(out)


READINESS_THEMES = ("share_story", "wellness", "emotional", "motivation", "teamwork", "practical")


def _readiness(value: Any) -> tuple[tuple[str, int], ...]:
    if not isinstance(value, dict):
        raise AnswerError(f"'readiness' must map themes ({', '.join(READINESS_THEMES)}) to 1, 2 or 3")
    out = []
    for theme, score in value.items():
        if theme not in READINESS_THEMES:
            raise AnswerError(f"'readiness.{theme}' is not a readiness theme; use {', '.join(READINESS_THEMES)}")
        out.append((theme, parse_int(score, f"readiness.{theme}", 1, 3)))
    return tuple(out)


YES_NO = "yesno"


class Answer(NamedTuple):
    """One key of the answers file (= what the interview collects)."""

    key: str
    parse: Callable[[Any], Any]  # an answers file's value -> the profile's value (AnswerError when wrong)
    csv: str  # batch CSV cell type: int | float | bool | str | ids | skip
    default: Any = None  # the profile's value when not answered
    question: Question | None = None  # None: asked by code of its own (state, exams, conditions...) or never
    mapping: bool = False  # a mapping of sub-answers (conditions, months_since, readiness)


# The yes/no answers shared across states: key, question, why we ask, whether "prefer not to say" is offered.
YES_NO_ANSWERS = (
    (
        "willing_to_share",
        "Are you willing to share your own recovery story to support others?",
        "Peer work asks for some sharing, always at a pace that is safe for you.",
        False,
    ),
    (
        "diagnosis",
        "Have you been diagnosed with a mental health or substance use condition?",
        "Some credentials here ask for a diagnosis; your answer stays on this computer.",
        True,
    ),
    (
        "life_disruption",
        "Did your own mental health or substance use challenges seriously disrupt your life for a time?",
        "Some credentials here ask for this kind of lived experience.",
        True,
    ),
    (
        "youth_experience",
        "Did you face these challenges, or use youth-serving systems, as a child, teen or young adult?",
        "Youth credentials ask for this.",
        True,
    ),
    (
        "caregiver_of_child",
        "Are you (or were you) the parent or caregiver of a child or youth with these challenges?",
        "Family credentials here ask for this.",
        False,
    ),
    ("in_peer_role", "Do you work or volunteer in a peer support role now?", None, False),
    (
        "eligible_employer",
        "Do you work or volunteer with the kind of organization this credential names (see its rules)?",
        "Some credentials are open only to people in certain settings.",
        False,
    ),
    ("drivers_license", "Do you have a valid driver's license?", None, False),
)


_EDUCATION_CHOICES = (
    Choice("none", "Not finished high school yet"),
    Choice("high_school_or_ged", "High school diploma or GED"),
    Choice("associate", "Associate degree"),
    Choice("bachelor", "Bachelor's degree"),
    Choice("graduate", "Graduate degree"),
)
LIVED_CHOICES = (
    Choice("mental_health", "My own mental health recovery"),
    Choice("substance_use", "My own recovery from substance use"),
    Choice("family", "As a parent, caregiver or family member of someone with these challenges"),
)
BACKGROUND = ("none", "has_record", PREFER_NOT)

# In the order the interview asks them.
ANSWERS: dict[str, Answer] = {}


def add_answer(answer: Answer) -> Answer:
    ANSWERS[answer.key] = answer
    return answer


for _answer in (
    Answer("state", partial(parse_state, key="state"), "str"),
    Answer(
        "age",
        partial(parse_int, key="age", low=10, high=120),
        "int",
        question=Question("age", "How old are you?", "whole", low=10, high=120, unit="years"),
    ),
    Answer(
        "lived_experience",
        _lived,
        "ids",
        question=Question(
            "lived_experience",
            "What lived experience do you bring? Choose all that apply (e.g. 1,2).",
            "multi",
            why="Each credential is for a kind of lived experience; this decides which ones fit you.",
            choices=LIVED_CHOICES,
            allow_skip=True,
        ),
    ),
    Answer(
        "recovery_months",
        partial(parse_int, key="recovery_months", low=0, high=1200, prefer_not=True),
        "int",
        question=Question(
            "recovery_months",
            "How long have you been in continuous recovery? (0 if you are just starting)",
            "whole",
            low=0,
            high=1200,
            unit="months",
            why="There is no wrong answer: recovery looks different for everyone.",
            allow_skip=True,
        ),
    ),
    Answer(
        "caregiver_months",
        partial(parse_int, key="caregiver_months", low=0, high=1200, prefer_not=True),
        "int",
        question=Question(
            "caregiver_months",
            "How long have you been a parent or caregiver of someone with these challenges?",
            "whole",
            low=0,
            high=1200,
            unit="months",
            allow_skip=True,
        ),
    ),
    Answer(
        "service_months",
        partial(parse_int, key="service_months", low=0, high=1200, prefer_not=True),
        "int",
        question=Question(
            "service_months",
            "For how long have you received mental health or substance use services yourself? (0 if never)",
            "whole",
            low=0,
            high=1200,
            unit="months",
            why="Some credentials here are for people who have used these services themselves.",
            allow_skip=True,
        ),
    ),
    Answer("months_since", _months_since, "skip", default=(), mapping=True),
    Answer(
        "education",
        partial(parse_choice, key="education", allowed=EDUCATION_ORDER + (PREFER_NOT,)),
        "str",
        question=Question(
            "education", "What is the highest education you have finished?", "choice", choices=_EDUCATION_CHOICES, allow_skip=True
        ),
    ),
    Answer(
        "in_state", partial(parse_bool, key="in_state"), "bool", question=Question("in_state", "Do you live or work in the state?", YES_NO)
    ),
    *(
        Answer(key, partial(parse_bool, key=key, prefer_not=skip), "bool", question=Question(key, text, YES_NO, why=why, allow_skip=skip))
        for key, text, why, skip in YES_NO_ANSWERS
    ),
    Answer(
        "training_hours",
        partial(parse_hours, key="training_hours"),
        "float",
        question=Question(
            "training_hours", "How many hours of peer support training have you already finished? (0 if none)", "number", unit="hours"
        ),
    ),
    Answer(
        "experience_hours",
        partial(parse_hours, key="experience_hours"),
        "float",
        question=Question(
            "experience_hours", "How many hours of peer work or volunteering have you done? (0 if none)", "number", unit="hours"
        ),
    ),
    Answer(
        "supervised_hours",
        partial(parse_hours, key="supervised_hours"),
        "float",
        question=Question(
            "supervised_hours", "How many hours of supervision of your peer work have you had? (0 if none)", "number", unit="hours"
        ),
    ),
    Answer("exam_passed", partial(parse_ids, key="exam_passed"), "ids", default=()),
    Answer("courses_done", partial(parse_ids, key="courses_done"), "ids", default=()),
    Answer("credentials_held", partial(parse_ids, key="credentials_held"), "ids", default=()),
    Answer("conditions", _conditions, "skip", default=(), mapping=True),
    Answer(
        "background",
        partial(parse_choice, key="background", allowed=BACKGROUND),
        "str",
        question=Question(
            "background",
            "Have you ever been convicted of a crime?",
            "choice",
            why="Boards review convictions case by case; many do not bar certification. Your answer stays on this computer.",
            choices=(Choice("none", "No"), Choice("has_record", "Yes")),
            allow_skip=True,
        ),
    ),
    Answer("hours_per_week", partial(parse_int, key="hours_per_week", low=1, high=80), "int"),
    Answer("moving_to", partial(parse_state, key="moving_to"), "str"),
    Answer("readiness", _readiness, "skip", default=(), mapping=True),
):
    add_answer(_answer)


class Profile:
    """The answers, immutable. A key never answered reads as its Answer's default (None: not answered).

    Every answer key is a plain instance attribute (defaults filled in), so the engine reads them
    at C speed: batch mode reads hundreds of thousands of them a second (bench/run.py)."""

    def __init__(self, **values: Any):
        unknown = set(values) - set(ANSWERS)
        if unknown:
            raise TypeError(f"unknown answer keys: {', '.join(sorted(unknown))}")
        given = {k: v for k, v in values.items() if v is not None}
        fields = self.__dict__
        for key, answer in ANSWERS.items():
            fields[key] = answer.default
        fields.update(given)
        fields["_values"] = given

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Profile is immutable; use replace()")

    def replace(self, **changes: Any) -> Profile:
        return Profile(**{**self._values, **changes})

    def answered(self) -> dict[str, Any]:
        return dict(self._values)

    def condition(self, key: str) -> Any:
        """A shared yes/no answer (a key of its own) or a credential-scoped one (under `conditions`)."""
        if key in ANSWERS:
            return getattr(self, key)
        return dict(self.conditions).get(key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Profile) and self._values == other._values

    def __hash__(self) -> int:
        return hash(tuple(sorted((k, repr(v)) for k, v in self._values.items())))

    def __repr__(self) -> str:
        return "Profile(" + ", ".join(f"{k}={v!r}" for k, v in self._values.items()) + ")"


# ---------------------------------------------------------------- outcomes


class Item(NamedTuple):
    """One line of a verdict: what was checked, what it needs, what the person has."""

    kind: str
    text: str
    need: float | str | None = None
    have: float | str | None = None
    source: str | None = None

    def as_dict(self) -> dict:
        return {"kind": self.kind, "need": self.need, "have": self.have, "text": self.text, "source": self.source}


class Outcome(NamedTuple):
    level: int
    item: Item
    step: str | None = None


class Context(NamedTuple):
    """What the engine may know beyond one credential."""

    icrc_reciprocal_ids: frozenset[str] = frozenset()
    state_name: str | None = None
    titles: Mapping[str, str] = {}  # credential id -> its label, to name prerequisites and held credentials
    today: str | None = None  # YYYY-MM-DD, for the time estimate; None: no calendar month given


def unknown_value(req: Requirement, what: str) -> Outcome:
    return Outcome(CHECK, Item(req.kind, f"{what}: not stated in the sources we read; check with the board.", source=req.source))


def unanswered(req: Requirement, question: str) -> Outcome:
    return Outcome(
        REVIEW, Item(req.kind, f"Not answered: {question} We could not check this requirement.", source=req.source), f"Answer: {question}"
    )


def at_least(need: float | None, have: Any) -> int:
    """Age, recovery, caregiving: unknown rule, unanswered, met, or wait."""
    if need is None:
        return CHECK
    if have is None or have == PREFER_NOT:
        return REVIEW
    return MET if have >= need else WAIT


class Kind(NamedTuple):
    name: str
    label: str  # a row label in show and compare
    text: Callable[[Requirement], str]  # the value in a few words; "unknown" when the rules do not say
    level: Callable[[Requirement, Profile, bool], int | None] | None = None  # None: never blocks (fee, application_step)
    explain: Callable[[int, Requirement, Profile, Context], Outcome] | None = None
    answers: tuple[str, ...] = ()  # the answer keys it reads
    known: Callable[[Requirement], bool] = lambda req: True  # the rule's value is stated
    key_figure: bool = False  # counted in coverage and in "too little is known"
    reciprocal: bool = False  # met by an IC&RC-reciprocal credential held from another board
    weight: float = 1.0  # ranking distance per unit still to go (hours 1, months 10)
    compare: bool = True  # has a row in compare
    # "met" means the person has done or is what the step asks, so a step can show as done. Not so
    # for a background check: no record means nothing to review, not that the check was passed.
    marks_steps: bool = True


# --- min_age / max_age


ADULT_AGE = 18


def _age_level(req: Requirement, p: Profile, family: bool) -> int:
    if req.years == 0:
        # The board's list names no minimum age; a minor is still told to ask, never told "met".
        return CHECK if isinstance(p.age, int) and p.age < ADULT_AGE else MET
    return at_least(req.years, p.age)


def _age_explain(level: int, req: Requirement, p: Profile, ctx: Context) -> Outcome:
    if level == CHECK and req.years == 0:
        return Outcome(
            CHECK,
            Item(
                req.kind,
                f"The board's list names no minimum age; ask the board whether it certifies people under {ADULT_AGE}.",
                0,
                p.age,
                req.source,
            ),
        )
    if level == CHECK:
        return unknown_value(req, "Minimum age")
    if level == REVIEW:
        return unanswered(req, "How old are you?")
    if level == MET:
        text = "No minimum age." if req.years == 0 else f"Age {p.age}: at least {req.years} required."
        return Outcome(MET, Item(req.kind, text, req.years, p.age, req.source))
    wait = req.years - p.age
    return Outcome(
        WAIT,
        Item(req.kind, f"You can apply at age {req.years}, in {plural(wait, 'year')}.", req.years, p.age, req.source),
        f"Wait until you are {req.years} ({plural(wait, 'year')}); you can start training before then where the course allows it.",
    )


def _max_age_level(req: Requirement, p: Profile, family: bool) -> int:
    if req.years is None:
        return CHECK
    if p.age is None:
        return REVIEW
    return MET if p.age <= req.years else BLOCK


def _max_age_explain(level: int, req: Requirement, p: Profile, ctx: Context) -> Outcome:
    if level == CHECK:
        return unknown_value(req, "Upper age limit")
    if level == REVIEW:
        return unanswered(req, "How old are you?")
    if level == MET:
        return Outcome(MET, Item(req.kind, f"Age {p.age}: this credential is for people up to {req.years}.", req.years, p.age, req.source))
    return Outcome(BLOCK, Item(req.kind, f"This credential is for people up to age {req.years}.", req.years, p.age, req.source))


# --- education


def _education_level(req: Requirement, p: Profile, family: bool) -> int:
    if req.level is None or req.level == "other":
        return CHECK
    if req.level == "none":
        return MET
    if p.education is None or p.education == PREFER_NOT:
        return REVIEW
    return MET if EDUCATION_ORDER.index(p.education) >= EDUCATION_ORDER.index(req.level) else WAIT


def _education_explain(level: int, req: Requirement, p: Profile, ctx: Context) -> Outcome:
    wanted = EDUCATION_WORDS.get(req.level or "", UNKNOWN)
    if level == CHECK:
        if req.level == "other":
            return Outcome(
                CHECK,
                Item(
                    req.kind,
                    f"Education: the board sets its own rule ({req.note or 'see the credential notes'}); check with the board.",
                    req.level,
                    p.education,
                    req.source,
                ),
            )
        return unknown_value(req, "Education requirement")
    if level == MET:
        text = "No education requirement." if req.level == "none" else f"{wanted[0].upper() + wanted[1:]}: you have it."
        return Outcome(MET, Item(req.kind, text, req.level, p.education, req.source))
    if level == REVIEW:
        if p.education is None:
            return unanswered(req, "What is the highest education you have finished?")
        return Outcome(
            REVIEW,
            Item(req.kind, f"You chose not to say your education; a {wanted} is required.", req.level, p.education, req.source),
            "Find your diploma, GED or transcript: the board will ask for it.",
        )
    return Outcome(
        WAIT,
        Item(req.kind, f"A {wanted} (or equivalency) is required.", req.level, p.education, req.source),
        "Earn a high school diploma or GED; adult education programs can help, often at no cost."
        if req.level == "high_school_or_ged"
        else f"Earn a {wanted}.",
    )


# --- lived experience


def _lived_level(req: Requirement, p: Profile, family: bool) -> int:
    lived = p.lived_experience
    if lived is None or lived == PREFER_NOT:
        return REVIEW
    return MET if not set(req.any_of).isdisjoint(lived) else BLOCK


def lived_wanted(any_of: tuple[str, ...]) -> str:
    return " or ".join(LIVED_WORDS.get(k, k) for k in any_of)


def _lived_explain(level: int, req: Requirement, p: Profile, ctx: Context) -> Outcome:
    wanted = lived_wanted(req.any_of)
    lived = p.lived_experience
    if level == REVIEW:
        if lived is None:
            return unanswered(req, "What lived experience do you bring?")
        return Outcome(
            REVIEW,
            Item(req.kind, f"You chose not to say; this credential is for lived experience of {wanted}.", wanted, PREFER_NOT, req.source),
            "Read who this credential is for and decide whether it fits you.",
        )
    if level == MET:
        return Outcome(MET, Item(req.kind, f"Lived experience of {wanted}: it fits yours.", wanted, ", ".join(lived), req.source))
    return Outcome(
        BLOCK,
        Item(req.kind, f"This credential is for people with lived experience of {wanted}.", wanted, ", ".join(lived) or "none", req.source),
    )


# --- months: recovery, caregiving, services, time since an event


def _recovery_level(req: Requirement, p: Profile, family: bool) -> int | None:
    if family:
        return None  # a family peer's own recovery time is not asked
    return MET if req.months == 0 else at_least(req.months, p.recovery_months)


def recovery_words(p: Profile) -> str:
    lived = p.lived_experience if isinstance(p.lived_experience, tuple) else ()
    own = [LIVED_WORDS[k] for k in ("mental_health", "substance_use") if k in lived]
    if len(own) == 1:
        return "in recovery from substance use" if own[0] == "substance use" else "in your mental health recovery"
    return "in recovery"


def _months_explain(what: str, answer_question: str, wait_step: str) -> Callable:
    def explain(level: int, req: Requirement, p: Profile, ctx: Context) -> Outcome:
        have = getattr(p, Kinds[req.kind].answers[0])
        if level == CHECK:
            return unknown_value(req, f"Minimum time {what}")
        if level == REVIEW:
            return unanswered(req, answer_question)
        if level == MET:
            if req.months == 0:
                return Outcome(MET, Item(req.kind, f"No minimum time {what}.", 0, have, req.source))
            return Outcome(
                MET, Item(req.kind, f"{plural(have, 'month')} {what}: at least {req.months} required.", req.months, have, req.source)
            )
        wait = req.months - have
        text = f"Wait {plural(wait, 'more month')} {what} ({req.months} required)."
        return Outcome(WAIT, Item(req.kind, text, req.months, have, req.source), wait_step or text)

    return explain


def _recovery_explain(level: int, req: Requirement, p: Profile, ctx: Context) -> Outcome:
    return _months_explain("in recovery" if req.months == 0 else recovery_words(p), "How long have you been in recovery?", "")(
        level, req, p, ctx
    )


def _caregiver_level(req: Requirement, p: Profile, family: bool) -> int:
    return MET if req.months == 0 else at_least(req.months, p.caregiver_months)


def _service_level(req: Requirement, p: Profile, family: bool) -> int:
    if req.months is None:
        return CHECK
    have = p.service_months
    if have is None or have == PREFER_NOT:
        return REVIEW
    if have == 0:
        return BLOCK
    return MET if have >= req.months else WAIT


def _service_explain(level: int, req: Requirement, p: Profile, ctx: Context) -> Outcome:
    which = " or ".join(LIVED_WORDS[k] for k in req.any_of) if req.any_of else "mental health or substance use"
    if level == BLOCK:
        return Outcome(
            BLOCK,
            Item(req.kind, f"This credential is for people who have received {which} services themselves.", req.months, 0, req.source),
        )
    if level == MET and req.months == 1:
        return Outcome(MET, Item(req.kind, f"You have received {which} services yourself.", 1, p.service_months, req.source))
    return _months_explain(f"of receiving {which} services", "For how long have you received services yourself?", "")(level, req, p, ctx)


def _event_level(req: Requirement, p: Profile, family: bool) -> int:
    if req.months is None:
        return CHECK
    have = dict(p.months_since).get(req.event)
    if have is None or have == PREFER_NOT:
        return REVIEW
    return MET if have == NEVER or have >= req.months else WAIT


def _event_explain(level: int, req: Requirement, p: Profile, ctx: Context) -> Outcome:
    event = EVENT_WORDS.get(req.event or "", req.event or "the event")
    have = dict(p.months_since).get(req.event)
    if level == CHECK:
        return unknown_value(req, f"Time required since {event}")
    if level == REVIEW:
        if have == PREFER_NOT:
            return Outcome(
                REVIEW,
                Item(
                    req.kind,
                    f"You chose not to say; the rules ask that {plural(req.months, 'month')} have passed since {event}.",
                    req.months,
                    PREFER_NOT,
                    req.source,
                ),
                "Ask the board how it counts this time.",
            )
        return unanswered(req, f"How many months since {event}? (or 'never')")
    if level == MET:
        text = (
            f"At least {plural(req.months, 'month')} since {event}: met."
            if have != NEVER
            else f"At least {plural(req.months, 'month')} since {event}: does not apply to you."
        )
        return Outcome(MET, Item(req.kind, text, req.months, have, req.source))
    wait = req.months - have
    text = f"Apply {plural(wait, 'month')} from now: {req.months} months must pass since {event}."
    return Outcome(WAIT, Item(req.kind, text, req.months, have, req.source), text)


# --- residency


def residency_words(req: Requirement, where: str = "the state") -> str:
    verb = RESIDENCY_WORDS.get(req.basis or "live_or_work", "live or work in")
    share = f" (at least {number(req.percent)}% of the time)" if req.percent else ""
    return f"{verb} {where}{share}"


def _residency_level(req: Requirement, p: Profile, family: bool) -> int:
    if p.in_state is None:
        return REVIEW
    return MET if p.in_state else WAIT


def _residency_explain(level: int, req: Requirement, p: Profile, ctx: Context) -> Outcome:
    where = ctx.state_name or "the state"
    rule = residency_words(req, where)
    if level == REVIEW:
        return unanswered(req, f"Do you live or work in {where}?")
    if level == MET:
        return Outcome(MET, Item(req.kind, f"You {rule}.", True, True, req.source))
    return Outcome(WAIT, Item(req.kind, f"You need to {rule}.", True, False, req.source), f"Apply once you {rule}.")


# --- hours


_HOURS_WORDS = {
    "training_hours": ("peer training", "Complete"),
    "experience_hours": ("peer work or volunteer experience", "Log"),
    "supervised_hours": ("supervision", "Receive"),
}


def _hours_level(req: Requirement, p: Profile, family: bool) -> int:
    if req.stage == "after_initial":
        return LATER
    have = getattr(p, req.kind) or 0
    if req.hours is None:
        return CHECK if have > 0 else TODO
    return MET if have >= req.hours else TODO


def _hours_explain(level: int, req: Requirement, p: Profile, ctx: Context) -> Outcome:
    noun, doing = _HOURS_WORDS.get(req.kind, (req.kind.replace("_", " "), "Complete"))
    have = getattr(p, req.kind) or 0
    window = f" within {plural(req.within_years, 'year')} before applying" if req.within_years else ""
    if level == LATER:
        need = f"{number(req.hours)} hours" if req.hours is not None else "the required hours"
        return Outcome(
            LATER, Item(req.kind, f"After you apply: {need} of {noun} during your initial certification.", req.hours, have, req.source)
        )
    if req.hours is None:
        if level == CHECK:
            return Outcome(
                CHECK,
                Item(
                    req.kind,
                    f"You have {plural(have, 'hour')} of {noun}; the number required is not stated in the sources we read. "
                    "Check with the board.",
                    None,
                    have,
                    req.source,
                ),
            )
        return Outcome(
            TODO,
            Item(
                req.kind,
                f"Complete the required {noun} (the number of hours is not stated in the sources we read).",
                None,
                have,
                req.source,
            ),
            f"Complete the required {noun}; ask the board how many hours count.",
        )
    if level == MET:
        text = (
            f"No {noun} hours required." if req.hours == 0 else f"{plural(have, 'hour')} of {noun}: {number(req.hours)} required{window}."
        )
        return Outcome(MET, Item(req.kind, text, req.hours, have, req.source))
    left = req.hours - have
    text = f"{doing} {plural(left, ('more ' if have else '') + 'hour')} of {noun} ({number(req.hours)} required{window})."
    return Outcome(TODO, Item(req.kind, text, req.hours, have, req.source), text)


def _hours_text(req: Requirement) -> str:
    text = number(req.hours)
    if req.hours is not None and req.basis == "course_length":
        text += " (course length)"
    if req.within_years:
        text += f" within {number(req.within_years)} years"
    if req.stage == "after_initial":
        text += " (after applying)"
    return text


# --- exam, course, prerequisite credential


def _exam_level(req: Requirement, p: Profile, family: bool) -> int:
    if req.required is False:
        return MET
    if req.required is None:
        return CHECK
    return MET if req.id in p.exam_passed else TODO


def _exam_explain(level: int, req: Requirement, p: Profile, ctx: Context) -> Outcome:
    if level == CHECK:
        return unknown_value(req, "Whether an exam is required")
    if level == MET:
        text = "No exam required." if req.required is False else f"Passed: {req.name}."
        return Outcome(MET, Item(req.kind, text, req.id, req.id if req.required else None, req.source))
    text = f"Pass {EXAM_WORDS.get(req.type or '', 'the exam')}: {req.name}."
    return Outcome(TODO, Item(req.kind, text, req.id, None, req.source), text)


def _exam_text(req: Requirement) -> str:
    if req.required is None:
        return UNKNOWN
    return "none" if req.required is False else f"{EXAM_SHORT.get(req.type or '', 'exam')}: {req.name}"


def _course_level(req: Requirement, p: Profile, family: bool) -> int:
    return MET if req.id in p.courses_done else TODO


def _course_explain(level: int, req: Requirement, p: Profile, ctx: Context) -> Outcome:
    if level == MET:
        return Outcome(MET, Item(req.kind, f"Course done: {req.name}.", req.id, req.id, req.source))
    text = f"Complete the course: {req.name}" + (f" ({plural(req.hours, 'hour')})." if req.hours else ".")
    return Outcome(TODO, Item(req.kind, text, req.id, None, req.source), text)


def _prerequisite_level(req: Requirement, p: Profile, family: bool) -> int:
    return MET if not set(req.any_of).isdisjoint(p.credentials_held) else TODO


def _prerequisite_explain(level: int, req: Requirement, p: Profile, ctx: Context) -> Outcome:
    names = " or ".join(ctx.titles.get(i, i) for i in req.any_of)
    if req.text:
        names = f"{names} ({req.text})" if names else req.text
    if level == MET:
        held = next(i for i in req.any_of if i in p.credentials_held)
        return Outcome(
            MET,
            Item(
                req.kind,
                f"You hold the credential this one builds on: {ctx.titles.get(held, held)}.",
                ",".join(req.any_of),
                held,
                req.source,
            ),
        )
    text = f"Earn this credential first: {names}."
    return Outcome(TODO, Item(req.kind, text, ",".join(req.any_of), None, req.source), text)


# --- yes/no conditions


# What an unmet shared condition means; a credential-scoped one defaults to not_yet.
CONDITION_UNMET = {
    "diagnosis": BLOCK,
    "caregiver_of_child": BLOCK,
    "life_disruption": BLOCK,
    "youth_experience": BLOCK,
    "in_peer_role": TODO,
    "eligible_employer": TODO,
    "willing_to_share": WAIT,
    "drivers_license": WAIT,
}
_UNMET_LEVEL = {"not_eligible": BLOCK, "not_yet": WAIT, "in_progress": TODO}


def _condition_level(req: Requirement, p: Profile, family: bool) -> int:
    answer = p.condition(req.key)
    expect = True if req.expect is None else req.expect
    if answer is None or answer == PREFER_NOT:
        return REVIEW
    if answer == expect:
        return MET
    return _UNMET_LEVEL.get(req.when_unmet or "", CONDITION_UNMET.get(req.key, WAIT))


def condition_question(req: Requirement) -> str:
    answer = ANSWERS.get(req.key)
    if answer is not None and answer.question is not None:
        return answer.question.text
    return req.question or f"{req.text}?"


def _condition_explain(level: int, req: Requirement, p: Profile, ctx: Context) -> Outcome:
    rule = req.text or condition_question(req)
    if level == REVIEW:
        if p.condition(req.key) == PREFER_NOT:
            return Outcome(
                REVIEW,
                Item(req.kind, f"You chose not to say; the rules ask: {rule}", req.key, PREFER_NOT, req.source),
                "Read this rule on the board's site and decide whether it fits you.",
            )
        return unanswered(req, condition_question(req))
    if level == MET:
        answer = p.condition(req.key)
        return Outcome(MET, Item(req.kind, f"You said {'yes' if answer else 'no'}: {condition_question(req)}", req.key, answer, req.source))
    step = {TODO: f"Before you apply: {rule}.", WAIT: f"When this is true for you, apply: {rule}."}.get(level)
    return Outcome(level, Item(req.kind, f"Required: {rule}.", req.key, False, req.source), step)


# --- background check


def _background_level(req: Requirement, p: Profile, family: bool) -> int:
    if req.required is False or p.background == "none":
        return MET
    if p.background is None:
        return REVIEW  # not answered
    return LATER  # a record, or "prefer not to say": shown for the board's review; the status stays


def record_summary(req: Requirement) -> str:
    parts = []
    if req.summary:
        parts.append(req.summary.rstrip(".") + ".")
    else:
        if req.barring:
            parts.append("Some offenses bar certification; others are reviewed case by case.")
        elif req.barring is False:
            parts.append("No offense bars certification outright; the board reviews records case by case.")
        else:
            parts.append("The board reviews records case by case.")
        if req.lookback_years:
            parts.append(f"It looks back {plural(req.lookback_years, 'year')}.")
        if req.waiver:
            parts.append("A waiver or appeal route exists.")
    return " ".join(parts)


def _background_explain(level: int, req: Requirement, p: Profile, ctx: Context) -> Outcome:
    if level == MET:
        text = "No criminal background check required." if req.required is False else "No conviction to review."
        return Outcome(MET, Item(req.kind, text, req.required, p.background, req.source))
    if level == REVIEW:
        return unanswered(req, "Have you ever been convicted of a crime? (You may choose not to say.)")
    said = "You have a conviction" if p.background == "has_record" else "You chose not to say about a record"
    link = f" Details: {req.url}" if req.url else ""
    text = f"{said}: {record_summary(req)}{link}"
    step = (
        "Read the board's rules on records and, if you can, talk to the board before you pay for training; "
        "many records do not bar certification."
    )
    return Outcome(LATER, Item(req.kind, text, req.required, p.background, req.source), step)


# --- never blocking: fees, application steps, the board's own judgments


def _fee_text(req: Requirement) -> str:
    if req.usd is not None:
        return f"{req.what}: {money(req.usd, req.usd_max)}"
    return f"{req.what}: {req.text or UNKNOWN}"


def _other_level(req: Requirement, p: Profile, family: bool) -> int:
    return LATER if req.judged_by == "board" else CHECK


def _other_explain(level: int, req: Requirement, p: Profile, ctx: Context) -> Outcome:
    if level == LATER:
        return Outcome(LATER, Item(req.kind, f"The board also judges: {req.text}", None, None, req.source))
    return Outcome(CHECK, Item(req.kind, f"Check with the board: {req.text}", None, None, req.source))


def _months_text(req: Requirement) -> str:
    if req.months is None:
        return UNKNOWN
    return "no minimum" if req.months == 0 else f"{req.months} months"


def _education_text(req: Requirement) -> str:
    return EDUCATION_WORDS.get(req.level, UNKNOWN) if req.level is not None else UNKNOWN


Kinds: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    """Add (or replace) a kind; the engine, interview, answers and views pick it up."""
    Kinds[kind.name] = kind
    return kind


for _kind in (
    Kind("lived_experience", "Lived experience", lambda r: lived_wanted(r.any_of), _lived_level, _lived_explain, ("lived_experience",)),
    Kind(
        "min_age",
        "Minimum age",
        lambda r: UNKNOWN if r.years is None else ("none" if r.years == 0 else f"{r.years}+"),
        _age_level,
        _age_explain,
        ("age",),
        known=lambda r: r.years is not None,
        key_figure=True,
    ),
    Kind(
        "max_age",
        "Maximum age",
        lambda r: UNKNOWN if r.years is None else f"up to {r.years}",
        _max_age_level,
        _max_age_explain,
        ("age",),
        known=lambda r: r.years is not None,
    ),
    Kind(
        "education",
        "Education",
        _education_text,
        _education_level,
        _education_explain,
        ("education",),
        known=lambda r: r.level not in (None, "other"),
        key_figure=True,
    ),
    Kind(
        "recovery_time",
        "Recovery time",
        _months_text,
        _recovery_level,
        _recovery_explain,
        ("recovery_months",),
        known=lambda r: r.months is not None,
        key_figure=True,
        weight=10,
    ),
    Kind(
        "caregiver_time",
        "Time as a caregiver",
        _months_text,
        _caregiver_level,
        _months_explain("as a parent or caregiver", "How long have you been a parent or caregiver?", ""),
        ("caregiver_months",),
        known=lambda r: r.months is not None,
        weight=10,
    ),
    Kind(
        "service_history",
        "Services received",
        lambda r: UNKNOWN if r.months is None else ("at any time" if r.months == 1 else f"{r.months} months"),
        _service_level,
        _service_explain,
        ("service_months",),
        known=lambda r: r.months is not None,
        weight=10,
    ),
    Kind(
        "event_lookback",
        "Time since an event",
        lambda r: UNKNOWN if r.months is None else f"{r.months} months since {EVENT_WORDS.get(r.event or '', r.event)}",
        _event_level,
        _event_explain,
        ("months_since",),
        known=lambda r: r.months is not None,
        weight=10,
    ),
    Kind("residency", "Live or work in state", lambda r: residency_words(r), _residency_level, _residency_explain, ("in_state",)),
    Kind(
        "training_hours",
        "Training hours",
        _hours_text,
        _hours_level,
        _hours_explain,
        ("training_hours",),
        known=lambda r: r.hours is not None,
        key_figure=True,
        reciprocal=True,
    ),
    Kind(
        "experience_hours",
        "Work/volunteer hours",
        _hours_text,
        _hours_level,
        _hours_explain,
        ("experience_hours",),
        known=lambda r: r.hours is not None,
        key_figure=True,
        reciprocal=True,
    ),
    Kind(
        "supervised_hours",
        "Supervised hours",
        _hours_text,
        _hours_level,
        _hours_explain,
        ("supervised_hours",),
        known=lambda r: r.hours is not None,
        reciprocal=True,
    ),
    Kind("required_course", "Required course", lambda r: r.name or r.id, _course_level, _course_explain, ("courses_done",), weight=20),
    Kind(
        "prerequisite_credential",
        "Credential held first",
        lambda r: ", ".join(r.any_of) + (f" ({r.text})" if r.text else ""),
        _prerequisite_level,
        _prerequisite_explain,
        ("credentials_held",),
        weight=200,
    ),
    Kind(
        "exam",
        "Exam",
        _exam_text,
        _exam_level,
        _exam_explain,
        ("exam_passed",),
        known=lambda r: r.required is not None,
        key_figure=True,
        reciprocal=True,
        weight=60,
    ),
    Kind(
        "condition",
        "Also asked",
        lambda r: r.text or condition_question(r),
        _condition_level,
        _condition_explain,
        ("conditions",),
        weight=30,
        compare=False,
    ),
    Kind(
        "background_check",
        "Background check",
        lambda r: {None: UNKNOWN, False: "no", True: "yes"}[r.required],
        _background_level,
        _background_explain,
        ("background",),
        known=lambda r: r.required is not None,
        marks_steps=False,
    ),
    Kind("fee", "Fee", _fee_text, compare=False),
    Kind("application_step", "With the application", lambda r: r.text or "", compare=False),
    Kind("other", "Also required", lambda r: r.text or "", _other_level, _other_explain, compare=False, marks_steps=False),
):
    register(_kind)

KEY_FIGURES = tuple(k.name for k in Kinds.values() if k.key_figure)


def kind_of(name: str) -> Kind:
    """The registry entry, or a generic one for a kind this version has no words for (never hides it)."""
    found = Kinds.get(name)
    if found is not None:
        return found
    label = name.replace("_", " ").capitalize()
    return Kind(name, label, lambda r: r.text or "see the rule file", _other_level, _other_explain, compare=False)


def answers_read(req: Requirement) -> tuple[str, ...]:
    """The answer keys a requirement reads (a shared condition reads its own key)."""
    if req.kind == "condition":
        return (req.key,) if req.key in ANSWERS else ("conditions",)
    return kind_of(req.kind).answers
