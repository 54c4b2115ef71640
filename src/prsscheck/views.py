"""What each command shows, as plain data: a Document of sections and tables, plus the JSON.

Views decide *what* to show (rows, words, the stable JSON shape); renderers in
prsscheck.render decide *how* (rich, Markdown, CSV, JSON). Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from prsscheck.model import Credential, Jurisdiction, Requirement

if TYPE_CHECKING:  # only assess needs the engine; compare and show start without it
    from prsscheck.engine import Item, Verdict

from prsscheck.kinds import LIVED_WORDS, REVIEW, STATUS_SHORT, STATUS_WORDS, UNKNOWN, every, kind_of, money, number, residency_words
from prsscheck.select import fits

MODEL_WORDS = {
    "integrated": "integrated (one credential for mental health and substance use peers)",
    "separate": "separate mental health and substance use credentials",
    "mental_health_only": "mental health only",
    "substance_use_only": "substance use only",
    "none": "no state certification",
}
MODEL_SHORT = {
    "integrated": "integrated",
    "separate": "separate",
    "mental_health_only": "mental health only",
    "substance_use_only": "substance use only",
    "none": "none",
}
ENTITY_WORDS = {
    "state_agency": "state agency",
    "certification_board": "certification board",
    "nonprofit": "nonprofit",
    "university": "university",
    "other": "other",
}
CREDENTIAL_FOR = {
    "mental_health": "mental health",
    "substance_use": "substance use",
    "either": "mental health and/or substance use",
    "family": "family member or caregiver",
    "youth": "youth or young adult (own experience)",
}
WEAK_AUTHORITY = ("aggregator", "secondary")


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]
    title: str | None = None
    differing_rows: set[int] = field(default_factory=set)  # compare: rows whose values differ
    short: list[str] = field(default_factory=list)  # compare: a short name per value column ('TX RSPS')
    rows_as_lines: bool = False  # when too wide for the screen: one wrapped line per row, not columns


@dataclass
class Section:
    title: str
    lines: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    bullets: dict[str, list[str]] = field(default_factory=dict)  # heading -> items
    status: str | None = None  # assess: colours the panel
    numbered: tuple[str, ...] = ()  # headings whose bullets are steps in order: numbered, not bulleted


@dataclass
class Document:
    title: str
    lines: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    main_table: Table | None = None  # what CSV exports
    data: Any = None  # what JSON prints
    stack_when_narrow: bool = False


# ---------------------------------------------------------------- formatting one value


def hours(value: float | None) -> str:
    return number(value)


def requirement_text(req: Requirement | None, kind: str) -> str:
    """A requirement's value in a few words: 'unknown' when the rules do not say, 'not stated' when absent."""
    if req is None:
        return {"supervised_hours": "not stated separately"}.get(kind, "not stated")
    return kind_of(kind).text(req)


def exam_short(req: Requirement | None) -> str:
    return requirement_text(req, "exam")


def fees_text(credential: Credential) -> str:
    parts = [kind_of("fee").text(req) for req in credential.all("fee")]
    return "; ".join(parts) or UNKNOWN


def renewal_text(credential: Credential) -> str:
    r = credential.renewal
    if r is None or (r.period_years is None and r.ceu_hours is None):
        return UNKNOWN
    ceu = f"{hours(r.ceu_hours)} CE hours" if r.ceu_hours is not None else "CE hours unknown"
    return f"{every(r.period_years)}, {ceu}"


def reciprocity_text(credential: Credential) -> str:
    if credential.reciprocity == "icrc":
        return "IC&RC reciprocity"
    if credential.reciprocity == "none":
        return "none"
    if credential.reciprocity == "other":
        return credential.reciprocity_text or "other"
    return UNKNOWN


def yes_no(value: bool | None) -> str:
    return {True: "yes", False: "no", None: UNKNOWN}[value]


def lived_text(credential: Credential) -> str:
    return CREDENTIAL_FOR.get(credential.lived_experience, credential.lived_experience.replace("_", " "))


# ---------------------------------------------------------------- compare


def _kind_row(name: str):
    return lambda j, c: requirement_text(c.first(name), name)


