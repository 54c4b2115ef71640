"""Answers files, key by key: what each key accepts, and the one-line error naming it when not."""

from __future__ import annotations

import pytest

from prsscheck.answers import profile_from_mapping, profile_to_mapping
from prsscheck.errors import AnswersError
from prsscheck.kinds import ANSWERS, NEVER, PREFER_NOT, Profile

GOOD = {
    "state": "texas",
    "age": 34,
    "education": "high_school_or_ged",
    "lived_experience": ["substance_use", "family", "substance_use"],
    "recovery_months": 30.0,
    "caregiver_months": PREFER_NOT,
    "service_months": 0,
    "months_since": {"incarceration": 30, "inpatient_stay": NEVER, "treatment": PREFER_NOT},
    "in_state": True,
    "willing_to_share": False,
    "diagnosis": PREFER_NOT,
    "training_hours": 19.5,
    "experience_hours": 0,
    "supervised_hours": 100000,
    "exam_passed": [" ICRC_PR ", "icrc_pr"],
    "courses_done": ["ky-suicide-krs210366"],
    "credentials_held": ["MO-CPS"],
    "conditions": {" AL-CRSS-Drivers-License ": True, "tn-cprs-no-conservator": PREFER_NOT},
    "background": "has_record",
    "hours_per_week": 12,
    "moving_to": "KS",
    "readiness": {"wellness": 3, "emotional": 1},
}


def test_every_key_is_read_into_the_profile():
    p = profile_from_mapping(GOOD)
    assert p.state == "TX" and p.moving_to == "KS" and p.age == 34 and p.recovery_months == 30
    assert p.lived_experience == ("substance_use", "family")
    assert p.caregiver_months == PREFER_NOT and p.service_months == 0
    assert p.months_since == (("incarceration", 30), ("inpatient_stay", NEVER), ("treatment", PREFER_NOT))
    assert p.in_state is True and p.willing_to_share is False and p.diagnosis == PREFER_NOT
    assert p.training_hours == 19.5 and isinstance(p.experience_hours, float) and p.supervised_hours == 100000
    assert p.exam_passed == ("icrc_pr",) and p.courses_done == ("ky-suicide-krs210366",) and p.credentials_held == ("mo-cps",)
    assert p.conditions == (("al-crss-drivers-license", True), ("tn-cprs-no-conservator", PREFER_NOT))
    assert p.condition("al-crss-drivers-license") is True and p.condition("diagnosis") == PREFER_NOT and p.condition("nope") is None
    assert p.background == "has_record" and p.hours_per_week == 12 and p.readiness == (("wellness", 3), ("emotional", 1))


def test_a_profile_round_trips_through_an_answers_file():
    p = profile_from_mapping(GOOD)
    again = profile_from_mapping(profile_to_mapping(p))
    assert again == p and hash(again) == hash(p)
    assert profile_to_mapping(p)["months_since"] == {"incarceration": 30, "inpatient_stay": NEVER, "treatment": PREFER_NOT}
    assert profile_to_mapping(p)["experience_hours"] == 0 and isinstance(profile_to_mapping(p)["experience_hours"], int)


