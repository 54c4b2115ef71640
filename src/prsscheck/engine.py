"""The rules engine: a profile and a credential in, a verdict with reasons out.

Pure: no I/O, no prompts, no printing. Every requirement of a credential gets one
outcome; the worst outcome sets the status. Unknown rule values and requirements the
engine cannot compute never vanish: they come back as "check with the board" items.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, NamedTuple

from prsscheck.model import Credential, Jurisdiction, Requirement

# Outcome levels of one requirement, from best to worst. The status is the worst level.
MET, CHECK, TODO, REVIEW, WAIT, BLOCK = range(6)
STATUS_OF_LEVEL = {
    MET: "eligible",
    CHECK: "needs_review",  # only unknown rule values stand between the person and applying
    TODO: "in_progress",
    REVIEW: "needs_review",  # the board decides something about the person (e.g. a record)
    WAIT: "not_yet",
    BLOCK: "not_eligible",
}
STATUSES = ("eligible", "in_progress", "needs_review", "not_yet", "not_eligible")

EDUCATION_ORDER = ("none", "high_school_or_ged", "associate", "bachelor", "graduate")
PREFER_NOT = "prefer_not_to_say"
LIVED_WORDS = {"mental_health": "mental health", "substance_use": "substance use", "family": "family (as a parent or caregiver)"}


@dataclass(frozen=True)
class Profile:
    """The answers. None means "not answered"; PREFER_NOT means the person chose not to say."""

    state: str | None = None
    age: int | None = None
    education: str | None = None
    lived_experience: tuple[str, ...] | str | None = None
    recovery_months: int | None = None
    in_state: bool | None = None
    willing_to_share: bool | None = None
    training_hours: float | None = None
    experience_hours: float | None = None
    supervised_hours: float | None = None
    exam_passed: tuple[str, ...] = ()
    background: str | None = None
    credentials_held: tuple[str, ...] = ()
    readiness: tuple[tuple[str, int], ...] = ()


class Item(NamedTuple):
    """One line of a verdict: what was checked, what it needs, what the person has.

    NamedTuples, not frozen dataclasses, for the engine's results: a verdict makes about
    fifteen of them, and a frozen dataclass costs ~6x more to build (bench/run.py).
    """

    kind: str
    text: str
    need: float | str | None = None
    have: float | str | None = None
    source: str | None = None

    def as_dict(self) -> dict:
        return {"kind": self.kind, "need": self.need, "have": self.have, "text": self.text, "source": self.source}


class Verdict(NamedTuple):
    credential: Credential
    status: str
    level: int
    met: tuple[Item, ...]
    remaining: tuple[Item, ...]
    blockers: tuple[Item, ...]
    review: tuple[Item, ...]
    fees: tuple[Item, ...]
    next_steps: tuple[str, ...]
    application: tuple[Item, ...] = ()  # what goes with the application (essay, letters, code of ethics)
    held: bool = False
    via_reciprocity: bool = False

    @property
    def next_step(self) -> str | None:
        return self.next_steps[0] if self.next_steps else None

    @property
    def gap(self) -> float:
        """A rough size of what remains, for sorting: hours plus months (a month ~ 10 hours)."""
        total = 0.0
        for item in self.remaining:
            if isinstance(item.need, (int, float)):
                have = item.have if isinstance(item.have, (int, float)) else 0
                weight = 10 if item.kind == "recovery_time" else 1
                total += max(0.0, float(item.need) - float(have)) * weight
            else:
                total += 60  # an exam, or hours the rules do not state (about a typical course)
        return total


@dataclass(frozen=True)
class Context:
    """What the engine may know beyond one credential: the credentials that carry IC&RC reciprocity."""

    icrc_reciprocal_ids: frozenset[str] = field(default_factory=frozenset)
    state_name: str | None = None


class _Outcome(NamedTuple):
    level: int
    item: Item
    step: str | None = None


def _hours(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:g}"


def _plural(n: float, word: str) -> str:
    return f"{_hours(n)} {word}{'' if n == 1 else 's'}"


def _check(req: Requirement, what: str) -> _Outcome:
    return _Outcome(CHECK, Item(req.kind, f"{what} — not stated in the sources we read; check with the board.", source=req.source))


def _unanswered(req: Requirement, question: str) -> _Outcome:
    return _Outcome(REVIEW, Item(req.kind, f"Not answered: {question} We could not check this requirement.", source=req.source), f"Answer: {question}")


# Each requirement kind has two halves: a *level* function, the one place that decides the
# outcome (cheap: batch mode calls only these), and an *explain* function that turns that
# level into words and numbers for a person. Explain never re-decides the level.


def _at_least(need: float | None, have: float | None) -> int:
    """The shape shared by age and recovery time: unknown rule, unanswered, met, or wait."""
    if need is None:
        return CHECK
    if have is None:
        return REVIEW
    return MET if have >= need else WAIT


def _age_level(req: Requirement, p: Profile, family: bool) -> int | None:
    return _at_least(req.years, p.age)


def _age_explain(level: int, req: Requirement, p: Profile, ctx: Context) -> _Outcome:
    if level == CHECK:
        return _check(req, "Minimum age")
    if level == REVIEW:
        return _unanswered(req, "How old are you?")
    if level == MET:
        return _Outcome(MET, Item(req.kind, f"Age {p.age}: at least {req.years} required.", req.years, p.age, req.source))
    wait = req.years - p.age
    text = f"You can apply at age {req.years}, in {_plural(wait, 'year')}."
    return _Outcome(WAIT, Item(req.kind, text, req.years, p.age, req.source), f"Wait until you are {req.years} ({_plural(wait, 'year')}); you can start training before then where the course allows it.")


_HS = EDUCATION_ORDER.index("high_school_or_ged")


def _education_level(req: Requirement, p: Profile, family: bool) -> int | None:
    if req.level is None or req.level == "other":
        return CHECK
    if req.level == "none":
        return MET
    if p.education is None or p.education == PREFER_NOT:
        return REVIEW
    return MET if EDUCATION_ORDER.index(p.education) >= _HS else WAIT


def _education_explain(level: int, req: Requirement, p: Profile, ctx: Context) -> _Outcome:
    if level == CHECK:
        if req.level == "other":
            return _Outcome(CHECK, Item(req.kind, f"Education: the board sets its own rule ({req.note or 'see the credential notes'}); check with the board.", req.level, p.education, req.source))
        return _check(req, "Education requirement")
    if level == MET:
        text = "No education requirement." if req.level == "none" else "High school diploma or GED: you have it."
        return _Outcome(MET, Item(req.kind, text, req.level, p.education, req.source))
    if level == REVIEW:
        if p.education is None:
            return _unanswered(req, "What is the highest education you have finished?")
        return _Outcome(REVIEW, Item(req.kind, "You chose not to say your education; a high school diploma or GED is required.", req.level, p.education, req.source), "Find your diploma, GED or transcript: the board will ask for it.")
    return _Outcome(WAIT, Item(req.kind, "A high school diploma or GED (or equivalency) is required.", req.level, p.education, req.source), "Earn a high school diploma or GED; adult education programs can help, often at no cost.")


def _lived_level(req: Requirement, p: Profile, family: bool) -> int | None:
    lived = p.lived_experience
    if lived is None or lived == PREFER_NOT:
        return REVIEW
    return MET if not set(req.any_of).isdisjoint(lived) else BLOCK


def _lived_explain(level: int, req: Requirement, p: Profile, ctx: Context) -> _Outcome:
    wanted = " or ".join(LIVED_WORDS.get(k, k) for k in req.any_of)
    lived = p.lived_experience
    if level == REVIEW:
        if lived is None:
            return _unanswered(req, "What lived experience do you bring?")
        return _Outcome(REVIEW, Item(req.kind, f"You chose not to say; this credential is for lived experience of {wanted}.", wanted, PREFER_NOT, req.source), "Read who this credential is for and decide whether it fits you.")
    if level == MET:
        return _Outcome(MET, Item(req.kind, f"Lived experience of {wanted}: it fits yours.", wanted, ", ".join(lived), req.source))
    return _Outcome(BLOCK, Item(req.kind, f"This credential is for people with lived experience of {wanted}.", wanted, ", ".join(lived) or "none", req.source))


def _recovery_level(req: Requirement, p: Profile, family: bool) -> int | None:
    if req.months is None and family:
        return None  # a family peer's own recovery time is not asked
    return MET if req.months == 0 else _at_least(req.months, p.recovery_months)


def _recovery_explain(level: int, req: Requirement, p: Profile, ctx: Context) -> _Outcome:
    if level == CHECK:
        return _check(req, "Minimum time in recovery")
    if level == REVIEW:
        return _unanswered(req, "How many months have you been in recovery?")
    if level == MET:
        if req.months == 0:
            return _Outcome(MET, Item(req.kind, "No minimum time in recovery.", 0, p.recovery_months, req.source))
        return _Outcome(MET, Item(req.kind, f"{_plural(p.recovery_months, 'month')} in recovery: at least {req.months} required.", req.months, p.recovery_months, req.source))
    wait = req.months - p.recovery_months
    text = f"Wait {_plural(wait, 'more month')} of recovery ({req.months} required)."
    return _Outcome(WAIT, Item(req.kind, text, req.months, p.recovery_months, req.source), text)


def _residency_level(req: Requirement, p: Profile, family: bool) -> int | None:
    if p.in_state is None:
        return REVIEW
    return MET if p.in_state else WAIT


def _residency_explain(level: int, req: Requirement, p: Profile, ctx: Context) -> _Outcome:
    where = ctx.state_name or "the state"
    if level == REVIEW:
        return _unanswered(req, f"Do you live or work in {where}?")
    if level == MET:
        return _Outcome(MET, Item(req.kind, f"You live or work in {where}.", True, True, req.source))
    return _Outcome(WAIT, Item(req.kind, f"You need to live or work in {where} ({req.text})", True, False, req.source), f"Live or work in {where} before you apply.")


_COUNTED = {
    "training_hours": ("training_hours", "peer training", "Complete"),
    "experience_hours": ("experience_hours", "peer work or volunteer experience", "Log"),
    "supervised_hours": ("supervised_hours", "supervision", "Receive"),
}


def _counted_level(req: Requirement, p: Profile, family: bool) -> int | None:
    have = getattr(p, req.kind) or 0
    if req.hours is None:
        return CHECK if have > 0 else TODO
    return MET if have >= req.hours else TODO


def _counted_explain(level: int, req: Requirement, p: Profile, ctx: Context) -> _Outcome:
    field_name, noun, doing = _COUNTED[req.kind]
    have = getattr(p, field_name) or 0
    if req.hours is None:
        if level == CHECK:
            return _Outcome(CHECK, Item(req.kind, f"You have {_plural(have, 'hour')} of {noun}; the number required is not stated in the sources we read. Check with the board.", None, have, req.source))
        return _Outcome(TODO, Item(req.kind, f"Complete the required {noun} (the number of hours is not stated in the sources we read).", None, have, req.source), f"Complete the required {noun}; ask the board how many hours count.")
    if level == MET:
        text = f"No {noun} hours required." if req.hours == 0 else f"{_plural(have, 'hour')} of {noun}: {_hours(req.hours)} required."
        return _Outcome(MET, Item(req.kind, text, req.hours, have, req.source))
    left = req.hours - have
    more = "more " if have else ""
    text = f"{doing} {_plural(left, more + 'hour')} of {noun} ({_hours(req.hours)} required)."
    return _Outcome(TODO, Item(req.kind, text, req.hours, have, req.source), text)


def _exam_level(req: Requirement, p: Profile, family: bool) -> int | None:
    if req.required is False:
        return MET
    if req.required is None:
        return CHECK
    return MET if req.id in p.exam_passed else TODO


_EXAM_WORDS = {"course": "the test at the end of the training course", "national": "the national exam", "board": "the board's exam"}


def _exam_explain(level: int, req: Requirement, p: Profile, ctx: Context) -> _Outcome:
    if level == CHECK:
        return _check(req, "Whether an exam is required")
    if level == MET:
        text = "No exam required." if req.required is False else f"Passed: {req.name}."
        return _Outcome(MET, Item(req.kind, text, req.id, req.id if req.required else None, req.source))
    text = f"Pass {_EXAM_WORDS.get(req.type or '', 'the exam')}: {req.name}."
    return _Outcome(TODO, Item(req.kind, text, req.id, None, req.source), text)


def _background_level(req: Requirement, p: Profile, family: bool) -> int | None:
    if req.required is False or p.background == "none":
        return MET
    return REVIEW  # a record, "prefer not to say", or no answer: the board decides


def _background_explain(level: int, req: Requirement, p: Profile, ctx: Context) -> _Outcome:
    if level == MET:
        text = "No criminal background check required." if req.required is False else "No criminal record to review."
        return _Outcome(MET, Item(req.kind, text, req.required, p.background, req.source))
    if p.background is None:
        return _unanswered(req, "Do you have a criminal record? (You may choose not to say.)")
    rule = req.disqualifying or "The sources we read do not list which offenses matter."
    said = "You have a record" if p.background == "has_record" else "You chose not to say about a record"
    text = f"{said}: the board reviews records case by case. What it says: {rule}"
    step = "Read the board's rules on records and, if you can, talk to the board before you pay for training; many records do not bar certification."
    return _Outcome(REVIEW, Item(req.kind, text, req.required, p.background, req.source), step)


def _other(req: Requirement) -> _Outcome:
    text = req.text or ""
    return _Outcome(CHECK, Item(req.kind, f"Check with the board: {text}", None, None, req.source))


_RECIPROCAL_KINDS = {"training_hours", "experience_hours", "supervised_hours", "exam"}
_RECIPROCITY_MET = "Met through IC&RC reciprocity with the credential you hold."


class _Static(NamedTuple):
    """What a credential's verdict needs that does not depend on the person, worked out once."""

    credential: Credential
    checks: tuple[tuple[Requirement, tuple[Callable, Callable]], ...]  # requirements that depend on the answers
    other: tuple[_Outcome, ...]  # "other"/"employment": always "check with the board"
    fees: tuple[Item, ...]
    application: tuple[Item, ...]  # what goes with the application; never a blocker
    family: bool