# Rows about the credential, then one row per requirement kind that has one (from the
# registry), then money and upkeep. A kind no compared credential uses gets no row.
COMPARE_HEAD: list[tuple[str, Any]] = [
    ("Certifying body", lambda j, c: c.issuer or UNKNOWN),
    ("IC&RC member board", lambda j, c: yes_no(j.icrc_member)),
    ("Model today", lambda j, c: MODEL_SHORT.get(j.model, j.model)),
    ("Model in 2021", lambda j, c: MODEL_SHORT.get(j.model_2021, j.model_2021)),
    ("Lived experience", lambda j, c: lived_text(c)),
]
COMPARE_TAIL: list[tuple[str, Any]] = [
    ("Fees", lambda j, c: fees_text(c)),
    ("Cost to apply", lambda j, c: cost_text(c)),
    ("Renewal", lambda j, c: renewal_text(c)),
    ("Reciprocity", lambda j, c: reciprocity_text(c)),
    ("Medicaid billable", lambda j, c: yes_no(c.medicaid_billable)),
    ("Research confidence", lambda j, c: c.confidence or UNKNOWN),
    ("Last reviewed", lambda j, c: j.last_reviewed),
]
OPTIONAL_ROWS = {"max_age", "caregiver_time", "service_history", "event_lookback", "required_course", "prerequisite_credential"}


def _exam_row(j: Jurisdiction, c: Credential) -> str:
    """Compare names the kind of exam (its full name is in `show`)."""
    from prsscheck.kinds import EXAM_SHORT

    req = c.first("exam")
    if req is None or req.required is None:
        return UNKNOWN
    return "none" if req.required is False else EXAM_SHORT.get(req.type or "", "exam")


def compare_rows(pairs: Sequence[tuple[Jurisdiction, Credential]]) -> list[tuple[str, Any]]:
    from prsscheck.kinds import Kinds

    used = {r.kind for _, c in pairs for r in c.requirements}
    middle = [
        (kind.label, _exam_row if kind.name == "exam" else _kind_row(kind.name))
        for kind in Kinds.values()
        if kind.compare and kind.name != "lived_experience" and (kind.name not in OPTIONAL_ROWS or kind.name in used)
    ]
    return COMPARE_HEAD + middle + COMPARE_TAIL


def cost_text(credential: Credential) -> str:
    from prsscheck.engine import cost_of

    cost = cost_of(credential)
    if cost.min_usd == cost.max_usd == 0:
        return UNKNOWN if cost.unknown else "no fees stated"
    unknown = f" + {', '.join(cost.unknown)} unknown" if cost.unknown else ""
    return money(cost.min_usd, cost.max_usd) + unknown


def compare(
    jurisdictions: Sequence[Jurisdiction],
    credential_ids: Sequence[str] = (),
    *,
    only_differences: bool = False,
    for_lived: str | None = None,
) -> Document:
    pairs = [
        (j, c)
        for j in jurisdictions
        for c in j.credentials
        if (not credential_ids or c.id in credential_ids) and (not for_lived or fits(c.lived_experience, for_lived))
    ]
    empty = [j for j in jurisdictions if not j.credentials]
    row_defs = compare_rows(pairs)
    columns = ["Requirement"] + [f"{j.code} {c.label}" for j, c in pairs]
    rows, differing = [], set()
    for label, get in row_defs:
        values = [str(get(j, c)) for j, c in pairs]
        # "Differs" is about states: a row differs when the states' sets of values are not the same.
        by_state: dict[str, set[str]] = {}
        for (j, _), value in zip(pairs, values):
            by_state.setdefault(j.code, set()).add(value)
        differs = len(by_state) > 1 and len({frozenset(v) for v in by_state.values()}) > 1
        if only_differences and not differs:
            continue
        if differs:
            differing.add(len(rows))
        rows.append([label] + values)
    table = Table(
        columns, rows, differing_rows=differing, short=[f"{j.code} {c.acronym or c.id.split('-', 1)[1].upper()}" for j, c in pairs]
    )
    names = " vs ".join(f"{j.name} ({j.code})" for j in jurisdictions)
    doc = Document(f"Peer certification requirements: {names}", main_table=table, stack_when_narrow=True)
    doc.lines.append("≠: the states differ here. unknown: the sources we read did not say.")
    if for_lived:
        doc.lines.append(f"Only credentials a person with {LIVED_WORDS.get(for_lived, for_lived)} lived experience could hold.")
    doc.sections.append(Section("Side by side", tables=[table]))
    for j in empty:
        doc.sections.append(
            Section(
                f"{j.name} ({j.code})",
                lines=[f"No state certification. {j.model_notes or ''}".strip()] + [f"Option: {a.title} ({a.url})" for a in j.alternatives],
            )
        )
    doc.footer.append("Boards decide and rules change: check each board's site before you apply.")
    doc.data = {
        "jurisdictions": [j.code for j in jurisdictions],
        "columns": [
            {"jurisdiction": j.code, "credential": c.id, "title": c.title, "values": {label: get(j, c) for label, get in row_defs}}
            for j, c in pairs
        ],
        "differing": [rows[i][0] for i in sorted(differing)],
    }
    return doc


