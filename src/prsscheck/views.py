"""What each command shows, as plain data: a Document of sections and tables, plus the JSON.

Views decide *what* to show (rows, words, the stable JSON shape); renderers in
prsscheck.render decide *how* (rich, Markdown, CSV, JSON). Nothing here prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from prsscheck.model import Credential, Jurisdiction, Requirement

if TYPE_CHECKING:  # only assess needs the engine; compare and show start without it
    from prsscheck.engine import Item, Verdict

UNKNOWN = "unknown"
MODEL_WORDS = {
    "integrated": "integrated (one credential for mental health and substance use peers)",
    "separate": "separate mental health and substance use credentials",
    "mental_health_only": "mental health only",
    "substance_use_only": "substance use only",
    "none": "no state certification",
}
LIVED_WORDS = {
    "mental_health": "mental health",
    "substance_use": "substance use",
    "either": "mental health and/or substance use",
    "family": "family member or caregiver",
    "youth": "youth or young adult (own experience)",
}
STATUS_WORDS = {
    "eligible": "Eligible: you can apply now",
    "in_progress": "In progress: steps remain",
    "needs_review": "Needs review: check with the board",
    "not_yet": "Not yet: a prerequisite can be met later",
    "not_eligible": "Not a fit: this credential is for a different kind of lived experience",
}


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]
    title: str | None = None
    differing_rows: set[int] = field(default_factory=set)  # compare: rows whose values differ


@dataclass
class Section:
    title: str
    lines: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    bullets: dict[str, list[str]] = field(default_factory=dict)  # heading -> items
    status: str | None = None  # assess: colours the panel


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
    return UNKNOWN if value is None else f"{value:g}"


def requirement_text(req: Requirement | None, kind: str) -> str:
    """A requirement's value in a few words, 'unknown' when the rules do not say."""
    if req is None:
        return {"residency": "not stated", "supervised_hours": "not stated separately"}.get(kind, "not stated")
    if kind == "min_age":
        return UNKNOWN if req.years is None else f"{req.years}+"
    if kind == "education":
        return {None: UNKNOWN, "none": "none", "high_school_or_ged": "high school diploma or GED", "other": "other (see notes)"}[req.level]
    if kind == "recovery_time":
        if req.months is None:
            return UNKNOWN
        return "no minimum" if req.months == 0 else f"{req.months} months"
    if kind in ("training_hours", "experience_hours", "supervised_hours"):
        text = hours(req.hours)
        if req.hours is not None and req.basis == "course_length":
            text += " (course length)"
        return text
    if kind == "exam":
        if req.required is None:
            return UNKNOWN
        return "none" if req.required is False else f"{req.name} [{req.id}]"
    if kind == "background_check":
        return {None: UNKNOWN, False: "no", True: "yes"}[req.required]
    if kind == "residency":
        return req.text or "yes"
    return req.text or ""


EXAM_TYPES = {"national": "IC&RC national exam", "board": "board exam", "course": "test in the training course"}


def exam_short(req: Requirement | None) -> str:
    if req is None or req.required is None:
        return UNKNOWN
    if req.required is False:
        return "none"
    return f"{EXAM_TYPES.get(req.type or '', 'exam')} [{req.id}]"


def fees_text(credential: Credential) -> str:
    parts = []
    for req in credential.all("fee"):
        amount = f"${req.usd:,.0f}" if req.usd is not None else (req.text or UNKNOWN)
        parts.append(f"{req.what} {amount}")
    return "; ".join(parts) or UNKNOWN


def renewal_text(credential: Credential) -> str:
    r = credential.renewal
    if r is None or (r.period_years is None and r.ceu_hours is None):
        return UNKNOWN
    every = f"every {hours(r.period_years)} years" if r.period_years is not None else "period unknown"
    ceu = f"{hours(r.ceu_hours)} CE hours" if r.ceu_hours is not None else "CE hours unknown"
    return f"{every}, {ceu}"


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
    return LIVED_WORDS.get(credential.lived_experience, credential.lived_experience)


