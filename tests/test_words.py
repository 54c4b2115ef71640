"""What each kind says to a person, word for word, in every branch; what show and compare print for
each value; cost, time and the gap. Written from the mutation run's survivors: every line here is a
branch a broken engine could otherwise get wrong unseen."""

from __future__ import annotations

import pytest

from prsscheck import engine, kinds
from prsscheck.kinds import CHECK, LATER, MET, NEVER, PREFER_NOT, REVIEW, WAIT, Context, Profile
from prsscheck.model import Credential, Renewal, Requirement

SRC = "https://board.example.org"


def req(kind: str, **fields) -> Requirement:
    return Requirement(kind=kind, source=SRC, **fields)


def explain(r: Requirement, profile: Profile, ctx: Context = Context(), family: bool = False):
    kind = kinds.kind_of(r.kind)
    level = kind.level(r, profile, family)
    return level, kind.explain(level, r, profile, ctx)


def credential(*requirements: Requirement, **fields) -> Credential:
    base = dict(
        id="tx-x",
        title="Test Credential",
        acronym="TC",
        issuer="A Board",
        lived_experience="either",
        medicaid_billable=None,
        confidence=None,
        requirements=requirements,
        renewal=None,
        reciprocity="none",
        reciprocity_text=None,
        steps=(),
        notes=None,
        jurisdiction="TX",
    )
    base.update(fields)
    return Credential(**base)


# ---------------------------------------------------------------- event_lookback


def test_event_lookback_in_every_branch():
    r = req("event_lookback", event="incarceration", months=24)
    level, out = explain(r, Profile(months_since=(("incarceration", 10),)))
    assert level == WAIT and out.item.text == "Apply 14 months from now: 24 months must pass since release from incarceration."
    assert (out.item.need, out.item.have, out.step) == (24, 10, out.item.text)
    level, out = explain(r, Profile(months_since=(("incarceration", 24),)))
    assert level == MET and out.item.text == "At least 24 months since release from incarceration: met."
    level, out = explain(r, Profile(months_since=(("incarceration", NEVER),)))
    assert level == MET and out.item.text == "At least 24 months since release from incarceration: does not apply to you."
    level, out = explain(r, Profile(months_since=(("incarceration", PREFER_NOT),)))
    assert (
        level == REVIEW
        and out.item.text == "You chose not to say; the rules ask that 24 months have passed since release from incarceration."
    )
    assert out.step == "Ask the board how it counts this time."
    level, out = explain(r, Profile())
    assert level == REVIEW and out.item.text.startswith("Not answered: How many months since release from incarceration? (or 'never')")
    level, out = explain(req("event_lookback", event="treatment", months=None), Profile())
    assert (
        level == CHECK
        and out.item.text == "Time required since your most recent treatment: not stated in the sources we read; check with the board."
    )
    one = explain(req("event_lookback", event="inpatient_stay", months=1), Profile(months_since=(("inpatient_stay", 0),)))[1]
    assert one.item.text == "Apply 1 month from now: 1 months must pass since an inpatient stay for your condition."
    assert kinds.kind_of("event_lookback").text(r) == "24 months since release from incarceration"


# ---------------------------------------------------------------- records


@pytest.mark.parametrize(
    ("fields", "summary"),
    [
        ({"summary": "Only violent felonies bar it."}, "Only violent felonies bar it."),
        ({"summary": "Only violent felonies bar it"}, "Only violent felonies bar it."),
        ({"barring": True}, "Some offenses bar certification; others are reviewed case by case."),
        ({"barring": False}, "No offense bars certification outright; the board reviews records case by case."),
        ({}, "The board reviews records case by case."),
        (
            {"lookback_years": 7, "waiver": True},
            "The board reviews records case by case. It looks back 7 years. A waiver or appeal route exists.",
        ),
        ({"lookback_years": 1, "waiver": False}, "The board reviews records case by case. It looks back 1 year."),
    ],
)
def test_record_summaries(fields, summary):
    assert kinds.record_summary(req("background_check", required=True, **fields)) == summary


