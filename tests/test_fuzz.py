"""Fuzzing with hypothesis: answers files and rule files, valid and broken.

Whatever comes in, the CLI ends with exit 0, 1 or 2, one line on stderr for errors,
no traceback; a valid input gives the same verdict twice.
"""

from __future__ import annotations

import json

import yaml
from conftest import RULES, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

KEYS = [
    "state",
    "age",
    "education",
    "lived_experience",
    "recovery_months",
    "in_state",
    "willing_to_share",
    "training_hours",
    "experience_hours",
    "supervised_hours",
    "exam_passed",
    "background",
    "credentials_held",
    "readiness",
    "nonsense",
]
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 2000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["TX", "mo", "Texas", "ZZ", "high_school_or_ged", "prefer_not_to_say", "none", "has_record", "substance_use"]),
    st.lists(st.sampled_from(["mental_health", "substance_use", "family", "icrc_pr", "bogus"]), max_size=3),
    st.dictionaries(st.sampled_from(["wellness", "practical", "bogus"]), st.integers(0, 4), max_size=2),
)
answers = st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=8)

valid_answers = st.fixed_dictionaries(
    {"state": st.sampled_from(["TX", "MO", "PA", "SD", "OR", "ny"])},
    optional={
        "age": st.integers(14, 90),
        "education": st.sampled_from(["none", "high_school_or_ged", "bachelor", "prefer_not_to_say"]),
        "lived_experience": st.lists(st.sampled_from(["mental_health", "substance_use", "family"]), unique=True),
        "recovery_months": st.integers(0, 300),
        "in_state": st.booleans(),
        "training_hours": st.floats(0, 500, allow_nan=False),
        "experience_hours": st.integers(0, 3000),
        "exam_passed": st.lists(st.sampled_from(["icrc_pr", "pa-crs-exam"]), unique=True),
        "background": st.sampled_from(["none", "has_record", "prefer_not_to_say"]),
    },
)

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def assert_clean(r, codes=(0, 1, 2)):
    assert r.exit_code in codes, r
    assert "Traceback" not in r.output
    if r.exit_code:
        assert r.stderr.startswith("prsscheck: ") and r.stderr.count("\n") == 1, r


@FUZZ
@given(answers)
def test_any_answers_file_ends_cleanly(data):
    r = run("assess", "--answers", "-", "--json", input=json.dumps(data, allow_nan=True))
    assert_clean(r, (0, 2))


@FUZZ
@given(valid_answers)
def test_valid_answers_give_the_same_verdict_twice(data):
    first = run("assess", "--answers", "-", "--json", input=yaml.safe_dump(data))
    assert first.exit_code == 0, first
    second = run("assess", "--answers", "-", "--json", input=yaml.safe_dump(data))
    assert first.stdout == second.stdout


ORIGINAL = (RULES / "states" / "OR.yaml").read_text()


@st.composite
def broken_rule_text(draw):
    """A real rule file, then one of: cut short, a line replaced, a line duplicated, bytes inserted."""
    lines = ORIGINAL.splitlines(keepends=True)
    how = draw(st.sampled_from(["truncate", "replace", "duplicate", "insert"]))
    i = draw(st.integers(0, len(lines) - 1))
    if how == "truncate":
        return ORIGINAL[: draw(st.integers(0, len(ORIGINAL)))]
    if how == "replace":
        lines[i] = draw(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40)) + "\n"
    elif how == "duplicate":
        lines.insert(i, lines[i])
    else:
        lines.insert(
            i,
            draw(
                st.sampled_from(["  - [", "key: *alias\n", "!!python/object:os.system\n", "\t\tbad: tab\n", "code: 5\n", "  years: -3\n"])
            ),
        )
    return "".join(lines)


@FUZZ
@given(broken_rule_text())
def test_broken_rule_files_end_cleanly(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "OR.yaml"
    path.write_text(text, encoding="utf-8")
    validate = run("validate", path, "--json")
    assert validate.exit_code in (0, 1) and "Traceback" not in validate.output
    json.loads(validate.stdout)  # machine output stays machine-readable


REQUIREMENT_MUTATIONS = st.sampled_from(
    [
        ("hours", -5),
        ("hours", "many"),
        ("years", 3),
        ("years", None),
        ("kind", "mystery"),
        ("kind", 7),
        ("source", 12),
        ("extra", "x"),
        ("level", "phd"),
        ("required", "yes"),
        ("usd", -1),
        ("any_of", []),
        ("id", "Not An Id"),
        ("months", 1.5),
        ("text", ""),
        ("what", "bribe"),
    ]
)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.lists(REQUIREMENT_MUTATIONS, min_size=1, max_size=4))
def test_fast_schema_check_finds_what_the_whole_schema_finds(seed, mutations):
    """validate checks requirements kind by kind for speed; the findings must be those of
    applying schema.json as it is."""
    import random

    from prsscheck import validate

    checker, problem = validate.load_schema(RULES / "schema.json")
    assert problem is None
    data = yaml.safe_load(ORIGINAL.replace("2026-11-22", "'2026-11-22'"))
    rng = random.Random(seed)
    for key, value in mutations:
        cred = rng.choice(data["credentials"])
        req = rng.choice(cred["requirements"])
        req[key] = value
    fast = sorted((tuple(e.absolute_path), e.message) for e in checker.iter_errors(data))
    whole = sorted((tuple(e.absolute_path), e.message) for e in checker.whole.iter_errors(data))
    assert fast == whole
