"""The rules engine: a profile and a credential in, a verdict with reasons out.

Pure: no I/O, no prompts, no printing. Every requirement of a credential gets one outcome
from its kind's entry in kinds.py; the worst outcome sets the status. Unknown rule values
never vanish: they come back as "check with the board" items and count as distance.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from prsscheck.kinds import (  # noqa: F401  (re-exported: the engine's public vocabulary)
    BLOCK,
    CHECK,
    EDUCATION_ORDER,
    KEY_FIGURES,
    LATER,
    MET,
    PREFER_NOT,
    REVIEW,
    STATUSES,
    TODO,
    TOO_LITTLE_KNOWN,
    WAIT,
    Context,
    Item,
    Outcome,
    Profile,
    kind_of,
    money,
    number,
)
from prsscheck.model import Credential, Jurisdiction, Requirement

# The status of the worst level; CHECK (only unknown rule values remain) becomes
# likely_eligible, or needs_review when too little is known (see _status).
STATUS_OF_LEVEL = {
    MET: "eligible",
    LATER: "eligible",
    CHECK: "likely_eligible",
    TODO: "in_progress",
    REVIEW: "needs_review",
    WAIT: "not_yet",
    BLOCK: "not_eligible",
}
STATUS_ORDER = {s: i for i, s in enumerate(STATUSES)}
UNKNOWN_DISTANCE = 60.0  # an unknown key figure weighs about as much as a typical course still to do
DEFAULT_HOURS_PER_WEEK = 10.0


class Cost(NamedTuple):
    """What applying costs, from the fee requirements. Renewal is kept apart."""

    min_usd: float
    max_usd: float
    unknown: tuple[str, ...]  # the fees whose amount the rules do not state
    renewal: str | None

    def as_dict(self) -> dict:
        return {"min_usd": self.min_usd, "max_usd": self.max_usd, "unknown": list(self.unknown), "renewal": self.renewal}

    @property
    def text(self) -> str:
        if self.min_usd == 0 and self.max_usd == 0 and self.unknown:
            return "Cost: not stated in the sources we read (" + ", ".join(self.unknown) + " fee unknown)."
        if self.min_usd == 0 and self.max_usd == 0:
            return "Cost: no fees found in the sources we read; ask the board."
        amount = money(self.min_usd, self.max_usd)
        unknown = f"; {', '.join(self.unknown)} fee unknown" if self.unknown else ""
        return f"Cost to apply: about {amount}{unknown}."


class Timeline(NamedTuple):
    """An estimate of when the person could apply, from what remains and their pace."""

    weeks: float | None  # None: something unknown or a board decision stands in the way
    earliest: str | None  # YYYY-MM
    hours_left: float
    hours_per_week: float
    wait_months: float

    def as_dict(self) -> dict:
        return {
            "weeks": self.weeks,
            "earliest": self.earliest,
            "hours_left": self.hours_left,
            "hours_per_week": self.hours_per_week,
            "wait_months": self.wait_months,
            "estimate": True,
        }

    @property
    def text(self) -> str:
        if self.weeks is None:
            return "Time: cannot estimate until the items to check with the board are settled."
        if self.weeks == 0:
            return "Time: you can apply now."
        parts = []
        if self.hours_left:
            parts.append(f"{number(self.hours_left)} hours at {number(self.hours_per_week)} a week")
        if self.wait_months:
            parts.append(f"{number(self.wait_months)} months to wait")
        when = f" (around {self.earliest})" if self.earliest else ""
        from prsscheck.kinds import plural

        return f"Time: about {plural(max(1, round(self.weeks)), 'week')}{when}: {' and '.join(parts)}. An estimate."


DONE, OPEN, UNTRACKED, NEXT = "done", "open", "untracked", "next"


class Progress(NamedTuple):
    """Where the person stands among the credential's own steps ("You are here").

    A step is done when every requirement linked to it (`step:` in the rules) is met, open when one
    is not, untracked when nothing the person answered can tell (no link, or only application items,
    fees or a background check: kinds whose `marks_steps` is off).
    """

    steps: tuple[str, ...]
    states: tuple[str, ...]  # DONE | OPEN | UNTRACKED, one per step
    next: int | None  # 0-based index of the step to do next; None once every tracked step is done

    @property
    def text(self) -> str:
        done = [i + 1 for i, state in enumerate(self.states) if state == DONE]
        of = len(self.steps)
        if self.next is None:
            return f"You are here: every step we can check is done ({_numbers(done)} of {of})."
        step = f"step {self.next + 1} of {of}: {self.steps[self.next].rstrip('.')}."
        if not done:
            return f"You are here: no step done yet; next, {step}"
        return f"You are here: {_numbers(done)} done; next, {step}"

    @property
    def marks(self) -> tuple[str, ...]:
        """Each step's state, with the step to do next marked NEXT."""
        return tuple(NEXT if i == self.next else state for i, state in enumerate(self.states))

    def as_dict(self) -> dict:
        return {
            "steps": [{"step": i + 1, "text": text, "state": mark} for i, (text, mark) in enumerate(zip(self.steps, self.marks))],
            "next": self.next + 1 if self.next is not None else None,
        }


