"""The readiness interview behind `prsscheck assess`.

Two halves: *planning* is pure (which questions a state's rules need for this person, given
the answers so far: after lived experience and age, credentials out of reach stop asking;
a requirement whose value is unknown asks nothing); *asking* reads a terminal, understands
everyday answers ("2 years", "GED", "alcohol", "yeah"), re-asks kindly on anything else and
returns the answers as a mapping in the answers-file format, so the interview and `--answers`
meet in one place. The questions themselves live with their answers in kinds.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from prsscheck.kinds import (
    ANSWERS,
    BLOCK,
    EVENT_WORDS,
    NEVER,
    PREFER_NOT,
    Choice,
    Profile,
    Question,
    answers_read,
    kind_of,
    residency_words,
)
from prsscheck.model import Credential, Jurisdiction, Requirement

SKIP_WORDS = {"prefer not to say", "prefer not", "rather not say", "rather not", "skip", "pass", "p", "pnts"}
YES_WORDS = {
    "y",
    "yes",
    "yeah",
    "yep",
    "yup",
    "ya",
    "sure",
    "true",
    "i do",
    "i am",
    "i have",
    "correct",
    "ok",
    "okay",
    "of course",
    "definitely",
}
NO_WORDS = {"n", "no", "nope", "nah", "false", "not", "i don't", "i do not", "i am not", "i haven't", "never", "none"}
MAYBE_WORDS = {"maybe", "not sure", "unsure", "don't know", "dont know", "i don't know", "idk", "perhaps", "not yet"}

# Everyday words for choices, per answer key. Matched as whole words, longest first.
SYNONYMS: dict[str, dict[str, str]] = {
    "lived_experience": {
        "substance": "substance_use",
        "substances": "substance_use",
        "substance use": "substance_use",
        "alcohol": "substance_use",
        "drugs": "substance_use",
        "drug": "substance_use",
        "drinking": "substance_use",
        "opioids": "substance_use",
        "opioid": "substance_use",
        "addiction": "substance_use",
        "sud": "substance_use",
        "recovery from substance use": "substance_use",
        "meth": "substance_use",
        "heroin": "substance_use",
        "cocaine": "substance_use",
        "gambling": "substance_use",
        "mental health": "mental_health",
        "mental illness": "mental_health",
        "depression": "mental_health",
        "anxiety": "mental_health",
        "bipolar": "mental_health",
        "schizophrenia": "mental_health",
        "ptsd": "mental_health",
        "trauma": "mental_health",
        "mental": "mental_health",
        "psychosis": "mental_health",
        "eating disorder": "mental_health",
        "family": "family",
        "parent": "family",
        "caregiver": "family",
        "my son": "family",
        "my daughter": "family",
        "my child": "family",
        "my kid": "family",
        "my kids": "family",
        "my children": "family",
        "my mother": "family",
        "my father": "family",
        "my mom": "family",
        "my dad": "family",
        "my husband": "family",
        "my wife": "family",
        "my partner": "family",
        "my brother": "family",
        "my sister": "family",
        "loved one": "family",
        "family member": "family",
    },
    "readiness": {
        "not yet": "1",
        "no": "1",
        "not really": "1",
        "somewhat": "2",
        "sort of": "2",
        "kind of": "2",
        "a little": "2",
        "partly": "2",
        "yes": "3",
        "yeah": "3",
        "yep": "3",
        "definitely": "3",
    },
    "education": {
        "ged": "high_school_or_ged",
        "high school": "high_school_or_ged",
        "hs": "high_school_or_ged",
        "diploma": "high_school_or_ged",
        "hiset": "high_school_or_ged",
        "equivalency": "high_school_or_ged",
        "associate": "associate",
        "associates": "associate",
        "associate's": "associate",
        "aa": "associate",
        "as": "associate",
        "bachelor": "bachelor",
        "bachelors": "bachelor",
        "bachelor's": "bachelor",
        "ba": "bachelor",
        "bs": "bachelor",
        "college degree": "bachelor",
        "master": "graduate",
        "masters": "graduate",
        "master's": "graduate",
        "phd": "graduate",
        "doctorate": "graduate",
        "graduate": "graduate",
        "none": "none",
        "no diploma": "none",
        "not finished": "none",
        "dropped out": "none",
        "no": "none",
    },
}
NUMBER_WORDS = {
    "zero": 0,
    "none": 0,
    "no": 0,
    "nothing": 0,
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "half": 0.5,
    "a half": 0.5,
}
UNITS = {  # unit word -> (which question unit it converts to, factor)
    "year": ("months", 12),
    "years": ("months", 12),
    "yr": ("months", 12),
    "yrs": ("months", 12),
    "y": ("months", 12),
    "month": ("months", 1),
    "months": ("months", 1),
    "mo": ("months", 1),
    "mos": ("months", 1),
    "m": ("months", 1),
    "week": ("months", 12 / 52),
    "weeks": ("months", 12 / 52),
    "wk": ("months", 12 / 52),
    "wks": ("months", 12 / 52),
    "hour": ("hours", 1),
    "hours": ("hours", 1),
    "hr": ("hours", 1),
    "hrs": ("hours", 1),
    "h": ("hours", 1),
}


def _key_of(question_key: str) -> str:
    return question_key.split(".", 1)[0]


# ---------------------------------------------------------------- planning (pure)

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
PACE_QUESTION = Question(
    "hours_per_week",
    "About how many hours a week can you put into training and peer work? (press Enter for 10)",
    "whole",
    low=1,
    high=80,
    unit="hours",
    why="Only for the time estimate in your results.",
)


HELD_QUESTION = Question(
    "credentials_held",
    "Do you hold a peer certification now? Type its id, like mo-cps ('prsscheck show MO' lists them), or 'no'.",
    "ids",
    why="What you hold may carry over: IC&RC reciprocity, a prerequisite, an exam already passed.",
)
MOVING_QUESTION = Question(
    "moving_to",
    "Are you planning to move to another state? Type it (a code like KS or a name), or 'no'.",
    "state",
    why="Then its credentials are shown too, with what carries over.",
)


class Plan:
    """What a state's rules could ask; `questions(answers)` gives those still worth asking now."""

    def __init__(self, jurisdiction: Jurisdiction, known_ids: frozenset[str] = frozenset()):
        self.jurisdiction = jurisdiction
        self.known_ids = known_ids  # every credential id, to check what a person says they hold

    def in_reach(self, answers: Mapping[str, Any]) -> list[Credential]:
        """Credentials not already ruled out by lived experience or an age limit."""
        profile = _profile(answers)
        out = []
        for credential in self.jurisdiction.credentials:
            if credential.id in profile.credentials_held:
                continue
            family = credential.lived_experience == "family"
            decisive = [r for r in credential.requirements if r.kind in ("lived_experience", "max_age")]
            if any(kind_of(r.kind).level(r, profile, family) == BLOCK for r in decisive):
                continue
            out.append(credential)
        return out

    def questions(self, answers: Mapping[str, Any]) -> list[Question]:
        """Every question still worth asking, in order; a pure function of the answers so far."""
        reach = self.in_reach(answers)
        needed: dict[str, list[tuple[Credential, Requirement]]] = {}
        for credential in reach:
            for req in credential.requirements:
                if not _can_change_verdict(req, credential, answers):
                    continue
                for key in answers_read(req):
                    needed.setdefault(key, []).append((credential, req))
        out: list[Question] = []
        for key in ANSWERS:
            if key in needed:
                out.extend(_questions_for(key, needed[key], self.jurisdiction, answers))
        if "willing_to_share" in needed:
            out.extend(
                Question(
                    f"readiness.{theme}",
                    f"Reflection: {READINESS_QUESTIONS[theme]}",
                    "choice",
                    choices=READINESS_SCALE,
                    why="A reflection for you only; it is not scored against the rules.",
                    allow_skip=True,
                )
                for theme in INTERVIEW_THEMES
            )
        if reach and any(_works(c) for c in reach):
            out.append(PACE_QUESTION)
        if self.known_ids:  # what the person holds and where they are going: asked of everyone
            out.extend((HELD_QUESTION, MOVING_QUESTION))
        return [q for q in out if not _answered(q, answers)]


