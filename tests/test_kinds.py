"""The kinds registry: one place per requirement kind, in step with the schema, and open to a new kind."""

from __future__ import annotations

import json
import shutil
from functools import partial

import pytest
from conftest import FIXTURE_RULES, RULES, run

from prsscheck import engine, interview, kinds, rules, views
from prsscheck.kinds import ANSWERS, MET, TODO, Answer, Item, Kind, Outcome, Question


def schema_kinds(schema: dict) -> list[str]:
    return schema["$defs"]["requirement"]["properties"]["kind"]["enum"]


def test_registry_and_schema_name_the_same_kinds():
    schema = json.loads((RULES / "schema.json").read_text())
    assert sorted(schema_kinds(schema)) == sorted(kinds.Kinds)
    branches = []
    for branch in schema["$defs"]["requirement"]["allOf"]:
        k = branch["if"]["properties"]["kind"]
        branches += k.get("enum") or [k["const"]]
    assert sorted(branches) == sorted(kinds.Kinds), "every kind has its own branch of fields"


def test_every_answer_a_kind_reads_exists():
    for kind in kinds.Kinds.values():
        assert set(kind.answers) <= set(ANSWERS), kind.name


def test_every_shared_condition_key_in_the_schema_is_an_answer():
    schema = json.loads((RULES / "schema.json").read_text())
    branch = next(b for b in schema["$defs"]["requirement"]["allOf"] if b["if"]["properties"]["kind"].get("const") == "condition")
    pattern = branch["then"]["properties"]["key"]["pattern"]
    shared = pattern.strip("^$()").split("|")[:-1]
    assert set(shared) == set(kinds.CONDITION_UNMET) and set(shared) <= set(ANSWERS)


def test_a_kind_this_version_does_not_know_is_shown_not_hidden():
    fallback = kinds.kind_of("pets_owned")
    assert fallback.label == "Pets owned"
    req = rules.Requirement.from_mapping({"kind": "pets_owned", "text": "Own a dog", "source": "https://x.example"})
    assert fallback.text(req) == "Own a dog"


def test_money_and_numbers_have_one_format():
    assert (
        kinds.money(12.5) == "$12.50"
        and kinds.money(60) == "$60"
        and kinds.money(200, 300) == "$200-$300"
        and kinds.money(None) == "unknown"
    )
    assert kinds.number(65.5) == "65.5" and kinds.number(250.0) == "250"
    assert kinds.every(1) == "every year" and kinds.every(2) == "every 2 years"


# ---------------------------------------------------------------- a toy kind, added in the test only


def _pets_level(req, p, family):
    need = req.get("count")
    return MET if (p.pets or 0) >= need else TODO


def _pets_explain(level, req, p, ctx):
    need = req.get("count")
    if level == MET:
        return Outcome(MET, Item(req.kind, f"{p.pets} pets: at least {need} required.", need, p.pets, req.source))
    return Outcome(TODO, Item(req.kind, f"Adopt {need - (p.pets or 0)} more pets.", need, p.pets, req.source), "Visit a shelter.")


@pytest.fixture
def toy_kind(tmp_path, monkeypatch):
    monkeypatch.setattr(kinds, "Kinds", dict(kinds.Kinds))
    monkeypatch.setattr(kinds, "ANSWERS", dict(kinds.ANSWERS))
    for module in (engine, interview, views):
        if hasattr(module, "ANSWERS"):
            monkeypatch.setattr(module, "ANSWERS", kinds.ANSWERS)
    kinds.add_answer(
        Answer(
            "pets",
            partial(kinds.parse_int, key="pets", low=0, high=50),
            "int",
            question=Question("pets", "How many pets do you care for?", "whole", high=50),
        )
    )
    kinds.register(Kind("pets_owned", "Pets cared for", lambda r: f"{r.get('count')} pets", _pets_level, _pets_explain, ("pets",)))
    # The schema branch and a rule that uses it, in a copy of the fixture rules.
    folder = tmp_path / "rules"
    shutil.copytree(FIXTURE_RULES, folder, symlinks=False)
    schema = json.loads((folder / "schema.json").read_text())
    schema_kinds(schema).append("pets_owned")
    schema["$defs"]["requirement"]["allOf"].append(
        {
            "if": {"properties": {"kind": {"const": "pets_owned"}}},
            "then": {
                "additionalProperties": False,
                "required": ["count"],
                "properties": {"kind": True, "source": {"$ref": "#/$defs/source"}, "count": {"type": "integer", "minimum": 0}},
            },
        }
    )
    (folder / "schema.json").unlink()
    (folder / "schema.json").write_text(json.dumps(schema))
    texas = (folder / "states" / "TX.yaml").read_text()
    texas = texas.replace(
        "  - {kind: fee, what: exam, usd: null, source: https://board.example.org/rules}",
        "  - {kind: fee, what: exam, usd: null, source: https://board.example.org/rules}\n  - {kind: pets_owned, count: 2, source: https://board.example.org/rules}",
    )
    (folder / "states" / "TX.yaml").write_text(texas)
    return folder


def test_a_toy_kind_is_validated_asked_decided_shown_and_compared(toy_kind):
    folder = toy_kind
    r = run("validate", "--rules-dir", folder, folder / "states" / "TX.yaml")
    assert r.exit_code == 0, r

    texas = rules.build(rules.read_mapping(folder / "states" / "TX.yaml"))
    questions = interview.plan(texas).questions({"state": "TX", "age": 30, "lived_experience": ["mental_health"]})
    assert "How many pets do you care for?" in [q.text for q in questions]

    mhps = next(c for c in texas.credentials if c.id == "tx-mhps")
    short = engine.evaluate(kinds.Profile(pets=1), mhps)
    assert any(i.kind == "pets_owned" and i.text == "Adopt 1 more pets." for i in short.remaining)
    done = engine.evaluate(kinds.Profile(pets=3), mhps)
    assert any(i.kind == "pets_owned" for i in done.met)

    shown = run("show", "TX", "--rules-dir", folder)
    assert "Pets cared for" in shown.stdout and "2 pets" in shown.stdout
    compared = run("compare", "TX", "MO", "--rules-dir", folder, "--format", "csv")
    assert "Pets cared for" in compared.stdout