# ---------------------------------------------------------------- show


def _requirement_rows(credential: Credential, cite=lambda url: url or "", weak: frozenset[str] = frozenset()) -> list[list[str]]:
    """Every requirement, in the registry's order (kinds it has no words for last: never hidden)."""
    from prsscheck.kinds import Kinds

    order = {name: i for i, name in enumerate(Kinds)}
    rows = []
    for req in sorted(credential.requirements, key=lambda r: order.get(r.kind, len(order))):
        kind = kind_of(req.kind)
        value = lived_text(credential) if req.kind == "lived_experience" else kind.text(req)
        detail = req.detail or ""
        if req.kind == "background_check":
            from prsscheck.kinds import record_summary

            detail = " ".join(x for x in (record_summary(req) if req.required else "", req.disqualifying or "") if x)
        if req.note:
            detail = (detail + " " + req.note).strip()
        if req.source in weak:
            detail = (detail + " (from a secondary source)").strip()
        source = cite(req.source) + (f", {req.locator}" if req.locator else "")
        rows.append([kind.label, value, detail, source])
    return rows


def weak_sources(j: Jurisdiction) -> frozenset[str]:
    """Sources that are only an aggregator or a secondary page: values resting on them get a mark."""
    return frozenset(s.url for s in j.sources if s.authority in WEAK_AUTHORITY)


def show(j: Jurisdiction) -> Document:
    doc = Document(f"{j.name} ({j.code})", data=dict(j.raw))
    doc.lines.append(f"Certification model: {MODEL_WORDS.get(j.model, j.model)} (2021: {MODEL_WORDS.get(j.model_2021, j.model_2021)}).")
    if j.model_notes:
        doc.lines.append(j.model_notes)
    for e in j.entities:
        icrc = {True: "IC&RC member board", False: "not an IC&RC member", None: "IC&RC membership not confirmed"}[e.icrc_member]
        doc.lines.append(f"Certifying body: {e.name} ({ENTITY_WORDS.get(e.kind, e.kind)}; {icrc}) {e.url or ''}".rstrip())
    doc.lines.append(f"Last reviewed: {j.last_reviewed}.")
    main_rows: list[list[str]] = []
    number = {s.url: i for i, s in enumerate(j.sources, 1)}

    def cite(url: str | None) -> str:
        # Readable tables cite by number; the numbered list closes the document.
        return f"[{number[url]}]" if url in number else (url or "")

    weak = weak_sources(j)
    for c in j.credentials:
        main_rows.extend([c.id] + row for row in _requirement_rows(c, weak=weak))  # CSV keeps full URLs
        section = Section(
            f"{c.label} [{c.id}]",
            tables=[Table(["Requirement", "Value", "Detail", "Source"], _requirement_rows(c, cite, weak), rows_as_lines=True)],
        )
        section.lines.append(
            f"For: {lived_text(c)}. Issued by: {c.issuer or UNKNOWN}. Medicaid billable: {yes_no(c.medicaid_billable)}. "
            f"Research confidence: {c.confidence or UNKNOWN}."
        )
        section.lines.append(f"Renewal: {renewal_text(c)}." + (f" {c.renewal.detail}" if c.renewal and c.renewal.detail else ""))
        section.lines.append(f"Reciprocity: {reciprocity_text(c)}.")
        exams = [r.id for r in c.all("exam") if r.id]
        if exams:
            section.lines.append(f"Exam id for answers files (exam_passed): {', '.join(exams)}.")
        if c.steps:
            links = step_links(c)
            section.bullets["Steps, in order"] = [
                f"{i}. {s}" + (f" (covers: {'; '.join(links[i])})" if i in links else "") for i, s in enumerate(c.steps, 1)
            ]
            section.numbered = ("Steps, in order",)
        if c.notes:
            section.lines.append(f"Notes: {c.notes}")
        doc.sections.append(section)
    if not j.credentials:
        doc.sections.append(
            Section(
                "No state certification",
                lines=["People here use national credentials:"],
                bullets={"Options": [f"{a.title} — {a.issuer} ({a.url})" for a in j.alternatives]},
            )
        )
    if j.notes:
        doc.lines.append(f"Notes: {j.notes}")
    # A list, not a table: URLs get the whole width and stay whole where the terminal allows.
    doc.sections.append(
        Section(
            "Sources",
            bullets={
                "Numbered as cited above": [
                    f"[{i}] {s.url} ({s.authority or 'authority not set'}; seen {s.seen}): {s.what}" for i, s in enumerate(j.sources, 1)
                ]
            },
        )
    )
    doc.main_table = Table(["Credential", "Requirement", "Value", "Detail", "Source"], main_rows)
    doc.footer.append("Boards decide and rules change: check the board's site before you apply.")
    return doc