def _numbers(steps: list[int]) -> str:
    if len(steps) == 1:
        return f"step {steps[0]}"
    return "steps " + ", ".join(map(str, steps[:-1])) + f" and {steps[-1]}"


def progress_of(credential: Credential, levels: Iterable[tuple[Requirement, int]], profile: Profile) -> Progress | None:
    """The person's place among the steps, from each linked requirement's level; None without links."""
    count = len(credential.steps)
    tracked: list[list[bool]] = [[] for _ in range(count)]  # per step: is each linked requirement met?
    for req, level in levels:
        have = _hours_done(req, profile) if req.at_hours and level != MET else None
        for position, n in enumerate(req.step):
            if not 1 <= n <= count:
                continue  # validate reports it; the verdict stays whole
            if have is not None and position < len(req.at_hours):
                tracked[n - 1].append(have >= req.at_hours[position])
            else:
                tracked[n - 1].append(level == MET)
    if not any(tracked):
        return None
    states = tuple(UNTRACKED if not links else DONE if all(links) else OPEN for links in tracked)
    first_open = next((i for i, state in enumerate(states) if state == OPEN), count)
    last_done = max((i for i in range(first_open) if states[i] == DONE), default=-1)
    # An untracked step (apply, an orientation) between the last done step and the first open one
    # comes next; untracked steps before a done step were, in the board's order, done already.
    following = next((i for i in range(last_done + 1, first_open) if states[i] == UNTRACKED), first_open)
    return Progress(credential.steps, states, following if following < count else None)


def _hours_done(req: Requirement, profile: Profile) -> float | None:
    have = getattr(profile, req.kind, None)
    return float(have) if isinstance(have, (int, float)) and not isinstance(have, bool) else None


class Verdict(NamedTuple):
    credential: Credential
    status: str
    level: int
    met: tuple[Item, ...]
    remaining: tuple[Item, ...]
    blockers: tuple[Item, ...]
    review: tuple[Item, ...]  # check with the board: unknown rule values, unanswered questions
    fees: tuple[Item, ...]
    next_steps: tuple[str, ...]
    application: tuple[Item, ...] = ()  # what goes with the application (essay, letters, code of ethics)
    held: bool = False
    via_reciprocity: bool = False
    later: tuple[Item, ...] = ()  # after applying, or the board's own judgment (a record, character)
    carried_over: tuple[Item, ...] = ()  # what a held credential meets; need = the kind, have = by what
    transfer: tuple[str, ...] = ()  # what does not carry over from what the person holds
    unknown: int = 0  # key figures the rules do not state
    key_figures: int = 0
    cost: Cost | None = None
    timeline: Timeline | None = None
    progress: Progress | None = None

    @property
    def next_step(self) -> str | None:
        return self.next_steps[0] if self.next_steps else None

    @property
    def too_little_known(self) -> bool:
        return self.key_figures > 0 and self.unknown * 2 > self.key_figures

    @property
    def gap(self) -> float:
        """A rough size of what remains, for sorting: hours, months (x10) and unknowns."""
        return _gap(self.remaining) + self.unknown * UNKNOWN_DISTANCE


def _gap(remaining: Iterable[Item]) -> float:
    total = 0.0
    for item in remaining:
        kind = kind_of(item.kind)
        if isinstance(item.need, (int, float)) and not isinstance(item.need, bool):
            have = item.have if isinstance(item.have, (int, float)) and not isinstance(item.have, bool) else 0
            total += max(0.0, float(item.need) - float(have)) * kind.weight
        else:
            total += kind.weight if kind.weight > 1 else UNKNOWN_DISTANCE  # an exam, a course, hours not stated
    return total