_STATIC: dict[int, _Static] = {}


def _static(credential: Credential) -> _Static:
    # Keyed by identity: rules are immutable once loaded; the entry keeps the credential alive.
    hit = _STATIC.get(id(credential))
    if hit is not None and hit.credential is credential:
        return hit
    checks, other, fees, application = [], [], [], []
    for req in credential.requirements:
        if req.kind == "fee":
            fees.append(_fee_item(req))
        elif req.kind == "application_step":
            application.append(Item(req.kind, req.text or "", None, None, req.source))
        elif req.kind in _HANDLERS:
            checks.append((req, _HANDLERS[req.kind]))
        else:  # "other", "employment" and any kind added later
            other.append(_other(req))
    static = _Static(credential, tuple(checks), tuple(other), tuple(fees), tuple(application), credential.lived_experience == "family")
    _STATIC[id(credential)] = static
    return static


def evaluate(profile: Profile, credential: Credential, context: Context = Context()) -> Verdict:
    """The verdict for one credential. Never raises on a valid profile."""
    if credential.id in profile.credentials_held:
        item = Item("held", "You already hold this credential. Keep it current: renew on time with your continuing education.", credential.id, credential.id)
        return Verdict(credential, "eligible", MET, (item,), (), (), (), (), _renewal_steps(credential), (), held=True)

    static = _static(credential)
    via_reciprocity = bool(profile.credentials_held) and credential.reciprocity == "icrc" and not context.icrc_reciprocal_ids.isdisjoint(profile.credentials_held)
    # One list per outcome level, filled in the order of the rule file.
    outcomes: list[_Outcome] = []  # in the order of the rule file
    for req, (decide, explain) in static.checks:
        if via_reciprocity and req.kind in _RECIPROCAL_KINDS:
            outcomes.append(_Outcome(MET, Item(req.kind, _RECIPROCITY_MET, source=req.source)))
            continue
        level = decide(req, profile, static.family)
        if level is not None:
            outcomes.append(explain(level, req, profile, context))
    outcomes.extend(static.other)

    level = max((o.level for o in outcomes), default=MET)
    met = tuple(o.item for o in outcomes if o.level == MET)
    remaining = tuple(o.item for o in outcomes if o.level in (TODO, WAIT))
    blockers = tuple(o.item for o in outcomes if o.level in (WAIT, BLOCK))
    review = tuple(o.item for o in outcomes if o.level in (CHECK, REVIEW))
    steps = _next_steps(credential, outcomes, static, level, via_reciprocity)
    return Verdict(credential, STATUS_OF_LEVEL[level], level, met, remaining, blockers, review, static.fees, steps, static.application, via_reciprocity=via_reciprocity)


