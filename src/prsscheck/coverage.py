"""How well the rules are known and sourced: the figures `prsscheck validate --coverage` prints,
and the source checks validate runs on every file (content farms, uncited sources, board links,
key figures resting only on aggregator or secondary pages, stale `seen` dates).

Works on the raw mappings of rule files (as validate parses them), so a half-broken file still
gets as much checking as it can.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlparse

# The key figures counted for coverage, and what an explicit "not required" looks like.
KEY_FIELDS = {
    "min_age": "years",
    "education": "level",
    "recovery_time": "months",
    "training_hours": "hours",
    "experience_hours": "hours",
    "supervised_hours": "hours",
    "exam": "required",
}
ADULT = ("mental_health", "substance_use", "either")
STRONG = ("official", "law")
HOSTS_NOT_BOARDS = ("copelandcenter.com", "law.cornell.edu", "justia.com", "casetext.com")
STALE_DAYS = 3 * 365


class Figure(NamedTuple):
    code: str
    credential: str
    kind: str
    state: str  # known | not_required | unknown
    authority: str | None  # of the cited source


FARMS_MAX_BYTES = 256 * 1024  # a host a line: thousands of hosts fit


def farm_hosts(directory: Path) -> frozenset[str]:
    """rules/content-farms.txt: hosts that are never sources (none when the file is absent).
    ValueError with a message for a person when the file is too big or not text."""
    from prsscheck.files import read_file

    path = directory / "content-farms.txt"
    try:
        lines = read_file(path, FARMS_MAX_BYTES).decode("utf-8").splitlines()
    except FileNotFoundError:
        return frozenset()
    except OSError as err:
        raise ValueError(f"cannot read the file: {err.strerror or err}") from None
    except UnicodeDecodeError as err:
        raise ValueError(f"not UTF-8 text (byte 0x{err.object[err.start]:02x})") from None
    return frozenset(line.split("#", 1)[0].strip().lower() for line in lines if line.split("#", 1)[0].strip())


def host(url: Any) -> str:
    try:
        return (urlparse(str(url)).hostname or "").lower()
    except ValueError:
        return ""


def is_farm(url: Any, farms: Iterable[str]) -> bool:
    h = host(url)
    return any(h == f or h.endswith("." + f) for f in farms)


def figure_state(req: Mapping[str, Any]) -> str:
    value = req.get(KEY_FIELDS[req["kind"]])
    if value is None:
        return "unknown"
    if value in (0, False, "none") and not isinstance(value, bool) or value is False or value == "none":
        return "not_required"
    return "known"


def figures(data: Mapping[str, Any], adult_only: bool = True) -> list[Figure]:
    authority = {s.get("url"): s.get("authority") for s in data.get("sources") or () if isinstance(s, Mapping)}
    out = []
    for cred in data.get("credentials") or ():
        if not isinstance(cred, Mapping) or (adult_only and cred.get("lived_experience") not in ADULT):
            continue
        seen_kinds = set()
        reqs = [r for r in cred.get("requirements") or () if isinstance(r, Mapping)]
        course = next((r for r in reqs if r.get("kind") == "required_course" and r.get("covers") == "training_hours"), None)
        for req in reqs:
            if req.get("kind") not in KEY_FIELDS:
                continue
            seen_kinds.add(req["kind"])
            state, cited = figure_state(req), req.get("source")
            if course is not None and req["kind"] == "training_hours" and state == "unknown":
                state, cited = "known", course.get("source")  # the training is a named course, cited by its source
            out.append(Figure(data.get("code", "?"), cred.get("id", "?"), req["kind"], state, authority.get(cited)))
        for kind in KEY_FIELDS.keys() - seen_kinds - {"supervised_hours"}:
            out.append(Figure(data.get("code", "?"), cred.get("id", "?"), kind, "unknown", None))
    return out


def summarize(rows: Iterable[Figure]) -> dict[str, Any]:
    rows = list(rows)
    valued = [r for r in rows if r.state != "unknown"]
    strong = sum(1 for r in valued if r.authority in STRONG)
    by_kind: dict[str, dict[str, int]] = {}
    for r in rows:
        by_kind.setdefault(r.kind, {"known": 0, "not_required": 0, "unknown": 0})[r.state] += 1
    mix: dict[str, int] = {}
    for r in valued:
        mix[r.authority or "not set"] = mix.get(r.authority or "not set", 0) + 1
    return {
        "figures": len(rows),
        "known": sum(1 for r in rows if r.state == "known"),
        "not_required": sum(1 for r in rows if r.state == "not_required"),
        "unknown": sum(1 for r in rows if r.state == "unknown"),
        "official_or_law_share": round(strong / len(valued), 3) if valued else None,
        "authority": mix,
        "by_kind": by_kind,
    }


def report(datas: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Per state and in total, over adult credentials' key figures."""
    per_state = {}
    everything: list[Figure] = []
    for data in datas:
        rows = figures(data)
        everything.extend(rows)
        per_state[str(data.get("code", "?"))] = summarize(rows)
    return {"total": summarize(everything), "states": per_state}