# ---------------------------------------------------------------- compare


COMPARE_ROWS: list[tuple[str, Any]] = [
    ("Certifying body", lambda j, c: c.issuer or UNKNOWN),
    ("IC&RC member board", lambda j, c: yes_no(j.icrc_member)),
    ("Model today", lambda j, c: j.model),
    ("Model in 2021", lambda j, c: j.model_2021),
    ("Lived experience", lambda j, c: lived_text(c)),
    ("Minimum age", lambda j, c: requirement_text(c.first("min_age"), "min_age")),
    ("Education", lambda j, c: requirement_text(c.first("education"), "education")),
    ("Recovery time", lambda j, c: requirement_text(c.first("recovery_time"), "recovery_time")),
    ("Live or work in state", lambda j, c: "required" if c.first("residency") else "not stated"),
    ("Training hours", lambda j, c: requirement_text(c.first("training_hours"), "training_hours")),
    ("Work/volunteer hours", lambda j, c: requirement_text(c.first("experience_hours"), "experience_hours")),
    ("Supervised hours", lambda j, c: requirement_text(c.first("supervised_hours"), "supervised_hours")),
    ("Exam", lambda j, c: exam_short(c.first("exam"))),
    ("Background check", lambda j, c: requirement_text(c.first("background_check"), "background_check")),
    ("Fees", lambda j, c: fees_text(c)),
    ("Renewal", lambda j, c: renewal_text(c)),
    ("Reciprocity", lambda j, c: reciprocity_text(c)),
    ("Medicaid billable", lambda j, c: yes_no(c.medicaid_billable)),
    ("Research confidence", lambda j, c: c.confidence or UNKNOWN),
    ("Last reviewed", lambda j, c: j.last_reviewed),
]


def compare(jurisdictions: Sequence[Jurisdiction], credential_ids: Sequence[str] = ()) -> Document:
    pairs = [(j, c) for j in jurisdictions for c in j.credentials if not credential_ids or c.id in credential_ids]
    empty = [j for j in jurisdictions if not j.credentials]
    columns = ["Requirement"] + [f"{j.code} {c.acronym or c.id}" for j, c in pairs]
    rows, differing = [], set()
    for index, (label, get) in enumerate(COMPARE_ROWS):
        values = [str(get(j, c)) for j, c in pairs]
        rows.append([label] + values)
        if len(set(values)) > 1:
            differing.add(index)
    table = Table(columns, rows, differing_rows=differing)
    names = " vs ".join(f"{j.name} ({j.code})" for j in jurisdictions)
    doc = Document(f"Peer certification requirements: {names}", main_table=table, stack_when_narrow=True)
    doc.lines.append("Rows marked ≠ differ between columns. 'unknown' means the sources we read did not say.")
    doc.sections.append(Section("Side by side", tables=[table]))
    for j in empty:
        doc.sections.append(Section(f"{j.name} ({j.code})", lines=[f"No state certification. {j.model_notes or ''}".strip()] + [f"Option: {a.title} ({a.url})" for a in j.alternatives]))
    doc.footer.append("Boards decide and rules change: check each board's site before you apply.")
    doc.data = {
        "jurisdictions": [j.code for j in jurisdictions],
        "columns": [
            {"jurisdiction": j.code, "credential": c.id, "title": c.title, "values": {label: get(j, c) for label, get in COMPARE_ROWS}}
            for j, c in pairs
        ],
        "differing": [COMPARE_ROWS[i][0] for i in sorted(differing)],
    }
    return doc


# ---------------------------------------------------------------- show