def _works(credential: Credential) -> bool:
    return any(r.kind.endswith("_hours") for r in credential.requirements)


def _can_change_verdict(req: Requirement, credential: Credential, answers: Mapping[str, Any]) -> bool:
    """Whether asking for this requirement's answer could change the verdict."""
    kind = kind_of(req.kind)
    if kind.level is None:
        return False
    if req.kind.endswith("_hours"):
        return req.stage != "after_initial"  # unknown hours still tell "started" from "not started"
    if req.kind == "exam":
        return req.required is True and req.type != "course"  # a course's test comes with the course
    if req.kind == "background_check":
        return req.required is not False
    if req.kind == "recovery_time":
        lived = answers.get("lived_experience")
        if isinstance(lived, list) and lived and not set(lived) & {"mental_health", "substance_use"}:
            return False  # only family experience: one's own recovery time is not asked
        return bool(req.months)
    if req.kind in ("other", "prerequisite_credential"):
        return False  # nothing to ask: the board judges, or held credentials are asked elsewhere
    if req.kind == "lived_experience":
        return True
    return kind.known(req) and req.get("months") != 0


def _profile(answers: Mapping[str, Any]) -> Profile:
    """The answers so far as a profile (the interview stores answers-file values)."""
    values = {}
    for key, value in answers.items():
        if key.startswith("_") or key not in ANSWERS or value is None:
            continue
        try:
            values[key] = ANSWERS[key].parse(value)
        except ValueError:
            continue
    return Profile(**values)


