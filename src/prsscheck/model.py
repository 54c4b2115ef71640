"""The rules as the rest of the program sees them: frozen, typed, read-only.

Built from a rule file by `rules.load_*`; `raw` keeps the file's own mapping so
`show --json` can print the jurisdiction exactly as loaded (same keys as the YAML).
NamedTuples rather than frozen dataclasses: every command imports this module, and
creating seven frozen dataclasses cost ~20 ms of start-up (python -X importtime).
"""

from __future__ import annotations

from typing import Any, Mapping, NamedTuple

class Requirement(NamedTuple):
    kind: str
    source: str | None = None
    note: str | None = None
    # min_age
    years: int | None = None
    # education
    level: str | None = None
    # lived_experience
    any_of: tuple[str, ...] = ()
    attestation: bool | None = None
    # recovery_time
    months: int | None = None
    # training_hours, experience_hours, supervised_hours
    hours: float | None = None
    basis: str | None = None
    detail: str | None = None
    # exam, background_check: required True / False / None (unknown)
    required: bool | None = None
    id: str | None = None
    name: str | None = None
    type: str | None = None
    disqualifying: str | None = None
    # fee
    what: str | None = None
    usd: float | None = None
    # residency, employment, other, fee ranges
    text: str | None = None


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
