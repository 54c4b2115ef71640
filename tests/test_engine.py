"""The engine on real jurisdictions: verdicts, gaps, and properties that must always hold."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prsscheck import engine, rules
from prsscheck.engine import Profile

from conftest import RULES


@lru_cache(maxsize=None)
def jurisdictions():
    return tuple(rules.load_all(RULES))


def credential(cid: str):
    return next(c for j in jurisdictions() for c in j.credentials if c.id == cid)


def verdict(cid: str, **answers) -> engine.Verdict:
    return engine.evaluate(Profile(**answers), credential(cid))


READY = dict(age=30, education="high_school_or_ged", lived_experience=("substance_use",), recovery_months=30, in_state=True, background="none")


def test_mental_health_credential_is_not_for_substance_use_only_experience():
    v = verdict("tx-mhps", **READY)
    assert v.status == "not_eligible"
    assert v.blockers[0].kind == "lived_experience"
    assert "mental health" in v.blockers[0].text


def test_seventeen_year_old_is_not_yet_and_told_when():
    v = verdict("tx-rsps", **{**READY, "age": 17})
    assert v.status == "not_yet"
    age = next(i for i in v.remaining if i.kind == "min_age")
    assert (age.need, age.have) == (18, 17)
    assert "in 1 year" in age.text


def test_partial_training_hours_leave_required_minus_have():
    v = verdict("tx-rsps", **{**READY, "training_hours": 19.5})
    assert v.status == "in_progress"
    training = next(i for i in v.remaining if i.kind == "training_hours")
    assert training.need == 65.5 and training.have == 19.5
    assert "46 more hours" in training.text and "65.5 required" in training.text


def test_recovery_time_gap_counts_months():
    # Pennsylvania's CRS asks 18 months of recovery (PCB).
    v = verdict("pa-crs", **{**READY, "recovery_months": 13})
    assert v.status == "not_yet"
    wait = next(i for i in v.remaining if i.kind == "recovery_time")
    assert wait.need == 18 and wait.have == 13 and "5 more months" in wait.text


def test_prefer_not_to_say_about_a_record_needs_review():
    done = dict(READY, training_hours=1000, experience_hours=1000, supervised_hours=1000, exam_passed=("icrc_pr", "pa-crs-exam", "pa-cps-exam"))
    v = verdict("pa-crs", **{**done, "recovery_months": 30, "background": "prefer_not_to_say"})
    assert v.status == "needs_review"
    assert any(i.kind == "background_check" for i in v.review)


def test_unknown_rule_values_surface_as_check_with_the_board():
    # Alaska's credential: nearly every figure is unknown in the research.
    v = verdict("ak-psp", **READY)
    kinds = {i.kind for i in v.review}
    assert {"min_age", "recovery_time", "exam"} <= kinds
    assert all("check with the board" in i.text.lower() for i in v.review if i.kind in kinds)


def test_other_requirements_never_vanish():
    v = verdict("tx-rsps", **READY)
    others = [i for i in v.review if i.kind == "other"]
    assert len(others) == len(credential("tx-rsps").all("other")) > 0


def test_fees_are_listed_and_never_block():
    v = verdict("tx-rsps", **READY)
    assert any("$60" in f.text for f in v.fees)
    assert all(i.kind != "fee" for i in (*v.remaining, *v.blockers, *v.review))
    assert "$60" in v.next_steps[-1]


def test_a_credential_already_held_counts():
    v = verdict("tx-rsps", credentials_held=("tx-rsps",))
    assert v.status == "eligible" and v.held


def test_icrc_reciprocity_meets_training_experience_and_exam():
    # Missouri's CRPR is the IC&RC reciprocal credential; a peer holding another board's PR credential transfers.
    reciprocal = engine.icrc_reciprocal_ids(jurisdictions())
    held = next(iter(sorted(reciprocal - {"mo-crpr"})))
    profile = Profile(**READY, credentials_held=(held,))
    v = engine.evaluate(profile, credential("mo-crpr"), engine.Context(icrc_reciprocal_ids=reciprocal, state_name="Missouri"))
    assert v.via_reciprocity
    assert not [i for i in v.remaining if i.kind in ("training_hours", "experience_hours", "supervised_hours", "exam")]
    assert "reciprocity" in v.next_steps[0]


def test_everything_met_and_known_is_eligible():
    # Missouri's CPS: HS education, any recovery time, no work hours, the MCB exam.
    cps = credential("mo-cps")
    done = dict(READY, training_hours=100, exam_passed=tuple(r.id for r in cps.all("exam") if r.id))
    v = engine.evaluate(Profile(**done), cps)
    assert v.status in ("eligible", "needs_review")
    assert not v.remaining and not v.blockers
    if v.status == "needs_review":  # only unknown rule values may remain, each named
        assert all(i.kind in ("min_age", "recovery_time", "other", "training_hours", "education", "exam", "background_check", "residency", "employment") for i in v.review)


def test_evaluate_jurisdiction_sorts_closest_first():
    texas = next(j for j in jurisdictions() if j.code == "TX")
    verdicts = engine.evaluate_jurisdiction(Profile(**READY), texas)
    ranks = [engine.rank(v) for v in verdicts]
    assert ranks == sorted(ranks)
    assert verdicts[-1].status == "not_eligible"


# ---------------------------------------------------------------- properties

ALL_CREDENTIALS = [c for j in jurisdictions() for c in j.credentials]
EXAM_IDS = sorted({r.id for c in ALL_CREDENTIALS for r in c.all("exam") if r.id})

profiles = st.builds(
    Profile,
    state=st.none(),
    age=st.one_of(st.none(), st.integers(10, 120)),
    education=st.one_of(st.none(), st.sampled_from(["none", "high_school_or_ged", "associate", "bachelor", "graduate", "prefer_not_to_say"])),
    lived_experience=st.one_of(st.none(), st.just("prefer_not_to_say"), st.lists(st.sampled_from(["mental_health", "substance_use", "family"]), unique=True).map(tuple)),
    recovery_months=st.one_of(st.none(), st.integers(0, 600)),
    in_state=st.one_of(st.none(), st.booleans()),
    training_hours=st.one_of(st.none(), st.floats(0, 5000, allow_nan=False)),
    experience_hours=st.one_of(st.none(), st.floats(0, 5000, allow_nan=False)),
    supervised_hours=st.one_of(st.none(), st.floats(0, 500, allow_nan=False)),
    exam_passed=st.lists(st.sampled_from(EXAM_IDS), unique=True).map(tuple),
    credentials_held=st.lists(st.sampled_from([c.id for c in ALL_CREDENTIALS]), max_size=2, unique=True).map(tuple),
    background=st.one_of(st.none(), st.sampled_from(["none", "has_record", "prefer_not_to_say"])),
)
credentials = st.sampled_from(ALL_CREDENTIALS)
WORSE = {engine.MET: 0, engine.CHECK: 1, engine.TODO: 2, engine.REVIEW: 3, engine.WAIT: 4, engine.BLOCK: 5}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles, credentials)
def test_engine_never_raises_and_status_is_known(profile, cred):
    v = engine.evaluate(profile, cred)
    assert v.status in engine.STATUSES
    assert v.next_steps
    assert engine.evaluate(profile, cred) == v  # deterministic


@settings(max_examples=300, deadline=None)
@given(profiles, credentials)
def test_status_only_path_agrees_with_the_full_verdict(profile, cred):
    reciprocal = engine.icrc_reciprocal_ids(jurisdictions())
    context = engine.Context(icrc_reciprocal_ids=reciprocal)
    assert engine.status(profile, cred, context) == engine.evaluate(profile, cred, context).status


@settings(max_examples=300, deadline=None)
@given(profiles, credentials, st.sampled_from(["training_hours", "experience_hours", "supervised_hours", "recovery_months"]), st.floats(0, 2000, allow_nan=False))
def test_more_training_experience_or_recovery_never_worsens_a_verdict(profile, cred, field, extra):
    before = engine.evaluate(profile, cred)
    current = getattr(profile, field) or 0
    more = current + (int(extra) if field == "recovery_months" else extra)
    after = engine.evaluate(replace(profile, **{field: more}), cred)
    if getattr(profile, field) is None:
        before = engine.evaluate(replace(profile, **{field: 0}), cred)
    assert WORSE[after.level] <= WORSE[before.level]
    assert after.gap <= before.gap + 1e-9


@settings(max_examples=200, deadline=None)
@given(profiles, credentials, st.sampled_from(EXAM_IDS))
def test_passing_an_exam_never_worsens_a_verdict(profile, cred, exam):
    before = engine.evaluate(profile, cred)
    after = engine.evaluate(replace(profile, exam_passed=tuple(set(profile.exam_passed) | {exam})), cred)
    assert WORSE[after.level] <= WORSE[before.level]


@pytest.mark.parametrize("cred", ALL_CREDENTIALS, ids=lambda c: c.id)
def test_every_real_credential_is_reachable_when_everything_is_done(cred):
    """For each of the 122 credentials: a person who has done everything the rules name
    has nothing left to do; only the board's own decisions or unknown values may remain."""
    lived = tuple(r.any_of for r in cred.all("lived_experience"))[0] if cred.all("lived_experience") else ("mental_health",)
    done = Profile(
        age=40, education="bachelor", lived_experience=lived, recovery_months=600, in_state=True,
        training_hours=5000, experience_hours=5000, supervised_hours=5000, background="none",
        exam_passed=tuple(r.id for r in cred.all("exam") if r.id),
    )
    v = engine.evaluate(done, cred)
    assert not v.remaining and not v.blockers, [i.text for i in v.remaining + v.blockers]
    assert v.status in ("eligible", "needs_review")
    if v.status == "needs_review":
        assert v.review and all(i.kind != "background_check" for i in v.review)


def test_application_steps_go_with_the_application_and_never_block():
    # Pennsylvania's CRS asks a 1,000-word essay and a notarized release when applying.
    done = dict(READY, recovery_months=30, training_hours=100, exam_passed=tuple(r.id for r in credential("pa-crs").all("exam") if r.id))
    v = verdict("pa-crs", **done)
    texts = [i.text for i in v.application]
    assert any("essay" in t for t in texts) and any("Notarized" in t for t in texts)
    assert all(i.kind != "application_step" for i in (*v.remaining, *v.blockers, *v.review))
    assert "With it:" in v.next_steps[-1] and "essay" in v.next_steps[-1]