# ---------------------------------------------------------------- list and summary


def listing(jurisdictions: Iterable[Jurisdiction]) -> Document:
    rows, data = [], []
    for j in jurisdictions:
        creds = ", ".join(c.acronym or c.id for c in j.credentials) or "none"
        rows.append([j.code, j.name, j.model, creds, yes_no(j.icrc_member), j.last_reviewed])
        data.append(
            {
                "code": j.code,
                "name": j.name,
                "model": j.model,
                "model_2021": j.model_2021,
                "credentials": [c.id for c in j.credentials],
                "icrc_member": j.icrc_member,
                "last_reviewed": j.last_reviewed,
            }
        )
    table = Table(["Code", "Name", "Model", "Credentials", "IC&RC board", "Reviewed"], rows)
    doc = Document(f"Peer certification in {len(rows)} jurisdiction{'s' if len(rows) != 1 else ''}", main_table=table, data=data)
    doc.sections.append(Section("Jurisdictions", tables=[table]))
    return doc


def _spread(values: list[float]) -> dict[str, Any]:
    import statistics  # only summary needs it

    if not values:
        return {"n": 0, "min": None, "median": None, "max": None}
    return {"n": len(values), "min": min(values), "median": statistics.median(values), "max": max(values)}


MODELS = ("integrated", "separate", "mental_health_only", "substance_use_only", "none")
ADULT_PEER = ("mental_health", "substance_use", "either")


def summary(jurisdictions: Sequence[Jurisdiction]) -> Document:
    today = {m: sum(1 for j in jurisdictions if j.model == m) for m in MODELS}
    in_2021 = {m: sum(1 for j in jurisdictions if j.model_2021 == m) for m in MODELS}
    peer = [c for j in jurisdictions for c in j.credentials if c.lived_experience in ADULT_PEER]

    def known(kind: str) -> list[float]:
        return [r.hours for c in peer for r in c.all(kind) if r.hours is not None]

    training, work = _spread(known("training_hours")), _spread(known("experience_hours"))
    changed = [j.code for j in jurisdictions if j.model != j.model_2021]
    model_table = Table(
        ["Model", "Today", "July 2021"],
        [[MODEL_SHORT[m], str(today[m]), str(in_2021[m])] for m in MODELS]
        + [["total", str(sum(today.values())), str(sum(in_2021.values()))]],
    )

    def spread_row(label: str, s: dict[str, Any]) -> list[str]:
        return [label, str(s["n"]), hours(s["min"]), hours(s["median"]), hours(s["max"])]

    hours_table = Table(
        ["Required hours (adult peer credentials)", "Known for", "Min", "Median", "Max"],
        [spread_row("Training", training), spread_row("Work/volunteer", work)],
    )
    doc = Document("The national picture", main_table=model_table)
    doc.lines.append(
        f"{len(jurisdictions)} jurisdictions, {sum(len(j.credentials) for j in jurisdictions)} credentials "
        f"({len(peer)} for adults' own mental health or substance use experience)."
    )
    doc.sections.append(
        Section(
            "Certification models",
            tables=[model_table],
            lines=[
                f"Changed since 2021: {', '.join(changed) or 'none'}.",
                "2021 column: the Peer Recovery Center of Excellence comparative analysis (data as of July 1, 2021).",
            ],
        )
    )
    doc.sections.append(
        Section(
            "Hours",
            tables=[hours_table],
            lines=["Computed from the rules; credentials whose hours are unknown are left out (see 'Known for')."],
        )
    )
    doc.data = {
        "jurisdictions": len(jurisdictions),
        "credentials": sum(len(j.credentials) for j in jurisdictions),
        "models": {"today": today, "2021": in_2021},
        "changed_since_2021": changed,
        "training_hours": training,
        "experience_hours": work,
    }
    return doc


