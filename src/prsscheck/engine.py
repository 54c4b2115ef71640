"""The rules engine: a profile and a credential in, a verdict with reasons out.

Pure: no I/O, no prompts, no printing. Every requirement of a credential gets one
outcome; the worst outcome sets the status. Unknown rule values and requirements the
engine cannot compute never vanish: they come back as "check with the board" items.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

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


@dataclass(frozen=True)
class Item:
    """One line of a verdict: what was checked, what it needs, what the person has."""

    kind: str
    text: str
    need: float | str | None = None
    have: float | str | None = None
    source: str | None = None

    def as_dict(self) -> dict:
        return {"kind": self.kind, "need": self.need, "have": self.have, "text": self.text, "source": self.source}


@dataclass(frozen=True)
class Verdict:
    credential: Credential
    status: str
    level: int
    met: tuple[Item, ...]
    remaining: tuple[Item, ...]
    blockers: tuple[Item, ...]
    review: tuple[Item, ...]
    fees: tuple[Item, ...]
    next_steps: tuple[str, ...]
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


@dataclass
class _Outcome:
    level: int
    item: Item
    step: str | None = None


def _hours(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:g}"


def _plural(n: float, word: str) -> str:
    return f"{_hours(n)} {word}{'' if n == 1 else 's'}"


def _lived(profile: Profile) -> tuple[str, ...] | str | None:
    return profile.lived_experience


def _check(req: Requirement, what: str) -> _Outcome:
    return _Outcome(CHECK, Item(req.kind, f"{what} — not stated in the sources we read; check with the board.", source=req.source))


def _unanswered(req: Requirement, question: str) -> _Outcome:
    return _Outcome(REVIEW, Item(req.kind, f"Not answered: {question} We could not check this requirement.", source=req.source), f"Answer: {question}")


def _min_age(req: Requirement, p: Profile, ctx: Context) -> _Outcome | None:
    if req.years is None:
        return _check(req, "Minimum age")
    if p.age is None:
        return _unanswered(req, "How old are you?")
    if p.age >= req.years:
        return _Outcome(MET, Item(req.kind, f"Age {p.age}: at least {req.years} required.", req.years, p.age, req.source))
    wait = req.years - p.age
    text = f"You can apply at age {req.years}, in {_plural(wait, 'year')}."
    return _Outcome(WAIT, Item(req.kind, text, req.years, p.age, req.source), f"Wait until you are {req.years} ({_plural(wait, 'year')}); you can start training before then where the course allows it.")


def _education(req: Requirement, p: Profile, ctx: Context) -> _Outcome | None:
    if req.level is None:
        return _check(req, "Education requirement")
    if req.level == "none":
        return _Outcome(MET, Item(req.kind, "No education requirement.", req.level, p.education, req.source))
    if req.level == "other":
        return _Outcome(CHECK, Item(req.kind, f"Education: the board sets its own rule ({req.note or 'see the credential notes'}); check with the board.", req.level, p.education, req.source))
    if p.education is None:
        return _unanswered(req, "What is the highest education you have finished?")
    if p.education == PREFER_NOT:
        return _Outcome(REVIEW, Item(req.kind, "You chose not to say your education; a high school diploma or GED is required.", req.level, p.education, req.source), "Find your diploma, GED or transcript: the board will ask for it.")
    if EDUCATION_ORDER.index(p.education) >= EDUCATION_ORDER.index("high_school_or_ged"):
        return _Outcome(MET, Item(req.kind, "High school diploma or GED: you have it.", req.level, p.education, req.source))
    return _Outcome(WAIT, Item(req.kind, "A high school diploma or GED (or equivalency) is required.", req.level, p.education, req.source), "Earn a high school diploma or GED; adult education programs can help, often at no cost.")


def _lived_experience(req: Requirement, p: Profile, ctx: Context) -> _Outcome | None:
    wanted = " or ".join(LIVED_WORDS.get(k, k) for k in req.any_of)
    lived = _lived(p)
    if lived is None:
        return _unanswered(req, "What lived experience do you bring?")
    if lived == PREFER_NOT:
        return _Outcome(REVIEW, Item(req.kind, f"You chose not to say; this credential is for lived experience of {wanted}.", wanted, PREFER_NOT, req.source), "Read who this credential is for and decide whether it fits you.")
    if set(lived) & set(req.any_of):
        return _Outcome(MET, Item(req.kind, f"Lived experience of {wanted}: it fits yours.", wanted, ", ".join(lived), req.source))
    return _Outcome(BLOCK, Item(req.kind, f"This credential is for people with lived experience of {wanted}.", wanted, ", ".join(lived) or "none", req.source))


def _recovery_time(req: Requirement, p: Profile, ctx: Context, family: bool) -> _Outcome | None:
    if req.months is None:
        return None if family else _check(req, "Minimum time in recovery")
    if req.months == 0:
        return _Outcome(MET, Item(req.kind, "No minimum time in recovery.", 0, p.recovery_months, req.source))
    if p.recovery_months is None:
        return _unanswered(req, "How many months have you been in recovery?")
    if p.recovery_months >= req.months:
        return _Outcome(MET, Item(req.kind, f"{_plural(p.recovery_months, 'month')} in recovery: at least {req.months} required.", req.months, p.recovery_months, req.source))
    wait = req.months - p.recovery_months
    text = f"Wait {_plural(wait, 'more month')} of recovery ({req.months} required)."
    return _Outcome(WAIT, Item(req.kind, text, req.months, p.recovery_months, req.source), text)


def _residency(req: Requirement, p: Profile, ctx: Context) -> _Outcome | None:
    where = ctx.state_name or "the state"
    if p.in_state is None:
        return _unanswered(req, f"Do you live or work in {where}?")
    if p.in_state:
        return _Outcome(MET, Item(req.kind, f"You live or work in {where}.", True, True, req.source))
    return _Outcome(WAIT, Item(req.kind, f"You need to live or work in {where} ({req.text})", True, False, req.source), f"Live or work in {where} before you apply.")


def _counted(req: Requirement, have: float | None, noun: str, doing: str) -> _Outcome | None:
    have_n = have or 0
    if req.hours is None:
        if have_n > 0:
            return _Outcome(CHECK, Item(req.kind, f"You have {_plural(have_n, 'hour')} of {noun}; the number required is not stated in the sources we read. Check with the board.", None, have_n, req.source))
        return _Outcome(TODO, Item(req.kind, f"Complete the required {noun} (the number of hours is not stated in the sources we read).", None, have_n, req.source), f"Complete the required {noun}; ask the board how many hours count.")
    if req.hours == 0:
        return _Outcome(MET, Item(req.kind, f"No {noun} hours required.", 0, have_n, req.source))
    if have_n >= req.hours:
        return _Outcome(MET, Item(req.kind, f"{_plural(have_n, 'hour')} of {noun}: {_hours(req.hours)} required.", req.hours, have_n, req.source))
    left = req.hours - have_n
    more = "more " if have_n else ""
    text = f"{doing} {_plural(left, more + 'hour')} of {noun} ({_hours(req.hours)} required)."
    return _Outcome(TODO, Item(req.kind, text, req.hours, have_n, req.source), text)


def _exam(req: Requirement, p: Profile, ctx: Context) -> _Outcome | None:
    if req.required is False:
        return _Outcome(MET, Item(req.kind, "No exam required.", None, None, req.source))
    if req.required is None:
        return _check(req, "Whether an exam is required")
    if req.id in p.exam_passed:
        return _Outcome(MET, Item(req.kind, f"Passed: {req.name}.", req.id, req.id, req.source))
    kind = {"course": "the test at the end of the training course", "national": "the national exam", "board": "the board's exam"}.get(req.type or "", "the exam")
    text = f"Pass {kind}: {req.name}."
    return _Outcome(TODO, Item(req.kind, text, req.id, None, req.source), text)


def _background(req: Requirement, p: Profile, ctx: Context) -> _Outcome | None:
    if req.required is False:
        return _Outcome(MET, Item(req.kind, "No criminal background check required.", False, p.background, req.source))
    rule = req.disqualifying or "The sources we read do not list which offenses matter."
    if p.background is None:
        return _unanswered(req, "Do you have a criminal record? (You may choose not to say.)")
    if p.background == "none":
        return _Outcome(MET, Item(req.kind, "No criminal record to review.", req.required, p.background, req.source))
    said = "You have a record" if p.background == "has_record" else "You chose not to say about a record"
    text = f"{said}: the board reviews records case by case. What it says: {rule}"
    step = "Read the board's rules on records and, if you can, talk to the board before you pay for training; many records do not bar certification."
    return _Outcome(REVIEW, Item(req.kind, text, req.required, p.background, req.source), step)


def _other(req: Requirement, p: Profile, ctx: Context) -> _Outcome | None:
    text = req.text or ""
    return _Outcome(CHECK, Item(req.kind, f"Check with the board: {text}", None, None, req.source))


_RECIPROCAL_KINDS = {"training_hours", "experience_hours", "supervised_hours", "exam"}


def evaluate(profile: Profile, credential: Credential, context: Context = Context()) -> Verdict:
    """The verdict for one credential. Never raises on a valid profile."""
    if credential.id in profile.credentials_held:
        item = Item("held", "You already hold this credential. Keep it current: renew on time with your continuing education.", credential.id, credential.id)
        return Verdict(credential, "eligible", MET, (item,), (), (), (), (), _renewal_steps(credential), held=True)

    via_reciprocity = credential.reciprocity == "icrc" and bool(context.icrc_reciprocal_ids & set(profile.credentials_held))
    family = credential.lived_experience == "family"
    outcomes: list[_Outcome] = []
    fees: list[Item] = []
    for req in credential.requirements:
        if via_reciprocity and req.kind in _RECIPROCAL_KINDS:
            outcomes.append(_Outcome(MET, Item(req.kind, "Met through IC&RC reciprocity with the credential you hold.", source=req.source)))
            continue
        outcome = _evaluate_one(req, profile, context, family)
        if req.kind == "fee":
            fees.append(_fee_item(req))
        elif outcome is not None:
            outcomes.append(outcome)

    level = max((o.level for o in outcomes), default=MET)
    met = tuple(o.item for o in outcomes if o.level == MET)
    remaining = tuple(o.item for o in outcomes if o.level in (TODO, WAIT))
    blockers = tuple(o.item for o in outcomes if o.level in (WAIT, BLOCK))
    review = tuple(o.item for o in outcomes if o.level in (CHECK, REVIEW))
    steps = _next_steps(credential, outcomes, fees, level, via_reciprocity)
    return Verdict(credential, STATUS_OF_LEVEL[level], level, met, remaining, blockers, review, tuple(fees), steps, via_reciprocity=via_reciprocity)


def _evaluate_one(req: Requirement, p: Profile, ctx: Context, family: bool) -> _Outcome | None:
    kind = req.kind
    if kind == "min_age":
        return _min_age(req, p, ctx)
    if kind == "education":
        return _education(req, p, ctx)
    if kind == "lived_experience":
        return _lived_experience(req, p, ctx)
    if kind == "recovery_time":
        return _recovery_time(req, p, ctx, family)
    if kind == "residency":
        return _residency(req, p, ctx)
    if kind == "training_hours":
        return _counted(req, p.training_hours, "peer training", "Complete")
    if kind == "experience_hours":
        return _counted(req, p.experience_hours, "peer work or volunteer experience", "Log")
    if kind == "supervised_hours":
        return _counted(req, p.supervised_hours, "supervision", "Receive")
    if kind == "exam":
        return _exam(req, p, ctx)
    if kind == "background_check":
        return _background(req, p, ctx)
    if kind == "fee":
        return None
    return _other(req, p, ctx)  # "other", "employment" and any kind added later


def _fee_item(req: Requirement) -> Item:
    if req.usd is not None:
        amount = f"${req.usd:,.0f}" if float(req.usd).is_integer() else f"${req.usd:,.2f}"
        return Item("fee", f"{req.what.capitalize()} fee: {amount}.", req.usd, None, req.source)
    if req.text:
        return Item("fee", f"{req.what.capitalize()} fee: {req.text}.", req.text, None, req.source)
    return Item("fee", f"{req.what.capitalize()} fee: not stated in the sources we read.", None, None, req.source)


def _next_steps(credential: Credential, outcomes: list[_Outcome], fees: list[Item], level: int, via_reciprocity: bool) -> tuple[str, ...]:
    if level == BLOCK:
        return ("Look at the other credentials in this state, or national ones, that fit your lived experience.",)
    ordered = sorted((o for o in outcomes if o.level != MET and o.step), key=lambda o: -o.level)
    steps = [o.step for o in ordered]
    if via_reciprocity:
        steps.insert(0, "Ask your current IC&RC member board for the reciprocity application; start before you move.")
    if any(o.level == CHECK for o in outcomes):
        steps.append("Check the items marked 'check with the board' on the board's website or by phone.")
    known_fees = [f.text for f in fees if f.need is not None]
    apply = f"Apply to {credential.issuer}" if credential.issuer else "Apply to the certifying board"
    steps.append(apply + (f" ({' '.join(known_fees)})" if known_fees else "") + ".")
    return tuple(dict.fromkeys(s for s in steps if s))


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
    order = {MET: 0, CHECK: 1, TODO: 2, REVIEW: 3, WAIT: 4, BLOCK: 5}[verdict.level]
    return (order, verdict.gap, verdict.credential.id)