def test_a_record_is_shown_with_its_link_and_a_step():
    r = req("background_check", required=True, barring=True, url="https://board.example.org/records")
    level, out = explain(r, Profile(background="has_record"))
    assert level == LATER
    assert (
        out.item.text
        == "You have a conviction: Some offenses bar certification; others are reviewed case by case. Details: https://board.example.org/records"
    )
    assert out.step.startswith("Read the board's rules on records")
    assert explain(r, Profile(background=PREFER_NOT))[1].item.text.startswith("You chose not to say about a record: ")


# ---------------------------------------------------------------- fees and cost


def test_fee_items_in_every_shape():
    assert engine.fee_item(req("fee", what="application", usd=60)).as_dict() == {
        "kind": "fee",
        "need": 60,
        "have": None,
        "text": "Application fee: $60.",
        "source": SRC,
    }
    assert engine.fee_item(req("fee", what="training", usd=200, usd_max=300)).text == "Training fee: $200-$300."
    assert engine.fee_item(req("fee", what="background_check", usd=None, text="about $40")).text == "Background check fee: about $40."
    assert engine.fee_item(req("fee", what=None, usd=None)).text == "Other fee: not stated in the sources we read."
    assert engine.fee_item(req("fee", what="exam", usd=None)).need is None


def test_cost_adds_ranges_keeps_renewal_apart_and_names_unknowns():
    cred = credential(
        req("fee", what="application", usd=50),
        req("fee", what="training", usd=100, usd_max=250),
        req("fee", what="exam", usd=None),
        req("fee", what="background_check", usd=None),
        req("fee", what="exam", usd=None),
        req("fee", what="renewal", usd=None, text="$25 a year"),
    )
    cost = engine.cost_of(cred)
    assert cost == engine.Cost(150, 300, ("exam", "background check"), "$25 a year")
    assert cost.as_dict() == {"min_usd": 150, "max_usd": 300, "unknown": ["exam", "background check"], "renewal": "$25 a year"}
    assert cost.text == "Cost to apply: about $150-$300; exam, background check fee unknown."
    assert engine.cost_of(credential(req("fee", what="renewal", usd=20, usd_max=30))).renewal == "$20-$30"
    assert engine.cost_of(credential(req("fee", what="renewal", usd=None))).renewal == "unknown"
    assert engine.cost_of(credential()).text == "Cost: no fees found in the sources we read; ask the board."
    assert (
        engine.cost_of(credential(req("fee", what="application", usd=None))).text
        == "Cost: not stated in the sources we read (application fee unknown)."
    )


# ---------------------------------------------------------------- age limits, prerequisites, others


def test_max_age_in_every_branch():
    r = req("max_age", years=30)
    assert explain(r, Profile(age=30))[1].item.text == "Age 30: this credential is for people up to 30."
    level, out = explain(r, Profile(age=31))
    assert (
        level == kinds.BLOCK
        and out.item.text == "This credential is for people up to age 30."
        and (out.item.need, out.item.have) == (30, 31)
    )
    assert explain(r, Profile())[1].item.text.startswith("Not answered: How old are you?")
    assert (
        explain(req("max_age", years=None), Profile(age=20))[1].item.text
        == "Upper age limit: not stated in the sources we read; check with the board."
    )
    assert kinds.kind_of("max_age").text(r) == "up to 30" and kinds.kind_of("max_age").text(req("max_age", years=None)) == "unknown"


def test_prerequisite_words_name_the_credential_and_outside_ones():
    ctx = Context(titles={"tx-a": "TX First (F)", "tx-b": "TX Second (S)"})
    r = req("prerequisite_credential", any_of=("tx-a", "tx-b"), text="or an equivalent from another state")
    level, out = explain(r, Profile(), ctx)
    assert out.item.text == "Earn this credential first: TX First (F) or TX Second (S) (or an equivalent from another state)."
    assert (out.item.need, out.item.have, out.step) == ("tx-a,tx-b", None, out.item.text)
    level, out = explain(r, Profile(credentials_held=("tx-b",)), ctx)
    assert level == MET and out.item.text == "You hold the credential this one builds on: TX Second (S)." and out.item.have == "tx-b"
    bare = explain(req("prerequisite_credential", any_of=("tx-z",)), Profile())[1]
    assert bare.item.text == "Earn this credential first: tx-z."
    assert kinds.kind_of("prerequisite_credential").text(r) == "tx-a, tx-b (or an equivalent from another state)"