# ---------------------------------------------------------------- assess


def _bullets(items: Iterable[Item]) -> list[str]:
    return [i.text for i in items]


def status_words(v: Verdict) -> str:
    if v.held:
        return "You hold this credential"
    if v.status == "needs_review" and v.too_little_known and v.level < REVIEW:  # not when the board decides about the person
        from prsscheck.kinds import TOO_LITTLE_KNOWN

        return TOO_LITTLE_KNOWN
    return STATUS_WORDS[v.status]


def verdict_data(v: Verdict, j: Jurisdiction) -> dict[str, Any]:
    groups = (v.met, v.remaining, v.blockers, v.review, v.fees, v.application, v.later, v.carried_over)
    used = {i.source for group in groups for i in group if i.source}
    return {
        "credential": v.credential.id,
        "title": v.credential.title,
        "status": v.status,
        "met": [i.as_dict() for i in v.met],
        "remaining": [i.as_dict() for i in v.remaining],
        "blockers": [i.as_dict() for i in v.blockers],
        "review": [i.as_dict() for i in v.review],
        "later": [i.as_dict() for i in v.later],
        "fees": [i.as_dict() for i in v.fees],
        "application": [i.as_dict() for i in v.application],
        "carried_over": [{"kind": i.kind, "by": i.have, "text": i.text} for i in v.carried_over],
        "not_carried_over": list(v.transfer),
        "unknown_key_figures": v.unknown,
        "key_figures": v.key_figures,
        "cost": v.cost.as_dict() if v.cost else None,
        "timeline": v.timeline.as_dict() if v.timeline else None,
        "next_step": v.next_step,
        "next_steps": list(v.next_steps),
        "steps": list(v.credential.steps),
        "progress": v.progress.as_dict() if v.progress else None,
        "board": board_of(v.credential, j),
        "sources": [{"url": s.url, "seen": s.seen, "authority": s.authority} for s in j.sources if s.url in used],
        "last_reviewed": j.last_reviewed,
    }


def board_of(credential: Credential, j: Jurisdiction) -> dict[str, Any]:
    issuer = (credential.issuer or "").lower()
    for e in j.entities:
        head = e.name.lower().split(" (")[0]
        if head and (head in issuer or issuer.startswith(head[:20])):
            return {"name": e.name, "url": e.url}
    if j.entities:
        return {"name": credential.issuer or j.entities[0].name, "url": j.entities[0].url}
    return {"name": credential.issuer, "url": None}


def _not_a_fit(v: Verdict) -> str:
    why = next((i for i in v.blockers if i.kind in ("lived_experience", "max_age")), v.blockers[0] if v.blockers else None)
    reason = why.text.rstrip(".") if why else "it is for a different kind of lived experience"
    reason = reason.replace("This credential is for ", "for ")
    return f"Not a fit: {v.credential.jurisdiction} {v.credential.label} ({reason[0].lower() + reason[1:]})."