def status(profile: Profile, credential: Credential, context: Context = Context()) -> str:
    """Only the status of evaluate(): the same level functions, no words. For batch mode."""
    if credential.id in profile.credentials_held:
        return "eligible"
    static = _static(credential)
    via_reciprocity = bool(profile.credentials_held) and credential.reciprocity == "icrc" and not context.icrc_reciprocal_ids.isdisjoint(profile.credentials_held)
    worst = CHECK if static.other else MET
    for req, (decide, _) in static.checks:
        if via_reciprocity and req.kind in _RECIPROCAL_KINDS:
            continue
        level = decide(req, profile, static.family)
        if level is not None and level > worst:  # levels are numbered best to worst
            worst = level
    return STATUS_OF_LEVEL[worst]


_HANDLERS: dict[str, tuple[Callable, Callable]] = {
    "min_age": (_age_level, _age_explain),
    "education": (_education_level, _education_explain),
    "lived_experience": (_lived_level, _lived_explain),
    "recovery_time": (_recovery_level, _recovery_explain),
    "residency": (_residency_level, _residency_explain),
    "training_hours": (_counted_level, _counted_explain),
    "experience_hours": (_counted_level, _counted_explain),
    "supervised_hours": (_counted_level, _counted_explain),
    "exam": (_exam_level, _exam_explain),
    "background_check": (_background_level, _background_explain),
}