PICK_ONE_OR_MORE = {
    "exam_passed": "Which of these exams have you passed? Choose all that apply, or type 'none'.",
    "courses_done": "Which of these courses have you finished? Choose all that apply, or type 'none'.",
}


def _questions_for(key: str, needs: list[tuple[Credential, Requirement]], j: Jurisdiction, answers: Mapping[str, Any]) -> list[Question]:
    reqs = [r for _, r in needs]
    if key == "age":
        lows = sorted({r.years for r in reqs if r.kind == "min_age" and r.years is not None})
        highs = sorted({r.years for r in reqs if r.kind == "max_age" and r.years is not None})
        why = []
        if lows:
            why.append(f"Credentials here ask a minimum age of {lows[0]}" + (f" to {lows[-1]}" if lows[-1] != lows[0] else ""))
        if highs:
            why.append(f"youth credentials are for people up to {highs[-1]}")
        return [ANSWERS["age"].question._replace(why="; ".join(why) + ".")]
    if key == "recovery_months":
        needed = sorted({r.months for r in reqs if r.months})
        profile = _profile(answers)
        from prsscheck.kinds import recovery_words

        words = recovery_words(profile)
        q = ANSWERS[key].question
        return [
            q._replace(
                text=f"How long have you been {words}? (for example 18 months or 2 years; 0 if you are just starting)",
                why=f"Some credentials here ask for {', '.join(map(str, needed))} months. {q.why}",
            )
        ]
    if key == "in_state":
        req = reqs[0]
        return [
            ANSWERS[key].question._replace(
                text=f"Do you {residency_words(req, j.name)}?", why="Some boards here certify only people who live or work in the state."
            )
        ]
    if key in PICK_ONE_OR_MORE:
        # One multiple-choice question over the exams (or courses) of the credentials in reach.
        named = {r.id: r.name for r in reqs if r.id}
        return [Question(key, PICK_ONE_OR_MORE[key], "multi", choices=tuple(Choice(i, name) for i, name in named.items()))]
    if key == "conditions":
        out, seen = [], set()
        for credential, r in needs:
            if r.key in seen:
                continue
            seen.add(r.key)
            out.append(
                Question(f"conditions.{r.key}", r.question or f"{r.text}?", "yesno", why=f"Asked by {credential.label}.", allow_skip=True)
            )
        return out
    if key == "months_since":
        events = dict.fromkeys(r.event for r in reqs if r.event)
        return [
            Question(
                f"months_since.{e}",
                f"How many months since {EVENT_WORDS[e]}? (type 'never' if this never happened)",
                "whole",
                high=1200,
                unit="months",
                allow_skip=True,
            )
            for e in events
        ]
    answer = ANSWERS[key]
    if answer.question is None:
        return []
    if key == "eligible_employer":
        settings = "; ".join(dict.fromkeys((r.text or "") for r in reqs if r.text))
        return [
            answer.question._replace(text="Do you work or volunteer in a setting the rules name? " + (f"({settings})" if settings else ""))
        ]
    if key == "caregiver_months":
        needed = sorted({r.months for r in reqs if r.months})
        return [answer.question._replace(why=f"Family credentials here ask for {', '.join(map(str, needed))} months.")]
    return [answer.question]


def _answered(q: Question, answers: Mapping[str, Any]) -> bool:
    if q.key in answers.get("_asked", ()):
        return True  # any answer, "prefer not to say" included, moves the interview on
    key, _, sub = q.key.partition(".")
    if sub:
        return sub in (answers.get(key) or {})
    return key in answers


def plan(j: Jurisdiction, known_ids: frozenset[str] = frozenset()) -> Plan:
    return Plan(j, known_ids)


# ---------------------------------------------------------------- understanding a typed answer


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w'.\-]+", " ", text.lower()).split())


