"""Turn the research fact sheets into prsscheck rule files (a maintainer's one-off tool).

    python tools/import_research.py ../shared/research rules/states [CODE ...]

The fact sheets (shared/research/states/<CODE>.yaml) are the evidence: facts in plain
fields, each credential with its list of sources. A rule file is what the engine computes
with: typed requirements, each carrying the source it comes from. This script does the
mechanical part of that translation; a maintainer then edits the rule files by hand, and
`tests/test_research_parity.py` guards that the numbers still match the sheets.

How a requirement's source is chosen: among the credential's sources, the first whose
"what" note mentions the fact (keywords below); otherwise the credential's first source.
Review that choice when you touch a requirement.

Overwrites the rule files it writes; never runs as part of the tool itself.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

# Keywords that tie a requirement kind to a source's "what" note.
SOURCE_HINTS: dict[str, tuple[str, ...]] = {
    "min_age": ("age", "18", "21", "minimum qualification", "eligib", "requirement"),
    "education": ("education", "diploma", "ged", "hs", "high school", "eligib", "requirement"),
    "lived_experience": ("lived experience", "lived", "recovery", "eligib", "requirement"),
    "recovery_time": ("recovery", "month", "year", "eligib", "requirement"),
    "residency": ("resid", "51%", "live", "eligib", "requirement"),
    "training_hours": ("training", "hour", "curriculum", "course", "requirement"),
    "experience_hours": ("experience", "hours", "supervis", "work", "requirement"),
    "supervised_hours": ("supervis", "hours", "requirement"),
    "exam": ("exam", "test", "assessment", "requirement"),
    "background_check": ("background", "criminal", "offens", "conviction", "disqualif", "felon"),
    "fee": ("fee", "$", "cost", "price"),
    "other": ("requirement", "eligib", "application"),
    "renewal": ("renew", "recertif", "ceu", "continuing"),
}

LIVED_EXPERIENCE = {
    "mental_health": ["mental_health"],
    "substance_use": ["substance_use"],
    "either": ["mental_health", "substance_use"],
    "family": ["family"],
    # Youth and young-adult peer credentials are for a young person's own lived experience.
    "youth": ["mental_health", "substance_use"],
}


def pick_source(sources: list[dict], kind: str) -> str:
    hints = SOURCE_HINTS.get(kind, ())
    for hint in hints:
        for source in sources:
            if hint in (source.get("what") or "").lower():
                return source["url"]
    return sources[0]["url"]


def exam_type(name: str) -> str:
    low = name.lower()
    if "ic&rc" in low or "icrc" in low:
        return "national"
    if any(word in low for word in ("training", "course", "knowledge assessment", "curriculum")):
        return "course"
    return "board"


def exam_id(credential_id: str, name: str | None) -> str:
    if name and exam_type(name) == "national":
        return "icrc_pr"
    return f"{credential_id}-exam"


def training_basis(detail: str | None) -> str | None:
    low = (detail or "").lower()
    if re.search(r"\b(at least|minimum|no fewer than|not less than)\b", low):
        return "minimum"
    return None


def reciprocity(value) -> dict:
    if value is None:
        return {"kind": "unknown"}
    if value == "icrc":
        return {"kind": "icrc"}
    if value == "none":
        return {"kind": "none"}
    text = str(value)
    text = re.sub(r"^other\s*[:\-]\s*", "", text)
    return {"kind": "other", "text": text}


def requirements(cred: dict) -> list[dict]:
    src = cred["sources"]
    el = cred["eligibility"]
    reqs: list[dict] = []

    def add(kind: str, source_kind: str | None = None, **fields) -> None:
        req = {"kind": kind}
        req.update({k: v for k, v in fields.items() if v is not None or k in NULLABLE})
        req["source"] = pick_source(src, source_kind or kind)
        reqs.append(req)

    add("min_age", years=el["min_age"])
    add("education", level=el["education"])
    add(
        "lived_experience",
        any_of=list(LIVED_EXPERIENCE[cred["lived_experience"]]),
        attestation=el["lived_experience_attestation"],
        note="Youth or young-adult credential: check the board's age range." if cred["lived_experience"] == "youth" else None,
    )
    add("recovery_time", months=el["recovery_months"])
    if el["in_state_residency_or_work"]:
        add("residency", text="Live or work in the state (check the board's exact rule, often 51% of the time).")
    training = cred["training"]
    add("training_hours", hours=training["hours"], basis=training_basis(training["detail"]), detail=training["detail"])
    experience = cred["experience"]
    add("experience_hours", hours=experience["hours"], detail=experience["detail"])
    if experience["supervised_hours"] is not None:
        add("supervised_hours", hours=experience["supervised_hours"])
    exam = cred["exam"]
    if exam["required"] is False:
        add("exam", required=False)
    elif exam["required"] is True:
        name = exam["name"] or "the required exam"
        add("exam", required=True, id=exam_id(cred["id"], exam["name"]), name=name, type=exam_type(name))
    else:
        add("exam", required=None, note="Whether an exam is required was not found in the sources read.")
    add("background_check", required=el["background_check"], disqualifying=el["disqualifying_offenses"])
    fees = cred["fees"]
    add("fee", what="application", usd=fees["application"])
    if fees["exam"] is not None:
        add("fee", what="exam", usd=fees["exam"])
    if fees["training"] is not None:
        text = str(fees["training"])
        if re.fullmatch(r"\$?\d+(\.\d+)?", text.strip()):
            add("fee", what="training", usd=float(text.strip().lstrip("$")))
        else:
            add("fee", what="training", usd=None, text=text)
    for text in el["other"] or []:
        add("application_step" if APPLICATION_STEP.match(text) else "other", source_kind="other", text=text)
    return reqs


# "Other" prerequisites that are really part of applying (sign the code of ethics, an essay,
# letters, a notarized release): listed with the application, like fees, never a blocker.
# Everything else stays "other": a condition the engine cannot compute ("check with the board").
APPLICATION_STEP = re.compile(
    r"^(Sign|Signed|Submit|Provide|Read and|Agree to|Agree|Attest to working|Notarized|Online application|"
    r"Typed answers|Supervisor sign-off|Statement of lived experience|Must also submit)",
    re.I,
)


# Fields that keep an explicit null: null is how a rule file says "unknown".
NULLABLE = {"years", "level", "months", "hours", "required", "usd", "attestation"}


def credential(cred: dict) -> dict:
    renewal = dict(cred["renewal"])
    out = {
        "id": cred["id"],
        "title": cred["title"],
        "acronym": cred["acronym"],
        "issuer": cred["issuer"],
        "lived_experience": cred["lived_experience"],
        "medicaid_billable": cred["medicaid_billable"],
        "confidence": cred["confidence"],
        "requirements": requirements(cred),
        "renewal": {
            "period_years": renewal["period_years"],
            "ceu_hours": renewal["ceu_hours"],
            **({"detail": renewal["detail"]} if renewal["detail"] else {}),
            "source": pick_source(cred["sources"], "renewal"),
        },
        "reciprocity": reciprocity(cred["reciprocity"]),
        "steps": list(cred["steps"] or []),
    }
    if cred.get("notes"):
        out["notes"] = cred["notes"]
    return out


def sources_of(sheet: dict) -> list[dict]:
    seen: dict[str, dict] = {}
    for entry in sheet.get("sources") or []:
        seen.setdefault(entry["url"], entry)
    for cred in sheet["credentials"]:
        for entry in cred["sources"]:
            seen.setdefault(entry["url"], entry)
    return [{"url": e["url"], "what": e["what"], "seen": e["seen"]} for e in seen.values()]


def jurisdiction(sheet: dict, national: dict) -> dict:
    out = {
        "code": sheet["code"],
        "name": sheet["name"],
        "model": sheet["model"],
        "model_2021": sheet["model_2021"],
        "model_2021_basis": sheet["model_2021_basis"],
        "model_notes": sheet["model_notes"],
        "last_reviewed": sheet["compiled"],
        "certifying_entities": sheet["certifying_entities"],
        "credentials": [credential(c) for c in sheet["credentials"]],
    }
    if not sheet["credentials"]:
        out["alternatives"] = [
            {"title": c["title"], "issuer": c["issuer"].strip(), "url": c["url"], "lived_experience": c["lived_experience"]}
            for c in national["credentials"]
            if c["id"] in ("naadac-ncprss", "mha-ncps", "nffcmh-cfps")
        ]
    if sheet.get("notes"):
        out["notes"] = sheet["notes"]
    out["sources"] = sources_of(sheet)
    if not sheet["credentials"]:
        for alt in out["alternatives"]:
            out["sources"].append({"url": alt["url"], "what": f"National credential: {alt['title']}", "seen": national["compiled"]})
    return out


class Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):  # rule files never use anchors: validate rejects them
        return True


def _str(dumper, value: str):
    style = ">" if len(value) > 100 and " " in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


Dumper.add_representer(str, _str)


def main(argv: list[str]) -> int:
    research, out_dir = Path(argv[0]), Path(argv[1])
    codes = [c.upper() for c in argv[2:]]
    national = yaml.safe_load((research / "national" / "credentials.yaml").read_text())
    for sheet_path in sorted((research / "states").glob("*.yaml")):
        if codes and sheet_path.stem not in codes:
            continue
        sheet = yaml.safe_load(sheet_path.read_text())
        data = jurisdiction(sheet, national)
        header = (
            f"# {sheet['name']}: peer recovery support certification rules for prsscheck.\n"
            f"# Built from the research fact sheet states/{sheet['code']}.yaml (compiled {sheet['compiled']}).\n"
            "# Every requirement cites its source; a null value means the sources read did not say.\n"
            "# Field reference: rules/schema.json and docs/maintainers.md.\n"
        )
        text = yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100)
        (out_dir / f"{sheet['code']}.yaml").write_text(header + text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