class _Static(NamedTuple):
    """What a credential's verdict needs that does not depend on the person, worked out once."""

    credential: Credential
    checks: tuple[Requirement, ...]  # requirements whose kind decides something
    levels: tuple[tuple[Requirement, Callable, bool], ...]  # (requirement, its level function, reciprocal), for status()
    fees: tuple[Item, ...]
    application: tuple[Item, ...]  # what goes with the application; never a blocker
    family: bool  # a family credential
    admits_family: bool  # family members qualify too (with others)
    unknown: int
    key_figures: int
    cost: Cost
    linked: bool  # some requirement names a step


_STATIC: dict[int, _Static] = {}


def _static(credential: Credential) -> _Static:
    # Keyed by identity: rules are immutable once loaded; the entry keeps the credential alive.
    hit = _STATIC.get(id(credential))
    if hit is not None and hit.credential is credential:
        return hit
    checks, fees, application = [], [], []
    # A named course that is the training stands for training hours the sources do not state.
    course_is_training = any(r.covers == "training_hours" for r in credential.all("required_course"))
    for req in credential.requirements:
        if course_is_training and req.kind == "training_hours" and req.hours is None:
            continue
        if req.kind == "fee":
            fees.append(fee_item(req))
        elif req.kind == "application_step":
            application.append(Item(req.kind, req.text or "", None, None, req.source))
        else:
            checks.append(req)
    family = credential.lived_experience == "family"
    admits_family = any("family" in r.any_of for r in credential.all("lived_experience"))
    unknown, figures = key_figure_counts(credential)
    kinds = [(req, kind_of(req.kind)) for req in checks]
    levels = tuple((req, kind.level, kind.reciprocal) for req, kind in kinds if kind.level is not None)
    static = _Static(
        credential,
        tuple(checks),
        levels,
        tuple(fees),
        tuple(application),
        family,
        admits_family,
        unknown,
        figures,
        cost_of(credential),
        any(r.step for r in credential.requirements),
    )
    _STATIC[id(credential)] = static
    return static


def key_figure_counts(credential: Credential) -> tuple[int, int]:
    """(unknown, total) over the key figures; a kind the credential does not list counts as unknown."""
    unknown = total = 0
    for name in KEY_FIGURES:
        if name == "recovery_time" and credential.lived_experience == "family":
            continue  # a family peer's own recovery is not a rule
        total += 1
        reqs = credential.all(name)
        if name == "training_hours" and any(r.covers == "training_hours" for r in credential.all("required_course")):
            continue  # the training is a named course: known as a course, not as hours
        if not reqs or not all(kind_of(name).known(r) for r in reqs):
            unknown += 1
    return unknown, total


def _family_route(static: _Static, profile: Profile) -> bool:
    """The person qualifies through family experience only: their own recovery time is not asked."""
    if static.family:
        return True
    lived = profile.lived_experience
    return static.admits_family and isinstance(lived, tuple) and "family" in lived and not {"mental_health", "substance_use"} & set(lived)


def _reciprocity(profile: Profile, credential: Credential, context: Context) -> str | None:
    """The held credential through which IC&RC reciprocity meets this one's work, or None."""
    if credential.reciprocity != "icrc" or not profile.credentials_held:
        return None
    return next((held for held in profile.credentials_held if held in context.icrc_reciprocal_ids and held != credential.id), None)