def _number(text: str, unit: str | None) -> float:
    """'20', '20 hours', '20h', '2 years', '1.5 years', 'a year and a half', 'none' -> a number in the question's unit."""
    t = _words(text).replace("½", ".5")
    if t in NUMBER_WORDS:
        return float(NUMBER_WORDS[t])
    t = re.sub(
        r"\b([a-z0-9.]+) ([a-z]+) and a half\b", lambda m: f"{NUMBER_WORDS.get(m[1], m[1])}.5 {m[2]}", t
    )  # "a year and a half" -> 1.5 years
    t = re.sub(r"\b([a-z0-9.]+) and a half ([a-z]+)\b", lambda m: f"{NUMBER_WORDS.get(m[1], m[1])}.5 {m[2]}", t)  # "2 and a half years"
    t = " ".join(str(NUMBER_WORDS[w]) if w in NUMBER_WORDS and w not in ("no", "half") else w for w in t.split())
    total, found = 0.0, False
    for amount, word in re.findall(r"(\d+(?:\.\d+)?|\.\d+|[a-z]+)\s*([a-z]+)?", t):
        value = float(amount) if amount[0].isdigit() or amount[0] == "." else NUMBER_WORDS.get(amount)
        if value is None:
            if amount in UNITS or amount in (
                "old",
                "about",
                "around",
                "roughly",
                "almost",
                "over",
                "and",
                "of",
                "in",
                "recovery",
                "sober",
                "clean",
            ):
                continue
            raise ValueError
        factor = 1.0
        if word:
            converted = UNITS.get(word)
            if converted is None:
                if word not in ("old", "and", "of", "in", "sober", "clean", "so", "or"):
                    raise ValueError
            elif unit and converted[0] == unit:
                factor = converted[1]
            elif unit == "years" and word.startswith("y"):
                factor = 1
            elif unit and converted[0] != unit:
                raise ValueError
        total += value * factor
        found = True
    if not found:
        raise ValueError
    return total


def _yes_no(text: str) -> bool | None:
    t = _words(text).rstrip(".!")
    if t in YES_WORDS or t.startswith(("yes", "yeah", "yep")):
        return True
    if t in NO_WORDS or t.startswith(("no ", "nope", "not ")):
        return False
    return None


def _choices(q: Question, text: str) -> list[str]:
    t = _words(text)
    keys = [c.key for c in q.choices]
    synonyms = SYNONYMS.get(_key_of(q.key), {})
    if q.form == "multi" and t in ("none", "no", "nothing", "none of these", "none yet", "0"):
        return []
    chosen: list[str] = []
    # Numbers and exact keys first ("1,2", "1 and 2").
    parts = [p for p in re.split(r"\s*(?:,|;|&|\band\b|\bor\b|\s)\s*", t) if p]
    if parts and all(p.isdigit() for p in parts):
        for p in parts:
            n = int(p)
            if not 1 <= n <= len(q.choices):
                raise ValueError
            chosen.append(keys[n - 1])
        return list(dict.fromkeys(chosen))
    if t in keys:
        return [t]
    yn = _yes_no(t) if set(keys) <= {"none", "has_record"} else None
    if yn is not None:
        return ["has_record" if yn else "none"]
    rest = f" {t} "
    for phrase in sorted(synonyms, key=len, reverse=True):
        if re.search(rf"(?<![\w']){re.escape(phrase)}(?![\w'])", rest):
            value = synonyms[phrase]
            if value in keys:
                chosen.append(value)
            rest = re.sub(rf"(?<![\w']){re.escape(phrase)}(?![\w'])", " ", rest)
    for c in q.choices:  # a choice's own words ("high school diploma or ged", "associate degree")
        if c.label.lower() in t and c.key not in chosen:
            chosen.append(c.key)
    if not chosen:
        raise ValueError
    return list(dict.fromkeys(chosen))