# ---------------------------------------------------------------- source checks for validate


class SourceProblem(NamedTuple):
    path: tuple  # where in the file
    message: str
    severity: str  # error | warning


def source_problems(data: Mapping[str, Any], farms: Iterable[str], today: dt.date) -> list[SourceProblem]:
    out: list[SourceProblem] = []
    sources = [s for s in data.get("sources") or () if isinstance(s, Mapping)]
    cited: set[str] = set()
    for ci, cred in enumerate(data.get("credentials") or ()):
        if not isinstance(cred, Mapping):
            continue
        renewal = cred.get("renewal")
        if isinstance(renewal, Mapping) and renewal.get("source"):
            cited.add(renewal["source"])
        for dev in cred.get("deviations") or ():
            if isinstance(dev, Mapping) and dev.get("source"):
                cited.add(dev["source"])
        for ri, req in enumerate(cred.get("requirements") or ()):
            if isinstance(req, Mapping) and req.get("source"):
                cited.add(req["source"])
                if is_farm(req["source"], farms):
                    out.append(
                        SourceProblem(
                            ("credentials", ci, "requirements", ri, "source"),
                            f"{host(req['source'])} is on the content-farm list (rules/content-farms.txt): find the official page",
                            "error",
                        )
                    )
    weak = {s.get("url") for s in sources if s.get("authority") in ("aggregator", "secondary")}
    for ci, cred in enumerate(data.get("credentials") or ()):
        if not isinstance(cred, Mapping) or cred.get("lived_experience") not in ADULT:
            continue
        for ri, req in enumerate(cred.get("requirements") or ()):
            if isinstance(req, Mapping) and req.get("kind") in KEY_FIELDS and figure_state(req) != "unknown" and req.get("source") in weak:
                out.append(
                    SourceProblem(
                        ("credentials", ci, "requirements", ri, "source"),
                        f"{cred.get('id')} {req['kind']} rests only on an aggregator or secondary page",
                        "warning",
                    )
                )
    for si, source in enumerate(sources):
        url = source.get("url")
        if is_farm(url, farms):
            out.append(
                SourceProblem(
                    ("sources", si, "url"), f"{host(url)} is on the content-farm list (rules/content-farms.txt): never a source", "error"
                )
            )
        if url not in cited and not source.get("note"):
            out.append(
                SourceProblem(
                    ("sources", si, "url"),
                    "listed but cited by no requirement, renewal or deviation: remove it or add a 'note' saying why it is kept",
                    "warning",
                )
            )
        seen = str(source.get("seen") or "")
        try:
            seen_date = dt.date.fromisoformat(seen if len(seen) == 10 else seen + "-01")
        except ValueError:
            continue
        if (today - seen_date).days > STALE_DAYS:
            out.append(SourceProblem(("sources", si, "seen"), f"seen {seen}: more than 3 years ago; check the page again", "warning"))
    for ei, entity in enumerate(data.get("certifying_entities") or ()):
        if isinstance(entity, Mapping) and any(host(entity.get("url")).endswith(h) for h in HOSTS_NOT_BOARDS):
            out.append(
                SourceProblem(("certifying_entities", ei, "url"), f"{host(entity.get('url'))} is not the board's own site", "warning")
            )
    return out
