"""The 51 jurisdictions (50 states and DC), and turning what a person types into a code."""

from __future__ import annotations

import difflib

NAMES: dict[str, str] = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
}
CODES: tuple[str, ...] = tuple(sorted(NAMES))

_BY_NAME = {name.lower(): code for code, name in NAMES.items()}
_BY_NAME["washington dc"] = _BY_NAME["washington d.c."] = _BY_NAME["d.c."] = "DC"


class UnknownJurisdiction(ValueError):
    """What a person typed is not one of the 51 codes or names."""

    def __init__(self, text: str, suggestion: str | None):
        self.text = text
        self.suggestion = suggestion
        hint = f" Did you mean {suggestion}?" if suggestion else " Use a two-letter code such as TX or a name such as Texas."
        super().__init__(f"Unknown state '{text}'.{hint}")


def resolve(text: str) -> str:
    """Return the code for a code or a name, in any case ('tx', 'Texas', 'new york')."""
    cleaned = " ".join(text.strip().split())
    if cleaned.upper() in NAMES:
        return cleaned.upper()
    if cleaned.lower() in _BY_NAME:
        return _BY_NAME[cleaned.lower()]
    raise UnknownJurisdiction(text, suggest(cleaned))


_KEYS = ("QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")
_KEY_AT = {key: (row, col + row * 0.5) for row, keys in enumerate(_KEYS) for col, key in enumerate(keys)}


def _key_distance(a: str, b: str) -> float:
    (r1, c1), (r2, c2) = _KEY_AT.get(a, (9, 9)), _KEY_AT.get(b, (0, 0))
    return abs(r1 - r2) + abs(c1 - c2)


def _nearest_code(text: str) -> str | None:
    """A code one typo away, preferring the keys next to the one mistyped (TZ -> TX)."""
    best: tuple[float, str] | None = None
    for code in CODES:
        differing = [(a, b) for a, b in zip(text, code) if a != b]
        if len(differing) != 1:
            continue
        score = _key_distance(*differing[0]) + (0.5 if text[0] != code[0] else 0)
        if best is None or score < best[0]:
            best = (score, code)
    return best[1] if best else None


def suggest(text: str) -> str | None:
    if len(text) == 2 and text.isalpha():
        return _nearest_code(text.upper())
    close = difflib.get_close_matches(text.lower(), list(_BY_NAME), n=1, cutoff=0.6)
    return _BY_NAME[close[0]] if close else None