def parse(q: Question, raw: str) -> Any:
    """One typed answer, or ValueError with a kind message saying what to type."""
    text = raw.strip()
    low = _words(text)
    if q.allow_skip and low in SKIP_WORDS:
        return PREFER_NOT
    if q.key == "hours_per_week" and not low:
        return 10
    if q.form in ("ids", "state"):
        if low in ("no", "n", "none", "nope", "not yet", "no i don't", ""):
            return [] if q.form == "ids" else None
        if q.form == "state":
            from prsscheck.jurisdictions import resolve

            return resolve(text)  # ValueError with a "did you mean" when unknown
        ids = [i for i in re.split(r"[\s,;]+", low) if i]
        if not all(re.fullmatch(r"[a-z]{2}-[a-z0-9-]+", i) for i in ids):
            raise ValueError("Please type a credential id such as mo-cps (or several, like mo-cps, us-ncps), or 'no'.")
        return ids
    if q.form in ("number", "whole"):
        if q.key.startswith("months_since.") and low in ("never", "no", "none", "n a", "na", "not applicable"):
            return NEVER
        try:
            value = _number(text, q.unit)
        except (ValueError, OverflowError):
            example = {"months": "18 months or 2 years", "hours": "20 or 20 hours", "years": "34"}.get(q.unit or "", "12")
            raise ValueError(f"Please type a number, for example {example}.") from None
        if q.form == "whole":
            if q.unit == "months" and value != int(value) and not re.fullmatch(r"\d+(\.\d+)?", low):
                value = round(value)  # "1.3 years" is about 16 months
            if value != int(value):
                raise ValueError("Please type a whole number, for example 34.")
        if not q.low <= value <= q.high:
            raise ValueError(f"Please type a number from {q.low:g} to {q.high:g}.")
        return int(value) if float(value).is_integer() else value
    if q.form == "yesno":
        answer = _yes_no(text)
        if answer is None and low in MAYBE_WORDS:
            return PREFER_NOT if q.allow_skip else False  # unsure counts as "not yet"
        if answer is None:
            raise ValueError("Please type y for yes or n for no.")
        return answer
    try:
        chosen = _choices(q, text)
    except ValueError:
        many = " (or several, like 1,2)" if q.form == "multi" else ""
        raise ValueError(f"Please type a number from 1 to {len(q.choices)}{many}, or the words of your answer.") from None
    if q.form == "choice":
        if len(chosen) != 1:
            raise ValueError(f"Please choose one: a number from 1 to {len(q.choices)}.")
        return chosen[0]
    return chosen


def record(q: Question, answers: dict[str, Any], value: Any) -> None:
    """Store one answer in answers-file form, and mark the question as asked."""
    key, _, sub = q.key.partition(".")
    answers.setdefault("_asked", []).append(q.key)
    if key == "readiness":
        if value != PREFER_NOT:
            answers.setdefault("readiness", {})[sub] = int(value)
    elif sub:
        answers.setdefault(key, {})[sub] = value
    elif value is None:
        pass  # "no" to an optional question: nothing to store
    elif key in ("exam_passed", "courses_done", "credentials_held"):
        answers[key] = list(dict.fromkeys([*(answers.get(key) or []), *value]))
    else:
        answers[key] = value


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
        self.read = read or (lambda prompt: console.input(_escape(prompt)))

    def ask_state(self, resolve: Callable[[str], str]) -> str:
        from prsscheck.jurisdictions import NAMES

        suggestion = None
        while True:
            raw = self.read("Which state or DC? (a code like TX or a name like Texas): ")
            if suggestion and _yes_no(raw):
                code = suggestion
            else:
                try:
                    code = resolve(raw)
                except ValueError as err:
                    suggestion = getattr(err, "suggestion", None)
                    self.console.print(f"  {_escape(str(err))}" + (" (type y to accept)" if suggestion else ""))
                    continue
            self.console.print(f"  {NAMES[code]} ({code})")
            return code

    def run(self, plan: Plan, answers: dict[str, Any]) -> dict[str, Any]:
        """Ask every pending question; answers is filled in place (so Ctrl-C keeps what was given)."""
        from rich.text import Text

        asked = 0
        total = None
        while True:
            todo = plan.questions(answers)
            if not todo:
                return answers
            q = todo[0]
            asked += 1
            # The count never grows: answers only narrow what is still worth asking.
            total = asked + len(todo) - 1 if total is None else min(total, asked + len(todo) - 1)
            self.console.print()
            self.console.print(Text(f"Question {asked} of {total}", style="dim"))
            self.console.print(Text(q.text, style="bold"))
            if q.why:
                self.console.print(Text(f"Why we ask: {q.why}", style="dim italic"))
            for i, choice in enumerate(q.choices, 1):
                self.console.print(Text(f"  {i}. {choice.label}"))
            if q.form == "yesno":
                self.console.print(Text("  Type y for yes or n for no.", style="dim"))
            if q.allow_skip:
                self.console.print(Text('  Or type "prefer not to say".', style="dim"))
            while True:
                raw = self.read("> ")
                try:
                    value = parse(q, raw)
                    unknown = [i for i in value if i not in plan.known_ids] if q.form == "ids" and plan.known_ids else []
                    if unknown:
                        raise ValueError(f"No credential has the id '{unknown[0]}'; 'prsscheck show STATE' lists the ids. Or type 'no'.")
                except ValueError as err:
                    self.console.print(Text(f"  {err}", style="yellow"))
                    continue
                record(q, answers, value)
                break


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
