"""Choosing what a view shows: jurisdictions for `list`, credentials for `compare`.

The CLI only forwards options here; a bad choice is a UsageProblem naming it (exit 2).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from prsscheck.errors import UsageProblem, clean
from prsscheck.model import Jurisdiction


def fits(credential_kind: str, wanted: str) -> bool:
    """A credential for `credential_kind` serves a person with `wanted` lived experience."""
    return credential_kind == wanted or (credential_kind == "either" and wanted in ("mental_health", "substance_use"))


def jurisdictions(
    all_: Iterable[Jurisdiction],
    *,
    model: str | None = None,
    lived_experience: str | None = None,
    icrc: bool = False,
) -> list[Jurisdiction]:
    """The jurisdictions matching every filter given (`prsscheck list`)."""
    chosen = []
    for j in all_:
        if model and j.model != model:
            continue
        if icrc and j.icrc_member is not True:
            continue
        if lived_experience and not any(fits(c.lived_experience, lived_experience) for c in j.credentials):
            continue
        chosen.append(j)
    return chosen


def comparable(codes: Sequence[str]) -> list[str]:
    """Two or more distinct codes from what was typed ('texas', 'MO'), in order."""
    from prsscheck.jurisdictions import resolve

    if len(codes) < 2:
        raise UsageProblem(
            "compare needs two or more states, e.g. 'prsscheck compare TX MO'; for one state use 'prsscheck show " + clean(codes[0]) + "'."
        )
    return list(dict.fromkeys(resolve(c) for c in codes))


def credential_ids(chosen: Sequence[Jurisdiction], wanted: Iterable[str]) -> list[str]:
    """The --credential ids, lower-cased and checked against the jurisdictions compared."""
    ids = [c.lower() for c in wanted]
    known = {c.id for j in chosen for c in j.credentials}
    for cid in ids:
        if cid not in known:
            codes = ", ".join(j.code for j in chosen)
            raise UsageProblem(f"Unknown credential '{clean(cid)}' in {codes}. Known: {', '.join(sorted(known)) or 'none'}.")
    return ids


def neighbour_options(home, by_code: dict) -> list[tuple]:  # noqa: ANN001 - Jurisdictions
    """Bordering jurisdictions' credentials a person from `home` could hold: those with no
    residency rule, or one that working or volunteering there satisfies."""
    out = []
    for code in home.raw.get("neighbors") or ():
        there = by_code.get(code)
        if there is None:
            continue
        for credential in there.credentials:
            rule = credential.first("residency")
            if rule is None or rule.basis != "live":
                out.append((there, credential, rule))
    return out


def held_in(directory, origin: str, held: Sequence[str]) -> None:  # noqa: ANN001 - a Path
    """`move FROM TO --held ID`: each held id must be a credential of FROM (or a national one)."""
    from prsscheck import rules

    known = {c.id for c in rules.load_jurisdiction(directory, origin).credentials}
    national = rules.load_national(directory)
    known |= {c.id for c in national.credentials} if national else set()
    for cid in held:
        if cid not in known:
            raise UsageProblem(f"'{clean(cid)}' is not a credential of {origin}; see 'prsscheck show {origin}' for its ids")