def assessment(
    j: Jurisdiction,
    verdicts: Sequence[Verdict],
    reflections: Sequence[str] = (),
    alternatives: Sequence[Verdict] = (),
    neighbours: Sequence[tuple] = (),
    moving: tuple[Jurisdiction, Sequence[Verdict]] | None = None,
    held_from: str | None = None,
    names: dict[str, str] | None = None,
) -> Document:
    doc = Document(f"Your results for {j.name} ({j.code})")
    results = [verdict_data(v, j) for v in verdicts]
    doc.data = {"state": j.code, "results": results}
    national = [v for v in alternatives if v.status != "not_eligible"]
    if not verdicts:
        doc.lines.append(j.model_notes or f"{j.name} has no state peer certification.")
        if national:
            # National credentials first where the state has none.
            doc.sections.append(Section("National credentials (open wherever you live)", lines=[_one_line(v) for v in national]))
        elif j.alternatives:
            doc.sections.append(
                Section(
                    "Options people here use",
                    bullets={"National credentials": [f"{a.title} — {a.issuer} ({a.url})" for a in j.alternatives]},
                )
            )
        if neighbours:
            doc.sections.append(
                Section(
                    "Nearby states' credentials open to people from elsewhere",
                    lines=[
                        f"{there.code} {c.label}: "
                        + ("no rule on where you live found" if rule is None else f"you need to {residency_words(rule, there.name)}")
                        + "."
                        for there, c, rule in neighbours
                    ],
                )
            )
            doc.data["neighbours"] = [
                {"state": there.code, "credential": c.id, "residency": None if rule is None else rule.basis}
                for there, c, rule in neighbours
            ]
        doc.data["alternatives"] = [{"title": a.title, "issuer": a.issuer, "url": a.url} for a in j.alternatives]
    rows = []
    not_fit: list[str] = []
    weak = weak_sources(j)
    for v, data in zip(verdicts, results):
        rows.append(
            [
                j.code,
                v.credential.id,
                v.credential.title,
                v.status,
                v.next_step or "",
                "; ".join(i.text for i in v.remaining),
                v.cost.text if v.cost else "",
            ]
        )
        if v.status == "not_eligible":
            not_fit.append(_not_a_fit(v))
            continue
        doc.sections.append(_verdict_section(v, data, j, weak))
    if not_fit:
        doc.sections.append(Section("Not a fit for you", lines=not_fit))
    if alternatives:
        if verdicts and national:
            doc.sections.append(Section("National credentials (open in every state)", lines=[_one_line(v) for v in national]))
        doc.data["national"] = [verdict_data(v, j) for v in alternatives]
    if moving:
        there, there_verdicts = moving
        doc.sections.append(
            Section(
                f"If you move to {there.name} ({there.code})",
                lines=[_one_line(v) for v in there_verdicts if v.status != "not_eligible"]
                or [f"No {there.name} credential fits your lived experience."],
            )
        )
        doc.data["moving_to"] = {"state": there.code, "results": [verdict_data(v, there) for v in there_verdicts]}
    if verdicts:
        counts: dict[str, int] = {}
        for v in verdicts:
            counts[v.status] = counts.get(v.status, 0) + 1
        doc.lines.append(
            f"{len(verdicts)} credential{'s' if len(verdicts) != 1 else ''}: "
            + ", ".join(f"{n} {STATUS_SHORT[status]}" for status, n in counts.items())
            + ". Closest first."
        )
    doc.main_table = Table(["State", "Credential", "Title", "Status", "Next step", "What remains", "Cost"], rows)
    if reflections:
        doc.sections.append(Section("Your readiness reflections", bullets={"Not scored against the rules": list(reflections)}))
    doc.footer.append(
        f"Rules last reviewed {j.last_reviewed}. Boards decide and rules change: confirm with the board before you pay for anything."
    )
    return doc


def _one_line(v: Verdict) -> str:
    """A credential in one line: status, what carried over, the next step."""
    parts = [f"{v.credential.label}: {status_words(v)}."]
    if v.carried_over:
        parts.append("Carried over: " + "; ".join(i.text.split(":")[0] for i in v.carried_over) + ".")
    parts.extend(v.transfer)
    if v.next_step and v.status != "eligible":
        parts.append(f"Next step: {v.next_step}")
    return " ".join(parts)