def evaluate(profile: Profile, credential: Credential, context: Context = Context()) -> Verdict:
    """The verdict for one credential. Never raises on a valid profile."""
    if credential.id in profile.credentials_held:
        item = Item(
            "held",
            "You already hold this credential. Keep it current: renew on time with your continuing education.",
            credential.id,
            credential.id,
        )
        return Verdict(credential, "eligible", MET, (item,), (), (), (), (), renewal_steps(credential), (), held=True)

    static = _static(credential)
    by = _reciprocity(profile, credential, context)
    family = _family_route(static, profile)
    outcomes: list[Outcome] = []  # in the order of the rule file
    carried: list[Item] = []
    decided: list[tuple[Requirement, int]] = []  # for the person's place among the steps
    for req in static.checks:
        kind = kind_of(req.kind)
        if by and kind.reciprocal:
            name = context.titles.get(by, by)
            item = Item(req.kind, f"{kind.label}: met through IC&RC reciprocity with your {name}.", req.kind, by, req.source)
            outcomes.append(Outcome(MET, item))
            carried.append(item)
            decided.append((req, MET))
            continue
        level = kind.level(req, profile, family)
        if level is None:
            continue
        if kind.marks_steps:
            decided.append((req, level))
        outcome = kind.explain(level, req, profile, context)
        outcomes.append(outcome)
        if req.kind == "prerequisite_credential" and level == MET:
            carried.append(outcome.item)
        if req.kind == "exam" and level == MET and req.required:
            carried.append(outcome.item)

    level = max((o.level for o in outcomes), default=MET)
    verdict_status = _status(level, static)
    met = tuple(o.item for o in outcomes if o.level == MET)
    remaining = tuple(o.item for o in outcomes if o.level in (TODO, WAIT))
    blockers = tuple(o.item for o in outcomes if o.level in (WAIT, BLOCK))
    review = tuple(o.item for o in outcomes if o.level in (CHECK, REVIEW))
    later = tuple(o.item for o in outcomes if o.level == LATER)
    fees = static.fees if not by else tuple(f for f in static.fees if f.kind != "fee" or "exam fee" not in f.text.lower())
    steps = _next_steps(credential, outcomes, static, level, by, verdict_status)
    transfer = _transfer(profile, credential, by, context)
    timeline = timeline_of(remaining, review, level, profile, context)
    return Verdict(
        credential,
        verdict_status,
        level,
        met,
        remaining,
        blockers,
        review,
        fees,
        steps,
        static.application,
        via_reciprocity=bool(by),
        later=later,
        carried_over=tuple(carried),
        transfer=transfer,
        unknown=static.unknown,
        key_figures=static.key_figures,
        cost=static.cost,
        timeline=timeline,
        progress=progress_of(credential, decided, profile) if static.linked else None,
    )


def _status(level: int, static: _Static) -> str:
    status = STATUS_OF_LEVEL[level]
    too_little = static.key_figures and static.unknown * 2 > static.key_figures
    if too_little and status in ("eligible", "likely_eligible", "in_progress"):
        return "needs_review"
    return status


def status(profile: Profile, credential: Credential, context: Context = Context()) -> str:
    """Only the status of evaluate(): the same level functions, no words. For batch mode."""
    if credential.id in profile.credentials_held:
        return "eligible"
    static = _static(credential)
    by = _reciprocity(profile, credential, context)
    family = _family_route(static, profile)
    worst = MET
    for req, decide, reciprocal in static.levels:
        if by and reciprocal:
            continue
        level = decide(req, profile, family)
        if level is not None and level > worst:  # levels are numbered best to worst
            worst = level
    return _status(worst, static)


def fee_item(req: Requirement) -> Item:
    what = (req.what or "other").replace("_", " ").capitalize()
    if req.usd is not None:
        return Item("fee", f"{what} fee: {money(req.usd, req.usd_max)}.", req.usd, req.usd_max, req.source)
    if req.text:
        return Item("fee", f"{what} fee: {req.text}.", None, None, req.source)
    return Item("fee", f"{what} fee: not stated in the sources we read.", None, None, req.source)


def cost_of(credential: Credential) -> Cost:
    low = high = 0.0
    unknown: list[str] = []
    renewal = None
    for req in credential.all("fee"):
        what = (req.what or "other").replace("_", " ")
        if req.what == "renewal":
            renewal = money(req.usd, req.usd_max) if req.usd is not None else (req.text or "unknown")
            continue
        if req.usd is None:
            unknown.append(what)
            continue
        low += req.usd
        high += req.usd_max if req.usd_max is not None else req.usd
    return Cost(low, high, tuple(dict.fromkeys(unknown)), renewal)


def timeline_of(remaining: tuple[Item, ...], review: tuple[Item, ...], level: int, profile: Profile, context: Context) -> Timeline | None:
    if level == BLOCK:
        return None
    pace = profile.hours_per_week or DEFAULT_HOURS_PER_WEEK
    hours_left = wait = 0.0
    for item in remaining:
        if not isinstance(item.need, (int, float)) or isinstance(item.need, bool):
            continue
        have = item.have if isinstance(item.have, (int, float)) and not isinstance(item.have, bool) else 0
        left = max(0.0, float(item.need) - float(have))
        if item.kind.endswith("_hours"):
            hours_left += left
        elif item.kind in ("recovery_time", "caregiver_time", "service_history", "event_lookback"):
            wait = max(wait, left)
        elif item.kind == "min_age":
            wait = max(wait, left * 12)
    unknown_work = any(not isinstance(i.need, (int, float)) and i.kind.endswith("_hours") for i in remaining)
    if unknown_work or any(i.kind != "condition" and "Not answered" in i.text for i in review):
        return Timeline(None, None, hours_left, pace, wait)
    weeks = max(hours_left / pace, wait * 52 / 12)
    return Timeline(round(weeks, 1), _month_after(context.today, weeks), hours_left, pace, wait)