def test_other_requirements():
    level, out = explain(req("other", text="Good moral character", judged_by="board"), Profile())
    assert level == LATER and out.item.text == "The board also judges: Good moral character"
    level, out = explain(req("other", text="Something else"), Profile())
    assert level == CHECK and out.item.text == "Check with the board: Something else" and out.item.source == SRC


def test_answers_read_by_each_condition():
    assert kinds.answers_read(req("condition", key="diagnosis")) == ("diagnosis",)
    assert kinds.answers_read(req("condition", key="tx-x-license")) == ("conditions",)
    assert kinds.answers_read(req("training_hours", hours=3)) == ("training_hours",)
    assert kinds.answers_read(req("fee", what="exam")) == ()
    assert kinds.answers_read(req("pets_owned")) == ()


def test_service_and_lived_words():
    out = explain(req("service_history", months=1, any_of=("mental_health",)), Profile(service_months=0))[1]
    assert out.item.text == "This credential is for people who have received mental health services themselves."
    assert (
        explain(req("service_history", months=1), Profile(service_months=3))[1].item.text
        == "You have received mental health or substance use services yourself."
    )
    level, out = explain(req("lived_experience", any_of=("family",)), Profile(lived_experience=PREFER_NOT))
    assert (
        level == REVIEW
        and out.item.text == "You chose not to say; this credential is for lived experience of family (as a parent or caregiver)."
    )


# ---------------------------------------------------------------- what show and compare print


@pytest.mark.parametrize(
    ("r", "text"),
    [
        (req("training_hours", hours=40, basis="course_length"), "40 (course length)"),
        (req("training_hours", hours=None, basis="course_length"), "unknown"),
        (req("experience_hours", hours=500, within_years=7), "500 within 7 years"),
        (req("experience_hours", hours=250, stage="after_initial"), "250 (after applying)"),
        (req("supervised_hours", hours=25), "25"),
        (req("exam", required=None), "unknown"),
        (req("exam", required=False), "none"),
        (req("exam", required=True, id="icrc_pr", name="IC&RC PR", type="national"), "IC&RC national exam: IC&RC PR"),
        (req("exam", required=True, id="tx-x-exam", name="Its exam", type=None), "exam: Its exam"),
        (req("education", level=None), "unknown"),
        (req("education", level="other"), "other (see notes)"),
        (req("education", level="high_school_or_ged"), "high school diploma or GED"),
        (req("min_age", years=0), "none"),
        (req("recovery_time", months=0), "no minimum"),
        (req("service_history", months=1), "at any time"),
        (req("service_history", months=12), "12 months"),
        (req("residency", basis="work", percent=None), "work in the state"),
        (req("background_check", required=None), "unknown"),
        (req("fee", what="exam", usd=None, text="varies"), "exam: varies"),
    ],
)
def test_value_words_in_show_and_compare(r, text):
    assert kinds.kind_of(r.kind).text(r) == text


def test_every_and_money():
    assert kinds.every(None) == "period unknown" and kinds.every(3) == "every 3 years" and kinds.every(1) == "every year"
    assert kinds.money(1234.5) == "$1,234.50" and kinds.money(5, 5) == "$5"


# ---------------------------------------------------------------- the gap, time and records


def test_gap_weighs_each_kind():
    items = (
        kinds.Item("training_hours", "", 10, 4),
        kinds.Item("recovery_time", "", 12, 10),
        kinds.Item("exam", "", "tx-x-exam", None),
        kinds.Item("required_course", "", "tx-course", None),
        kinds.Item("prerequisite_credential", "", "tx-a", None),
        kinds.Item("experience_hours", "", None, 5),
        kinds.Item("condition", "", "in_peer_role", False),
        kinds.Item("supervised_hours", "", 5, True),
    )
    # 6 hours + 2 months x 10 + an exam (60) + a course (20) + a prerequisite (200) + unknown hours (60) + a step (30) + 5 hours
    assert engine._gap(items) == 6 + 20 + 60 + 20 + 200 + 60 + 30 + 5