def _fee_item(req: Requirement) -> Item:
    if req.usd is not None:
        amount = f"${req.usd:,.0f}" if float(req.usd).is_integer() else f"${req.usd:,.2f}"
        return Item("fee", f"{req.what.capitalize()} fee: {amount}.", req.usd, None, req.source)
    if req.text:
        return Item("fee", f"{req.what.capitalize()} fee: {req.text}.", req.text, None, req.source)
    return Item("fee", f"{req.what.capitalize()} fee: not stated in the sources we read.", None, None, req.source)


def _next_steps(credential: Credential, outcomes: list[_Outcome], static: _Static, level: int, via_reciprocity: bool) -> tuple[str, ...]:
    if level == BLOCK:
        return ("Look at the other credentials in this state, or national ones, that fit your lived experience.",)
    # Waits first, then what the board decides, then the work; rule order within each.
    steps = [o.step for o in sorted(outcomes, key=lambda o: -o.level) if o.step]
    if via_reciprocity:
        steps.insert(0, "Ask your current IC&RC member board for the reciprocity application; start before you move.")
    if any(o.level == CHECK for o in outcomes):
        steps.append("Check the items marked 'check with the board' on the board's website or by phone.")
    known_fees = [f.text for f in static.fees if f.need is not None]
    apply = f"Apply to {credential.issuer}" if credential.issuer else "Apply to the certifying board"
    with_it = f" With it: {'; '.join(i.text.rstrip('.') for i in static.application)}." if static.application else ""
    steps.append(apply + (f" ({' '.join(known_fees)})" if known_fees else "") + "." + with_it)
    return tuple(dict.fromkeys(steps))


def _renewal_steps(credential: Credential) -> tuple[str, ...]:
    renewal = credential.renewal
    if renewal and renewal.period_years and renewal.ceu_hours:
        return (f"Renew every {_hours(renewal.period_years)} years with {_hours(renewal.ceu_hours)} hours of continuing education.",)
    return ("Renew on time; ask the board how often and how many continuing-education hours it asks.",)


# ---------------------------------------------------------------- many credentials


def icrc_reciprocal_ids(jurisdictions: Iterable[Jurisdiction]) -> frozenset[str]:
    return frozenset(c.id for j in jurisdictions for c in j.credentials if c.reciprocity == "icrc")


def evaluate_jurisdiction(profile: Profile, jurisdiction: Jurisdiction, reciprocal: frozenset[str] = frozenset()) -> list[Verdict]:
    context = Context(icrc_reciprocal_ids=reciprocal, state_name=jurisdiction.name)
    verdicts = [evaluate(profile, credential, context) for credential in jurisdiction.credentials]
    return sorted(verdicts, key=rank)


def rank(verdict: Verdict) -> tuple:
    """Closest to certified first: status, then how much remains."""
    return (verdict.level, verdict.gap, verdict.credential.id)