_SHOW_KINDS = [
    ("min_age", "Minimum age"),
    ("education", "Education"),
    ("lived_experience", "Lived experience"),
    ("recovery_time", "Recovery time"),
    ("residency", "Live or work in state"),
    ("employment", "Employment"),
    ("training_hours", "Training hours"),
    ("experience_hours", "Work/volunteer hours"),
    ("supervised_hours", "Supervised hours"),
    ("exam", "Exam"),
    ("background_check", "Background check"),
    ("fee", "Fee"),
    ("application_step", "With the application"),
    ("other", "Also required"),
]


def _requirement_rows(credential: Credential, cite=lambda url: url or "") -> list[list[str]]:
    rows = []
    for kind, label in _SHOW_KINDS:
        for req in credential.all(kind):
            if kind == "lived_experience":
                value = lived_text(credential)
            elif kind == "fee":
                value = f"{req.what}: " + (f"${req.usd:,.0f}" if req.usd is not None else (req.text or UNKNOWN))
            else:
                value = requirement_text(req, kind)
            detail = req.detail if kind == "training_hours" and req.detail else ""
            if kind == "background_check" and req.disqualifying:
                detail = req.disqualifying
            if req.note:
                detail = (detail + " " + req.note).strip()
            rows.append([label, value, detail, cite(req.source)])
    return rows


def show(j: Jurisdiction) -> Document:
    doc = Document(f"{j.name} ({j.code})", data=dict(j.raw))
    doc.lines.append(f"Certification model: {MODEL_WORDS.get(j.model, j.model)} (2021: {MODEL_WORDS.get(j.model_2021, j.model_2021)}).")
    if j.model_notes:
        doc.lines.append(j.model_notes)
    for e in j.entities:
        icrc = {True: "IC&RC member board", False: "not an IC&RC member", None: "IC&RC membership not confirmed"}[e.icrc_member]
        doc.lines.append(f"Certifying body: {e.name} ({e.kind.replace('_', ' ')}; {icrc}) {e.url or ''}".rstrip())
    doc.lines.append(f"Last reviewed: {j.last_reviewed}.")
    main_rows: list[list[str]] = []
    number = {s.url: i for i, s in enumerate(j.sources, 1)}

    def cite(url: str | None) -> str:
        # Readable tables cite by number; the numbered list closes the document.
        return f"[{number[url]}]" if url in number else (url or "")

    for c in j.credentials:
        main_rows.extend([c.id] + row for row in _requirement_rows(c))  # CSV keeps full URLs
        section = Section(f"{c.label} [{c.id}]", tables=[Table(["Requirement", "Value", "Detail", "Source"], _requirement_rows(c, cite))])
        section.lines.append(f"For: {lived_text(c)}. Issued by: {c.issuer or UNKNOWN}. Medicaid billable: {yes_no(c.medicaid_billable)}. Research confidence: {c.confidence or UNKNOWN}.")
        section.lines.append(f"Renewal: {renewal_text(c)}." + (f" {c.renewal.detail}" if c.renewal and c.renewal.detail else ""))
        section.lines.append(f"Reciprocity: {reciprocity_text(c)}.")
        exams = [r.id for r in c.all("exam") if r.id]
        if exams:
            section.lines.append(f"Exam id for answers files (exam_passed): {', '.join(exams)}.")
        if c.steps:
            section.bullets["Steps, in order"] = [f"{i}. {s}" for i, s in enumerate(c.steps, 1)]
        if c.notes:
            section.lines.append(f"Notes: {c.notes}")
        doc.sections.append(section)
    if not j.credentials:
        doc.sections.append(Section("No state certification", lines=["People here use national credentials:"], bullets={"Options": [f"{a.title} — {a.issuer} ({a.url})" for a in j.alternatives]}))
    if j.notes:
        doc.lines.append(f"Notes: {j.notes}")
    # A list, not a table: URLs get the whole width and stay whole where the terminal allows.
    doc.sections.append(Section("Sources", bullets={"Numbered as cited above": [f"[{i}] {s.url} (seen {s.seen}): {s.what}" for i, s in enumerate(j.sources, 1)]}))
    doc.main_table = Table(["Credential", "Requirement", "Value", "Detail", "Source"], main_rows)
    doc.footer.append("Boards decide and rules change: check the board's site before you apply.")
    return doc