def test_timeline_record_and_words():
    t = engine.Timeline(4.6, "2027-01", 46.0, 10.0, 0.0)
    assert t.as_dict() == {
        "weeks": 4.6,
        "earliest": "2027-01",
        "hours_left": 46.0,
        "hours_per_week": 10.0,
        "wait_months": 0.0,
        "estimate": True,
    }
    assert t.text == "Time: about 5 weeks (around 2027-01): 46 hours at 10 a week. An estimate."
    assert engine.Timeline(0, None, 0, 10, 0).text == "Time: you can apply now."
    assert engine.Timeline(0.2, None, 2, 10, 0).text == "Time: about 1 week: 2 hours at 10 a week. An estimate."
    assert engine.Timeline(26, None, 0, 10, 6).text == "Time: about 26 weeks: 6 months to wait. An estimate."


def test_items_and_profiles_as_records():
    item = kinds.Item("exam", "Pass it.", "x", None, SRC)
    assert item.as_dict() == {"kind": "exam", "need": "x", "have": None, "text": "Pass it.", "source": SRC}
    assert repr(Profile(age=3, background="none")) == "Profile(age=3, background='none')"
    assert hash(Profile(age=3)) == hash(Profile(age=3)) and hash(Profile(age=3)) != hash(Profile(age=4))


def test_status_only_path_for_a_held_credential_and_renewal_words():
    cred = credential(req("min_age", years=18), renewal=Renewal(2, 20, None, SRC))
    assert engine.status(Profile(credentials_held=("tx-x",)), cred) == "eligible"
    held = engine.evaluate(Profile(credentials_held=("tx-x",)), cred)
    assert held.next_steps == ("Renew every 2 years with 20 hours of continuing education.",)
    assert engine.renewal_steps(credential()) == (
        "Renew on time; ask the board how often and how many continuing-education hours it asks.",
    )


# ---------------------------------------------------------------- every field of the line, not only its words

Line = kinds.Item


