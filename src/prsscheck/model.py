"""The rules as the rest of the program sees them: frozen, typed, read-only.

Built from a rule file by `rules.load_*`; `raw` keeps the file's own mapping so
`show --json` can print the jurisdiction exactly as loaded (same keys as the YAML).
NamedTuples rather than frozen dataclasses: every command imports this module, and
creating seven frozen dataclasses cost ~20 ms of start-up (python -X importtime).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple


class Requirement(NamedTuple):
    """One requirement of any kind (kinds.py says what each kind means). Fields a kind does
    not use stay at their defaults; fields this version does not know go to `extra`."""

    kind: str
    source: str | None = None
    note: str | None = None
    locator: str | None = None
    # min_age, max_age
    years: int | None = None
    # education
    level: str | None = None
    # lived_experience, prerequisite_credential, service_history
    any_of: tuple[str, ...] = ()
    attestation: bool | None = None
    # recovery_time, caregiver_time, service_history, event_lookback
    months: int | None = None
    event: str | None = None
    # training_hours, experience_hours, supervised_hours (and a course's length)
    hours: float | None = None
    basis: str | None = None  # hours: minimum | course_length; residency: live | work | live_or_work | ...
    detail: str | None = None
    within_years: float | None = None
    stage: str | None = None
    # residency
    percent: float | None = None
    # exam, background_check: required True / False / None (unknown); exam, required_course: id, name
    required: bool | None = None
    id: str | None = None
    name: str | None = None
    type: str | None = None
    disqualifying: str | None = None
    summary: str | None = None
    lookback_years: float | None = None
    barring: bool | None = None
    waiver: bool | None = None
    url: str | None = None
    # condition
    key: str | None = None
    question: str | None = None
    expect: bool | None = None
    when_unmet: str | None = None
    # required_course
    covers: str | None = None
    # fee
    what: str | None = None
    usd: float | None = None
    usd_max: float | None = None
    # residency, other, application_step, prerequisite_credential, fee ranges
    text: str | None = None
    judged_by: str | None = None
    # any kind: which of the credential's steps (1-based) the requirement belongs to;
    # hours spanning several steps say how many hours each step brings the person to
    step: tuple[int, ...] = ()
    at_hours: tuple[float, ...] = ()
    extra: tuple[tuple[str, Any], ...] = ()

    def get(self, name: str, default: Any = None) -> Any:
        if name in _FIELDS:
            return getattr(self, name)
        return dict(self.extra).get(name, default)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Requirement:
        fields = {k: v for k, v in data.items() if k in _FIELDS}
        if "any_of" in fields:
            fields["any_of"] = tuple(fields["any_of"] or ())
        if "step" in fields:
            step = fields["step"]
            fields["step"] = tuple(step) if isinstance(step, list) else (step,) if step is not None else ()
        if "at_hours" in fields:
            fields["at_hours"] = tuple(fields["at_hours"] or ())
        extra = tuple((k, v) for k, v in data.items() if k not in _FIELDS)
        return cls(**fields, extra=extra) if extra else cls(**fields)


_FIELDS = frozenset(Requirement._fields) - {"extra"}


class Renewal(NamedTuple):
    period_years: float | None
    ceu_hours: float | None
    detail: str | None
    source: str | None


class Credential(NamedTuple):
    id: str
    title: str
    acronym: str | None
    issuer: str | None
    lived_experience: str
    medicaid_billable: bool | None
    confidence: str | None
    requirements: tuple[Requirement, ...]
    renewal: Renewal | None
    reciprocity: str  # icrc | none | other | unknown
    reciprocity_text: str | None
    steps: tuple[str, ...]
    notes: str | None
    jurisdiction: str  # the code, e.g. "TX"

    def first(self, kind: str) -> Requirement | None:
        return next((r for r in self.requirements if r.kind == kind), None)

    def all(self, kind: str) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if r.kind == kind)

    @property
    def label(self) -> str:
        return f"{self.title} ({self.acronym})" if self.acronym else self.title


class Entity(NamedTuple):
    name: str
    kind: str
    icrc_member: bool | None
    url: str | None


class Source(NamedTuple):
    url: str
    what: str
    seen: str
    authority: str | None = None  # official | law | aggregator | secondary


class Alternative(NamedTuple):
    title: str
    issuer: str
    url: str
    lived_experience: str


class Jurisdiction(NamedTuple):
    code: str
    name: str
    model: str
    model_2021: str
    model_notes: str | None
    last_reviewed: str
    entities: tuple[Entity, ...]
    credentials: tuple[Credential, ...]
    alternatives: tuple[Alternative, ...]
    sources: tuple[Source, ...]
    notes: str | None
    raw: Mapping[str, Any] = {}

    @property
    def icrc_member(self) -> bool | None:
        flags = [e.icrc_member for e in self.entities]
        if any(flag is True for flag in flags):
            return True
        if flags and all(flag is False for flag in flags):
            return False
        return None