# ---------------------------------------------------------------- list and summary


def listing(jurisdictions: Iterable[Jurisdiction]) -> Document:
    rows, data = [], []
    for j in jurisdictions:
        creds = ", ".join(c.acronym or c.id for c in j.credentials) or "none"
        rows.append([j.code, j.name, j.model, creds, yes_no(j.icrc_member), j.last_reviewed])
        data.append({"code": j.code, "name": j.name, "model": j.model, "model_2021": j.model_2021, "credentials": [c.id for c in j.credentials], "icrc_member": j.icrc_member, "last_reviewed": j.last_reviewed})
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
    model_table = Table(["Model", "Today", "July 2021"], [[m, str(today[m]), str(in_2021[m])] for m in MODELS] + [["total", str(sum(today.values())), str(sum(in_2021.values()))]])

    def spread_row(label: str, s: dict[str, Any]) -> list[str]:
        return [label, str(s["n"]), hours(s["min"]), hours(s["median"]), hours(s["max"])]

    hours_table = Table(["Required hours (adult peer credentials)", "Known for", "Min", "Median", "Max"], [spread_row("Training", training), spread_row("Work/volunteer", work)])
    doc = Document("The national picture", main_table=model_table)
    doc.lines.append(f"{len(jurisdictions)} jurisdictions, {sum(len(j.credentials) for j in jurisdictions)} credentials ({len(peer)} for adults' own mental health or substance use experience).")
    doc.sections.append(Section("Certification models", tables=[model_table], lines=[f"Changed since 2021: {', '.join(changed) or 'none'}." , "2021 column: the Peer Recovery Center of Excellence comparative analysis (data as of July 1, 2021)."]))
    doc.sections.append(Section("Hours", tables=[hours_table], lines=["Computed from the rules; credentials whose hours are unknown are left out (see 'Known for')."]))
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
    from prsscheck.engine import CHECK  # assess has the engine loaded already

    if v.level == CHECK:
        # Only unknown rule values or requirements we cannot compute stand in the way.
        return "Nothing we know of remains: confirm the items under 'Check with the board', then apply"
    return STATUS_WORDS[v.status]


