"""Answers files: the profile format of DESIGN.md, read from YAML or JSON, checked key by key.

An unknown key or a wrong type is a usage error that names the key; nothing is guessed.
"""

from __future__ import annotations

import math
from dataclasses import asdict
from typing import Any, Callable, Mapping

from prsscheck.engine import EDUCATION_ORDER, PREFER_NOT, Profile
from prsscheck.errors import AnswersError
from prsscheck.jurisdictions import UnknownJurisdiction, resolve

LIVED = ("mental_health", "substance_use", "family")
BACKGROUND = ("none", "has_record", PREFER_NOT)
READINESS_THEMES = ("share_story", "wellness", "emotional", "motivation", "teamwork", "practical")




def _int(key: str, low: int, high: int) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (isinstance(value, float) and not value.is_integer()):
            raise AnswersError(f"'{key}' must be a whole number from {low} to {high}, not {value!r}")
        if not low <= value <= high:
            raise AnswersError(f"'{key}' must be from {low} to {high}, not {value!r}")
        return int(value)

    return parse


def _hours(key: str) -> Callable[[Any], float]:
    def parse(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise AnswersError(f"'{key}' must be a number of hours, not {value!r}")
        if not 0 <= value <= 100_000:
            raise AnswersError(f"'{key}' must be from 0 to 100000 hours, not {value!r}")
        return float(value)

    return parse


def _choice(key: str, allowed: tuple[str, ...]) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if value not in allowed:
            raise AnswersError(f"'{key}' must be one of {', '.join(allowed)}, not {value!r}")
        return value

    return parse


def _bool(key: str) -> Callable[[Any], bool]:
    def parse(value: Any) -> bool:
        if not isinstance(value, bool):
            raise AnswersError(f"'{key}' must be true or false, not {value!r}")
        return value

    return parse


def _ids(key: str) -> Callable[[Any], tuple[str, ...]]:
    def parse(value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise AnswersError(f"'{key}' must be a list of ids, e.g. [icrc_pr], not {value!r}")
        return tuple(v.strip().lower() for v in value)

    return parse


def _lived(value: Any) -> tuple[str, ...] | str:
    if value == PREFER_NOT:
        return PREFER_NOT
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or any(v not in LIVED for v in value):
        raise AnswersError(f"'lived_experience' must be a list of {', '.join(LIVED)} (or {PREFER_NOT}), not {value!r}")
    return tuple(dict.fromkeys(value))


def _state(value: Any) -> str:
    if not isinstance(value, str):
        raise AnswersError(f"'state' must be a two-letter code such as TX, not {value!r}")
    try:
        return resolve(value)
    except UnknownJurisdiction as err:
        raise AnswersError(f"'state': {err}") from None


def _readiness(value: Any) -> tuple[tuple[str, int], ...]:
    if not isinstance(value, dict):
        raise AnswersError(f"'readiness' must map themes ({', '.join(READINESS_THEMES)}) to 1, 2 or 3")
    out = []
    for theme, score in value.items():
        if theme not in READINESS_THEMES:
            raise AnswersError(f"'readiness.{theme}' is not a readiness theme; use {', '.join(READINESS_THEMES)}")
        out.append((theme, _int(f"readiness.{theme}", 1, 3)(score)))
    return tuple(out)


FIELDS: dict[str, Callable[[Any], Any]] = {
    "state": _state,
    "age": _int("age", 10, 120),
    "education": _choice("education", EDUCATION_ORDER + (PREFER_NOT,)),
    "lived_experience": _lived,
    "recovery_months": _int("recovery_months", 0, 1200),
    "in_state": _bool("in_state"),
    "willing_to_share": _bool("willing_to_share"),
    "training_hours": _hours("training_hours"),
    "experience_hours": _hours("experience_hours"),
    "supervised_hours": _hours("supervised_hours"),
    "exam_passed": _ids("exam_passed"),
    "background": _choice("background", BACKGROUND),
    "credentials_held": _ids("credentials_held"),
    "readiness": _readiness,
}


def profile_from_mapping(data: Any) -> Profile:
    if not isinstance(data, Mapping):
        raise AnswersError("the answers must be a mapping of keys such as state, age, lived_experience")
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in FIELDS:
            import difflib

            close = difflib.get_close_matches(str(key), list(FIELDS), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(FIELDS)}"
            raise AnswersError(f"unknown key '{key}'{hint}")
        if value is None:
            continue  # null means "not answered"
        values[key] = FIELDS[key](value)
    return Profile(**values)


def profile_to_mapping(profile: Profile) -> dict[str, Any]:
    """The answers file for a profile (only the answered keys), ready to dump as YAML or JSON."""
    out: dict[str, Any] = {}
    for key, value in asdict(profile).items():
        if value is None or value == ():
            continue
        if key == "readiness":
            value = dict(value)
        elif isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        out[key] = value
    return out


def parse_text(text: str, name: str) -> Profile:
    """An answers file's text (YAML or JSON; JSON is YAML) to a Profile."""
    if text.lstrip().startswith("{"):
        # JSON from a script: the json module is already loaded; importing yaml costs ~30 ms.
        import json

        try:
            return profile_from_mapping(json.loads(text))
        except json.JSONDecodeError:
            pass  # YAML flow style, or broken: the YAML reader says which, with a line
        except AnswersError as err:
            raise AnswersError(f"{name}: {err}") from None
    from prsscheck import yamlfile

    try:
        data = yamlfile.load(text)
    except yamlfile.YamlError as err:
        where = f" at line {err.line}" if err.line else ""
        raise AnswersError(f"{name} is not valid YAML or JSON{where}: {err.message}") from None
    try:
        return profile_from_mapping(data)
    except AnswersError as err:
        raise AnswersError(f"{name}: {err}") from None