def _month_after(today: str | None, weeks: float) -> str | None:
    if not today:
        return None
    import datetime as dt

    return (dt.date.fromisoformat(today) + dt.timedelta(weeks=weeks)).strftime("%Y-%m")


def _transfer(profile: Profile, credential: Credential, by: str | None, context: Context) -> tuple[str, ...]:
    """Plain words on what the person's held credentials do not carry over here."""
    held = [h for h in profile.credentials_held if h != credential.id]
    if not held or by:
        return ()
    names = ", ".join(context.titles.get(h, h) for h in held)
    if credential.reciprocity != "icrc":
        return (f"Your {names} does not transfer here by IC&RC reciprocity: this credential asks for its own training, hours and exam.",)
    return (f"Your {names} is not IC&RC-reciprocal: this credential asks for its own training, hours and exam.",)


def _next_steps(
    credential: Credential, outcomes: list[Outcome], static: _Static, level: int, by: str | None, verdict_status: str
) -> tuple[str, ...]:
    if level == BLOCK:
        return ("Look at the other credentials in this state, or national ones, that fit your lived experience.",)
    if verdict_status == "needs_review" and level < REVIEW:
        first = [f"{TOO_LITTLE_KNOWN}."]
    else:
        first = []
    # Waits first, then what the board decides, then the work; rule order within each.
    steps = first + [o.step for o in sorted(outcomes, key=lambda o: -o.level) if o.step and o.level != LATER]
    if by:
        steps.insert(0, "Ask your current IC&RC member board for the reciprocity application; start before you move.")
    if any(o.level == CHECK for o in outcomes):
        steps.append("Check the items marked 'check with the board' on the board's website or by phone.")
    known_fees = [f.text for f in static.fees if f.need is not None]
    apply = f"Apply to {credential.issuer}" if credential.issuer else "Apply to the certifying board"
    with_it = f" With it: {'; '.join(i.text.rstrip('.') for i in static.application)}." if static.application else ""
    steps.append(apply + (f" ({' '.join(known_fees)})" if known_fees else "") + "." + with_it)
    steps.extend(o.step for o in outcomes if o.level == LATER and o.step)
    return tuple(dict.fromkeys(steps))


def renewal_steps(credential: Credential) -> tuple[str, ...]:
    renewal = credential.renewal
    if renewal and renewal.period_years and renewal.ceu_hours:
        from prsscheck.kinds import every

        return (f"Renew {every(renewal.period_years)} with {number(renewal.ceu_hours)} hours of continuing education.",)
    return ("Renew on time; ask the board how often and how many continuing-education hours it asks.",)


# ---------------------------------------------------------------- many credentials


def icrc_reciprocal_ids(jurisdictions: Iterable[Jurisdiction]) -> frozenset[str]:
    return frozenset(c.id for j in jurisdictions for c in j.credentials if c.reciprocity == "icrc")


def titles(jurisdictions: Iterable[Jurisdiction]) -> dict[str, str]:
    return {c.id: f"{j.code} {c.label}" if j.code != "US" else c.label for j in jurisdictions for c in j.credentials}


def evaluate_jurisdiction(
    profile: Profile,
    jurisdiction: Jurisdiction,
    reciprocal: frozenset[str] = frozenset(),
    *,
    names: dict[str, str] | None = None,
    today: str | None = None,
) -> list[Verdict]:
    context = Context(icrc_reciprocal_ids=reciprocal, state_name=jurisdiction.name, titles=names or titles([jurisdiction]), today=today)
    verdicts = [evaluate(profile, credential, context) for credential in jurisdiction.credentials]
    return sorted(verdicts, key=rank)


def rank(verdict: Verdict) -> tuple:
    """Closest to certified first: status, then how much remains (unknowns count as distance)."""
    return (STATUS_ORDER[verdict.status], verdict.gap, verdict.credential.id)