@pytest.mark.parametrize(
    ("r", "profile", "ctx", "level", "item"),
    [
        (
            req("event_lookback", event="incarceration", months=24),
            Profile(months_since=(("incarceration", 10),)),
            Context(),
            WAIT,
            Line("event_lookback", "Apply 14 months from now: 24 months must pass since release from incarceration.", 24, 10, SRC),
        ),
        (
            req("event_lookback", event="incarceration", months=24),
            Profile(months_since=(("incarceration", NEVER),)),
            Context(),
            MET,
            Line("event_lookback", "At least 24 months since release from incarceration: does not apply to you.", 24, NEVER, SRC),
        ),
        (
            req("event_lookback", event="incarceration", months=24),
            Profile(months_since=(("incarceration", PREFER_NOT),)),
            Context(),
            REVIEW,
            Line(
                "event_lookback",
                "You chose not to say; the rules ask that 24 months have passed since release from incarceration.",
                24,
                PREFER_NOT,
                SRC,
            ),
        ),
        (
            req("service_history", months=1, any_of=("mental_health", "substance_use")),
            Profile(service_months=0),
            Context(),
            kinds.BLOCK,
            Line(
                "service_history",
                "This credential is for people who have received mental health or substance use services themselves.",
                1,
                0,
                SRC,
            ),
        ),
        (
            req("service_history", months=1),
            Profile(service_months=5),
            Context(),
            MET,
            Line("service_history", "You have received mental health or substance use services yourself.", 1, 5, SRC),
        ),
        (
            req("service_history", months=12),
            Profile(service_months=5),
            Context(),
            WAIT,
            Line("service_history", "Wait 7 more months of receiving mental health or substance use services (12 required).", 12, 5, SRC),
        ),
        (
            req("service_history", months=12),
            Profile(service_months=12),
            Context(),
            MET,
            Line("service_history", "12 months of receiving mental health or substance use services: at least 12 required.", 12, 12, SRC),
        ),
        (
            req("condition", key="tx-x-license", question="Do you have a license?", text="A license", when_unmet="in_progress"),
            Profile(conditions=(("tx-x-license", False),)),
            Context(),
            kinds.TODO,
            Line("condition", "Required: A license.", "tx-x-license", False, SRC),
        ),
        (
            req("condition", key="tx-x-license", question="Do you have a license?", text="A license"),
            Profile(conditions=(("tx-x-license", True),)),
            Context(),
            MET,
            Line("condition", "You said yes: Do you have a license?", "tx-x-license", True, SRC),
        ),
        (
            req("condition", key="diagnosis", text="A diagnosis"),
            Profile(diagnosis=PREFER_NOT),
            Context(),
            REVIEW,
            Line("condition", "You chose not to say; the rules ask: A diagnosis", "diagnosis", PREFER_NOT, SRC),
        ),
        (
            req("condition", key="in_peer_role", expect=False, text="Not yet in a peer role"),
            Profile(in_peer_role=False),
            Context(),
            MET,
            Line("condition", "You said no: Do you work or volunteer in a peer support role now?", "in_peer_role", False, SRC),
        ),
        (
            req("residency", basis="live", percent=None),
            Profile(in_state=False),
            Context(state_name="Ohio"),
            WAIT,
            Line("residency", "You need to live in Ohio.", True, False, SRC),
        ),
        (
            req("residency", basis="live_work_or_volunteer", percent=51),
            Profile(in_state=True),
            Context(state_name="Ohio"),
            MET,
            Line("residency", "You live, work or volunteer in Ohio (at least 51% of the time).", True, True, SRC),
        ),
        (
            req("required_course", id="tx-c", name="A course", hours=None),
            Profile(),
            Context(),
            kinds.TODO,
            Line("required_course", "Complete the course: A course.", "tx-c", None, SRC),
        ),
        (
            req("required_course", id="tx-c", name="A course", hours=1),
            Profile(courses_done=("tx-c",)),
            Context(),
            MET,
            Line("required_course", "Course done: A course.", "tx-c", "tx-c", SRC),
        ),
        (
            req("max_age", years=26),
            Profile(age=26),
            Context(),
            MET,
            Line("max_age", "Age 26: this credential is for people up to 26.", 26, 26, SRC),
        ),
        (
            req("caregiver_time", months=12),
            Profile(caregiver_months=3),
            Context(),
            WAIT,
            Line("caregiver_time", "Wait 9 more months as a parent or caregiver (12 required).", 12, 3, SRC),
        ),
        (
            req("caregiver_time", months=0),
            Profile(caregiver_months=0),
            Context(),
            MET,
            Line("caregiver_time", "No minimum time as a parent or caregiver.", 0, 0, SRC),
        ),
        (
            req("recovery_time", months=6),
            Profile(recovery_months=PREFER_NOT),
            Context(),
            REVIEW,
            Line(
                "recovery_time", "Not answered: How long have you been in recovery? We could not check this requirement.", None, None, SRC
            ),
        ),
        (
            req("min_age", years=None),
            Profile(age=30),
            Context(),
            CHECK,
            Line("min_age", "Minimum age: not stated in the sources we read; check with the board.", None, None, SRC),
        ),
        (
            req("background_check", required=None),
            Profile(background="none"),
            Context(),
            MET,
            Line("background_check", "No conviction to review.", None, "none", SRC),
        ),
        (
            req("other", text="X", judged_by="board"),
            Profile(),
            Context(),
            LATER,
            Line("other", "The board also judges: X", None, None, SRC),
        ),
    ],
)
def test_each_line_in_full(r, profile, ctx, level, item):
    got_level, out = explain(r, profile, ctx)
    assert (got_level, out.item) == (level, item)


def test_titles_name_state_credentials_by_code_and_national_ones_alone():
    from prsscheck.model import Jurisdiction

    def jurisdiction(code):
        return Jurisdiction(
            code, code, "none", "none", None, "2026-01-01", (), (credential(id=f"{code.lower()}-x", jurisdiction=code),), (), (), None
        )

    assert engine.titles([jurisdiction("TX"), jurisdiction("US")]) == {"tx-x": "TX Test Credential (TC)", "us-x": "Test Credential (TC)"}


def test_gap_counts_a_non_number_have_as_nothing_done():
    assert engine._gap((kinds.Item("training_hours", "", 10, "n/a"),)) == 10
    assert engine._gap((kinds.Item("recovery_time", "", 3, 5),)) == 0