def test_profile_defaults_equality_and_immutability():
    p = Profile(age=30)
    assert p.exam_passed == () and p.recovery_months is None and p.conditions == ()
    assert p == Profile(age=30) and p != Profile(age=31) and p != {"age": 30}
    assert repr(p) == "Profile(age=30)"
    assert p.replace(age=31).age == 31 and p.age == 30
    assert Profile(age=None) == Profile()
    with pytest.raises(AttributeError):
        p.age = 5
    with pytest.raises(AttributeError):
        p.not_an_answer  # noqa: B018
    with pytest.raises(TypeError):
        Profile(colour="blue")


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("age", 9, "'age' must be from 10 to 120, not 9"),
        ("age", 121, "'age' must be from 10 to 120, not 121"),
        ("age", 34.5, "'age' must be a whole number from 10 to 120, not 34.5"),
        ("age", True, "'age' must be a whole number from 10 to 120, not True"),
        ("age", "34", "'age' must be a whole number from 10 to 120, not '34'"),
        ("age", PREFER_NOT, "'age' must be a whole number from 10 to 120, not 'prefer_not_to_say'"),
        ("recovery_months", -1, "'recovery_months' must be from 0 to 1200, not -1"),
        ("recovery_months", 1201, "'recovery_months' must be from 0 to 1200, not 1201"),
        ("training_hours", -0.5, "'training_hours' must be from 0 to 100000 hours, not -0.5"),
        ("training_hours", 100000.5, "'training_hours' must be from 0 to 100000 hours, not 100000.5"),
        ("training_hours", float("nan"), "'training_hours' must be a number of hours, not nan"),
        ("training_hours", False, "'training_hours' must be a number of hours, not False"),
        (
            "education",
            "phd",
            "'education' must be one of none, high_school_or_ged, associate, bachelor, graduate, prefer_not_to_say, not 'phd'",
        ),
        ("in_state", "yes", "'in_state' must be true or false, not 'yes'"),
        ("in_state", PREFER_NOT, "'in_state' must be true or false, not 'prefer_not_to_say'"),
        ("diagnosis", "maybe", "'diagnosis' must be true or false (or prefer_not_to_say), not 'maybe'"),
        ("exam_passed", "icrc_pr", "'exam_passed' must be a list of ids, e.g. [icrc_pr], not 'icrc_pr'"),
        ("exam_passed", ["icrc_pr", " "], "'exam_passed' must be a list of ids, e.g. [icrc_pr], not ['icrc_pr', ' ']"),
        ("credentials_held", [3], "'credentials_held' must be a list of ids, e.g. [icrc_pr], not [3]"),
        (
            "lived_experience",
            ["addiction"],
            "'lived_experience' must be a list of mental_health, substance_use, family (or prefer_not_to_say), not ['addiction']",
        ),
        ("state", 12, "'state' must be a two-letter code such as TX, not 12"),
        ("moving_to", "Texsa", "'moving_to': Unknown state 'Texsa'. Did you mean TX?"),
        ("months_since", [30], "'months_since' must map events (incarceration, inpatient_stay, treatment) to months or 'never'"),
        ("months_since", {"jail": 3}, "'months_since.jail' is not an event; use incarceration, inpatient_stay, treatment"),
        ("months_since", {"treatment": -2}, "'months_since.treatment' must be from 0 to 1200, not -2"),
        ("conditions", [True], "'conditions' must map condition ids (e.g. al-crss-drivers-license) to true or false"),
        ("conditions", {"": True}, "'conditions' keys must be condition ids, not ''"),
        ("conditions", {"x-y": "yes"}, "'conditions.x-y' must be true or false (or prefer_not_to_say), not 'yes'"),
        ("readiness", [1], "'readiness' must map themes (share_story, wellness, emotional, motivation, teamwork, practical) to 1, 2 or 3"),
        (
            "readiness",
            {"luck": 2},
            "'readiness.luck' is not a readiness theme; use share_story, wellness, emotional, motivation, teamwork, practical",
        ),
        ("readiness", {"wellness": 4}, "'readiness.wellness' must be from 1 to 3, not 4"),
        ("hours_per_week", 0, "'hours_per_week' must be from 1 to 80, not 0"),
        ("background", "yes", "'background' must be one of none, has_record, prefer_not_to_say, not 'yes'"),
    ],
)
def test_a_wrong_value_names_its_key(key, value, message):
    with pytest.raises(AnswersError) as err:
        profile_from_mapping({key: value})
    assert str(err.value) == message


@pytest.mark.parametrize(("value", "expected"), [(10, 10), (120, 120), (34.0, 34)])
def test_age_bounds_are_inclusive(value, expected):
    assert profile_from_mapping({"age": value}).age == expected


def test_hours_bounds_are_inclusive():
    assert profile_from_mapping({"training_hours": 0}).training_hours == 0.0
    assert profile_from_mapping({"training_hours": 100000}).training_hours == 100000.0


def test_unknown_key_suggests_the_nearest_and_null_means_not_answered():
    with pytest.raises(AnswersError, match="unknown key 'recovery_month'; did you mean 'recovery_months'"):
        profile_from_mapping({"recovery_month": 3})
    with pytest.raises(AnswersError, match="unknown key 'zzz'; known keys: state, age"):
        profile_from_mapping({"zzz": 3})
    with pytest.raises(AnswersError, match="the answers must be a mapping"):
        profile_from_mapping(["state", "TX"])
    assert profile_from_mapping({"age": None}) == Profile()


def test_every_answer_has_a_parser_and_a_batch_type():
    for key, answer in ANSWERS.items():
        assert answer.key == key and callable(answer.parse)
        assert answer.csv in ("int", "float", "bool", "str", "ids", "skip")