def verdict_data(v: Verdict, j: Jurisdiction) -> dict[str, Any]:
    used = {i.source for i in (*v.met, *v.remaining, *v.blockers, *v.review, *v.fees, *v.application) if i.source}
    return {
        "credential": v.credential.id,
        "title": v.credential.title,
        "status": v.status,
        "met": [i.as_dict() for i in v.met],
        "remaining": [i.as_dict() for i in v.remaining],
        "blockers": [i.as_dict() for i in v.blockers],
        "review": [i.as_dict() for i in v.review],
        "fees": [i.as_dict() for i in v.fees],
        "application": [i.as_dict() for i in v.application],
        "next_step": v.next_step,
        "next_steps": list(v.next_steps),
        "board": board_of(v.credential, j),
        "sources": [{"url": s.url, "seen": s.seen} for s in j.sources if s.url in used],
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


def assessment(j: Jurisdiction, verdicts: Sequence[Verdict], reflections: Sequence[str] = ()) -> Document:
    doc = Document(f"Your results for {j.name} ({j.code})")
    results = [verdict_data(v, j) for v in verdicts]
    doc.data = {"state": j.code, "results": results}
    if not verdicts:
        doc.lines.append(f"{j.name} has no state peer certification. {j.model_notes or ''}".strip())
        doc.sections.append(Section("Options people here use", bullets={"National credentials": [f"{a.title} — {a.issuer} ({a.url})" for a in j.alternatives]}))
        doc.data["alternatives"] = [{"title": a.title, "issuer": a.issuer, "url": a.url} for a in j.alternatives]
    rows = []
    for v, data in zip(verdicts, results):
        section = Section(f"{v.credential.label} [{v.credential.id}]", status=v.status)
        section.lines.append(status_words(v) + ".")
        if v.status == "not_eligible":
            # Short: why it is not for this person, and where to look instead.
            section.bullets["Why"] = _bullets(i for i in v.blockers if i.kind == "lived_experience") or _bullets(v.blockers)
            section.lines.append(f"Next step: {v.next_step}")
            doc.sections.append(section)
            rows.append([v.credential.id, v.credential.title, v.status, v.next_step or ""])
            continue
        if v.met:
            section.bullets["Met"] = _bullets(v.met)
        if v.blockers:
            section.bullets["Standing in the way"] = _bullets(v.blockers)
        remaining = [i for i in v.remaining if i not in v.blockers]
        if remaining:
            section.bullets["What remains"] = _bullets(remaining)
        if v.review:
            section.bullets["Check with the board"] = _bullets(v.review)
        if v.fees:
            section.bullets["Fees"] = _bullets(v.fees)
        if v.application:
            section.bullets["With your application"] = _bullets(v.application)
        if v.next_step:
            section.lines.append(f"Next step: {v.next_step}")
        board = data["board"]
        section.lines.append(f"Board: {board['name'] or UNKNOWN}" + (f" — {board['url']}" if board["url"] else ""))
        if data["sources"]:
            section.bullets["Sources (rules last reviewed " + j.last_reviewed + ")"] = [f"{s['url']} (seen {s['seen']})" for s in data["sources"]]
        doc.sections.append(section)
        rows.append([v.credential.id, v.credential.title, v.status, v.next_step or ""])
    if verdicts:
        counts = {}
        for v in verdicts:
            counts[v.status] = counts.get(v.status, 0) + 1
        words = {"eligible": "ready to apply", "in_progress": "in progress", "needs_review": "to check with the board", "not_yet": "not yet", "not_eligible": "for other lived experience"}
        doc.lines.append(f"{len(verdicts)} credential{'s' if len(verdicts) != 1 else ''}: " + ", ".join(f"{n} {words[status]}" for status, n in counts.items()) + ". Closest first.")
    doc.main_table = Table(["Credential", "Title", "Status", "Next step"], rows)
    if reflections:
        doc.sections.append(Section("Your readiness reflections", bullets={"Not scored against the rules": list(reflections)}))
    doc.footer.append(f"Rules last reviewed {j.last_reviewed}. Boards decide and rules change: confirm with the board before you pay for anything.")
    return doc


def all_states(rows: Sequence[tuple[Jurisdiction, Sequence[Verdict]]]) -> Document:
    table_rows, data = [], []
    for j, verdicts in rows:
        best = verdicts[0] if verdicts else None
        status = best.status if best else "no state credential"
        table_rows.append([j.code, j.name, best.credential.id if best else "—", status, best.next_step or "" if best else "See national credentials"])
        data.append({
            "state": j.code,
            "name": j.name,
            "best": best.credential.id if best else None,
            "status": status,
            "next_step": best.next_step if best else None,
            # A summary per credential; `assess --state CODE --json` gives the full reasons.
            "credentials": [
                {"credential": v.credential.id, "title": v.credential.title, "status": v.status, "next_step": v.next_step, "remaining": [i.as_dict() for i in v.remaining]}
                for v in verdicts
            ],
            "last_reviewed": j.last_reviewed,
        })
    table = Table(["Code", "State", "Closest credential", "Status", "Next step"], table_rows)
    doc = Document("Where you are closest to certified", main_table=table, data={"results": data})
    doc.lines.append("Sorted with the closest to eligible first; run 'prsscheck assess --state CODE --answers FILE' for the details of one state.")
    doc.sections.append(Section("All states", tables=[table]))
    return doc