@pytest.mark.parametrize(
    ("r", "profile", "level", "item", "step"),
    [
        (req("min_age", years=0), Profile(age=40), MET, Line("min_age", "No minimum age.", 0, 40, SRC), None),
        (
            req("min_age", years=21),
            Profile(age=18),
            WAIT,
            Line("min_age", "You can apply at age 21, in 3 years.", 21, 18, SRC),
            "Wait until you are 21 (3 years); you can start training before then where the course allows it.",
        ),
        (
            req("education", level=None),
            Profile(education="none"),
            CHECK,
            Line("education", "Education requirement: not stated in the sources we read; check with the board.", None, None, SRC),
            None,
        ),
        (
            req("education", level="other", note="a GED or two years of work"),
            Profile(education="none"),
            CHECK,
            Line(
                "education",
                "Education: the board sets its own rule (a GED or two years of work); check with the board.",
                "other",
                "none",
                SRC,
            ),
            None,
        ),
        (
            req("education", level="other"),
            Profile(),
            CHECK,
            Line(
                "education", "Education: the board sets its own rule (see the credential notes); check with the board.", "other", None, SRC
            ),
            None,
        ),
        (
            req("education", level="none"),
            Profile(education="none"),
            MET,
            Line("education", "No education requirement.", "none", "none", SRC),
            None,
        ),
        (
            req("education", level="high_school_or_ged"),
            Profile(education="bachelor"),
            MET,
            Line("education", "High school diploma or GED: you have it.", "high_school_or_ged", "bachelor", SRC),
            None,
        ),
        (
            req("education", level="high_school_or_ged"),
            Profile(education=PREFER_NOT),
            REVIEW,
            Line(
                "education",
                "You chose not to say your education; a high school diploma or GED is required.",
                "high_school_or_ged",
                PREFER_NOT,
                SRC,
            ),
            "Find your diploma, GED or transcript: the board will ask for it.",
        ),
        (
            req("education", level="high_school_or_ged"),
            Profile(education="none"),
            WAIT,
            Line("education", "A high school diploma or GED (or equivalency) is required.", "high_school_or_ged", "none", SRC),
            "Earn a high school diploma or GED; adult education programs can help, often at no cost.",
        ),
        (
            req("education", level="bachelor"),
            Profile(education="associate"),
            WAIT,
            Line("education", "A bachelor's degree (or equivalency) is required.", "bachelor", "associate", SRC),
            "Earn a bachelor's degree.",
        ),
        (
            req("lived_experience", any_of=("mental_health",)),
            Profile(lived_experience=PREFER_NOT),
            REVIEW,
            Line(
                "lived_experience",
                "You chose not to say; this credential is for lived experience of mental health.",
                "mental health",
                PREFER_NOT,
                SRC,
            ),
            "Read who this credential is for and decide whether it fits you.",
        ),
        (
            req("lived_experience", any_of=("mental_health", "family")),
            Profile(lived_experience=("family", "substance_use")),
            MET,
            Line(
                "lived_experience",
                "Lived experience of mental health or family (as a parent or caregiver): it fits yours.",
                "mental health or family (as a parent or caregiver)",
                "family, substance_use",
                SRC,
            ),
            None,
        ),
        (
            req("lived_experience", any_of=("substance_use",)),
            Profile(lived_experience=()),
            kinds.BLOCK,
            Line("lived_experience", "This credential is for people with lived experience of substance use.", "substance use", "none", SRC),
            None,
        ),
        (
            req("exam", required=True, id="tx-x-exam", name="The exam", type="board"),
            Profile(exam_passed=("tx-x-exam",)),
            MET,
            Line("exam", "Passed: The exam.", "tx-x-exam", "tx-x-exam", SRC),
            None,
        ),
        (req("exam", required=False), Profile(), MET, Line("exam", "No exam required.", None, None, SRC), None),
        (
            req("exam", required=True, id="tx-x-exam", name="The exam", type=None),
            Profile(),
            kinds.TODO,
            Line("exam", "Pass the exam: The exam.", "tx-x-exam", None, SRC),
            "Pass the exam: The exam.",
        ),
        (
            req("training_hours", hours=None),
            Profile(training_hours=0),
            kinds.TODO,
            Line(
                "training_hours",
                "Complete the required peer training (the number of hours is not stated in the sources we read).",
                None,
                0,
                SRC,
            ),
            "Complete the required peer training; ask the board how many hours count.",
        ),
        (
            req("supervised_hours", hours=None),
            Profile(supervised_hours=3),
            CHECK,
            Line(
                "supervised_hours",
                "You have 3 hours of supervision; the number required is not stated in the sources we read. Check with the board.",
                None,
                3,
                SRC,
            ),
            None,
        ),
        (
            req("experience_hours", hours=None, stage="after_initial"),
            Profile(),
            LATER,
            Line(
                "experience_hours",
                "After you apply: the required hours of peer work or volunteer experience during your initial certification.",
                None,
                0,
                SRC,
            ),
            None,
        ),
        (req("training_hours", hours=0), Profile(), MET, Line("training_hours", "No peer training hours required.", 0, 0, SRC), None),
        (
            req("training_hours", hours=10),
            Profile(training_hours=0),
            kinds.TODO,
            Line("training_hours", "Complete 10 hours of peer training (10 required).", 10, 0, SRC),
            "Complete 10 hours of peer training (10 required).",
        ),
    ],
)
def test_each_line_and_step_in_full(r, profile, level, item, step):
    got_level, out = explain(r, profile)
    assert (got_level, out.item, out.step) == (level, item, step)


