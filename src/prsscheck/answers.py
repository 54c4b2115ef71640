"""Answers files: the profile format of DESIGN.md, read from YAML or JSON, checked key by key.

An unknown key or a wrong type is a usage error that names the key; nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from prsscheck.errors import AnswersError
from prsscheck.kinds import ANSWERS, AnswerError, Profile

# Kept for callers that want the keys: built from the registry of answers (kinds.py).
FIELDS: dict[str, Callable[[Any], Any]] = {key: answer.parse for key, answer in ANSWERS.items()}


def profile_from_mapping(data: Any) -> Profile:
    if not isinstance(data, Mapping):
        raise AnswersError("the answers must be a mapping of keys such as state, age, lived_experience")
    values: dict[str, Any] = {}
    for key, value in data.items():
        answer = ANSWERS.get(key) if isinstance(key, str) else None
        if answer is None:
            import difflib

            close = difflib.get_close_matches(str(key), list(ANSWERS), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(ANSWERS)}"
            raise AnswersError(f"unknown key '{key}'{hint}")
        if value is None:
            continue  # null means "not answered"
        try:
            values[key] = answer.parse(value)
        except AnswerError as err:
            raise AnswersError(str(err)) from None
    return Profile(**values)


def profile_to_mapping(profile: Profile) -> dict[str, Any]:
    """The answers file for a profile (only the answered keys), ready to dump as YAML or JSON."""
    out: dict[str, Any] = {}
    for key, value in profile.answered().items():
        if value is None or value == ():
            continue
        if ANSWERS[key].mapping:
            value = dict(value)
        elif isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        out[key] = value
    return out