def _verdict_section(v: Verdict, data: dict[str, Any], j: Jurisdiction, weak: frozenset[str]) -> Section:
    section = Section(f"{v.credential.label} [{v.credential.id}]", status=v.status)
    section.lines.append(status_words(v) + ".")

    def marked(items: Iterable[Item]) -> list[str]:
        return [i.text + (" (from a secondary source)" if i.source in weak else "") for i in items]

    if v.carried_over:
        section.bullets["Carried over from what you hold"] = _bullets(v.carried_over)
    if v.transfer:
        section.bullets["Does not carry over"] = list(v.transfer)
    met = [i for i in v.met if i not in v.carried_over]
    if met:
        section.bullets["Met"] = marked(met)
    if v.blockers:
        section.bullets["Standing in the way"] = marked(v.blockers)
    remaining = [i for i in v.remaining if i not in v.blockers]
    if remaining:
        section.bullets["What remains"] = marked(remaining)
    if v.review:
        # The heading says it once; the items say what to check.
        section.bullets["Check with the board"] = [t.replace("Check with the board: ", "") for t in _bullets(v.review)]
    if v.later:
        section.bullets["After you apply, or for the board to judge"] = _bullets(v.later)
    if v.fees:
        section.bullets["Fees"] = _bullets(v.fees)
    # Cost and time: one line each, right under the status.
    if v.cost:
        section.lines.append(v.cost.text + (f" Renewal: {v.cost.renewal}." if v.cost.renewal else ""))
    if v.timeline:
        section.lines.append(v.timeline.text)
    if v.application:
        section.bullets["With your application"] = _bullets(v.application)
    if v.credential.steps and not v.held:
        # The board's own order, with the person's place on it where the rules link steps to requirements.
        section.bullets["Steps, in order"] = _placed_steps(v)
        section.numbered = ("Steps, in order",)
        if v.progress:
            section.lines.append(v.progress.text)
    if v.next_step:
        section.lines.append(f"Next step: {v.next_step}")
    board = data["board"]
    section.lines.append(f"Board: {board['name'] or UNKNOWN}" + (f" — {board['url']}" if board["url"] else ""))
    if data["sources"]:
        section.bullets["Sources (rules last reviewed " + j.last_reviewed + ")"] = [
            f"{s['url']} (seen {s['seen']})" for s in data["sources"]
        ]
    return section


def step_links(c: Credential) -> dict[int, list[str]]:
    """Per step number, what the rules link to it, for counselors and maintainers reading `show`."""
    links: dict[int, list[str]] = {}
    for req in c.requirements:
        for position, n in enumerate(req.step):
            if req.kind == "application_step":
                what = req.text or "application"
            elif req.kind == "fee":
                what = f"{(req.what or 'other').replace('_', ' ')} fee"
            else:
                what = kind_of(req.kind).label.lower()
            if req.at_hours and position < len(req.at_hours):
                what += f" to {number(req.at_hours[position])}"
            links.setdefault(n, []).append(what)
    return links


STEP_MARKS = {"done": " (done)", "next": " (next)"}


def _placed_steps(v: Verdict) -> list[str]:
    if not v.progress:
        return list(v.credential.steps)
    return [text + STEP_MARKS.get(mark, "") for text, mark in zip(v.credential.steps, v.progress.marks)]


def all_states(rows: Sequence[tuple[Jurisdiction, Sequence[Verdict]]]) -> Document:
    table_rows, data = [], []
    for j, verdicts in rows:
        best = verdicts[0] if verdicts else None
        status = best.status if best else "no state credential"
        record = _record_word(verdicts)
        table_rows.append(
            [
                j.code,
                j.name,
                best.credential.id if best else "—",
                status.replace("_", " "),  # words in the table; the JSON keeps the status id
                record,
                best.next_step or "" if best else "See national credentials",
            ]
        )
        data.append(
            {
                "state": j.code,
                "name": j.name,
                "best": best.credential.id if best else None,
                "status": status,
                "next_step": best.next_step if best else None,
                "record": record,
                # A summary per credential; `assess --state CODE --json` gives the full reasons.
                "credentials": [
                    {
                        "credential": v.credential.id,
                        "title": v.credential.title,
                        "status": v.status,
                        "next_step": v.next_step,
                        "remaining": [i.as_dict() for i in v.remaining],
                    }
                    for v in verdicts
                ],
                "last_reviewed": j.last_reviewed,
            }
        )
    table = Table(["Code", "State", "Closest credential", "Status", "Record", "Next step"], table_rows)
    doc = Document("Where you are closest to certified", main_table=table, data={"results": data})
    doc.lines.append(
        "Sorted with the closest to eligible first; run 'prsscheck assess --state CODE --answers FILE' for the details of one state."
    )
    doc.sections.append(Section("All states", tables=[table]))
    return doc


def _record_word(verdicts: Sequence[Verdict]) -> str:
    """For a person with a record: what the closest credential's rules say about records."""
    best = verdicts[0] if verdicts else None
    if best is None:
        return "—"
    req = best.credential.first("background_check")
    if req is None or req.required is None:
        return UNKNOWN
    if req.required is False:
        return "no check"
    if req.barring:
        return "some offenses bar"
    if req.barring is False:
        return "case by case"
    return "reviewed"