def test_a_kind_this_version_does_not_know_is_a_check_with_the_board():
    cred = credential(req("pets_owned", text="Own a dog"), req("min_age", years=18))
    v = engine.evaluate(Profile(age=30), cred)
    assert v.status == "likely_eligible" or v.status == "needs_review"
    assert [i.text for i in v.review if i.kind == "pets_owned"] == ["Check with the board: Own a dog"]
    fallback = kinds.kind_of("pets_owned")
    assert (fallback.name, fallback.compare, fallback.text(Requirement("pets_owned", text="A cat"))) == (
        "pets_owned",
        False,
        "A cat",
    )
    assert fallback.text(Requirement("pets_owned")) == "see the rule file"


def test_a_credential_that_states_nothing_is_too_little_known_not_an_error():
    v = engine.evaluate(Profile(), credential(req("fee", what="application", usd=10)))
    assert (v.status, v.level, v.unknown, v.key_figures) == ("needs_review", MET, 6, 6)
    assert engine.status(Profile(), credential()) == "needs_review"


def test_reciprocity_names_the_held_credential_by_id_without_titles():
    cred = credential(req("training_hours", hours=40), reciprocity="icrc")
    v = engine.evaluate(Profile(credentials_held=("mo-cpr",)), cred, Context(icrc_reciprocal_ids=frozenset({"mo-cpr"})))
    assert v.carried_over[0].text == "Training hours: met through IC&RC reciprocity with your mo-cpr."


@pytest.mark.parametrize(
    ("remaining", "weeks", "wait"),
    [
        ((kinds.Item("caregiver_time", "", 12, 6),), 26.0, 6),
        ((kinds.Item("service_history", "", 12, 9),), 13.0, 3),
        ((kinds.Item("event_lookback", "", 24, 18),), 26.0, 6),
        ((kinds.Item("min_age", "", 18, 17),), 52.0, 12),
        ((kinds.Item("training_hours", "", 20, "n/a"),), 2.0, 0),
        ((kinds.Item("training_hours", "", 20, 25),), 0.0, 0),
        ((kinds.Item("condition", "", "in_peer_role", False),), 0.0, 0),
    ],
)
def test_timeline_counts_each_kind_of_wait(remaining, weeks, wait):
    t = engine.timeline_of(remaining, (), kinds.TODO, Profile(), Context())
    assert (t.weeks, t.wait_months, t.earliest) == (weeks, wait, None)


def test_timeline_waits_for_unanswered_questions_but_not_for_conditions():
    unanswered = (kinds.Item("residency", "Not answered: Do you live or work in Texas? ..."),)
    assert engine.timeline_of((), unanswered, REVIEW, Profile(), Context()).weeks is None
    condition = (kinds.Item("condition", "Not answered: Do you have a license? ..."),)
    assert engine.timeline_of((), condition, REVIEW, Profile(), Context()).weeks == 0
    assert engine.timeline_of((), (), kinds.BLOCK, Profile(), Context()) is None


def test_the_status_path_keeps_checking_after_a_requirement_met_by_reciprocity():
    cred = credential(req("training_hours", hours=40), req("min_age", years=21), reciprocity="icrc")
    ctx = Context(icrc_reciprocal_ids=frozenset({"mo-cpr"}))
    profile = Profile(age=19, credentials_held=("mo-cpr",))
    assert engine.status(profile, cred, ctx) == engine.evaluate(profile, cred, ctx).status == "not_yet"
