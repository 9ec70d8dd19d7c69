"""The case an accepted clue opens, administrative or civil, through filing, the pre-litigation
procedure, follow-up, suit, judgment and enforcement: who may take each step, what each
requires, and what each changes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from liaison.attachments.models import Attachment
from liaison.audit.models import AuditRecord
from liaison.core.access import SYSTEM, access_for
from liaison.core.tests.factories import OrganisationFactory, UserFactory, member
from liaison.notifications.models import Notification
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind, Role
from liaison.publicinterest.clue_forms import AcceptForm
from liaison.publicinterest.models import (
    OBSERVATION_PHOTO_PURPOSE,
    Clue,
    ClueSource,
    Observation,
    PILCase,
)
from liaison.publicinterest.recommending import PRE_LITIGATION, RECOMMENDATION
from liaison.publicinterest.selectors import progress_for_code
from liaison.publicinterest.supervision_actions import observation_file
from liaison.publicinterest.workflows import ADMIN_CASE, CIVIL_CASE
from liaison.recommendations.models import Recommendation
from liaison.workflow.actions import transition
from liaison.workflow.errors import (
    TransitionConflict,
    TransitionForbidden,
    TransitionInvalid,
    WorkflowError,
)
from liaison.workflow.models import Clock, MatterParty, TimelineEvent
from liaison.workflow.reminders import take_expiry_steps
from liaison.workflow.selectors import available_transitions, my_work
from liaison.workflow.tests.factories import approve_all

from .factories import (
    ADMINISTRATIVE,
    CIVIL,
    accepted_case,
    agency,
    agency_officer,
    clue_officer,
    court,
    filed_case,
    judgment_pdf,
    photo,
    procuratorate,
    prosecutor,
    recommended_case,
    reported_clue,
    sued_case,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def kangbashi() -> Organisation:
    return procuratorate(name="鄂尔多斯市康巴什区人民检察院", abbreviation="康检")


@pytest.fixture
def officer(kangbashi):  # type: ignore[no-untyped-def]
    return clue_officer(kangbashi, name="王晓燕")


@pytest.fixture
def handler(kangbashi):  # type: ignore[no-untyped-def]
    return prosecutor(kangbashi, name="李建国")


@pytest.fixture
def bureau() -> Organisation:
    return agency(name="鄂尔多斯市康巴什区生态环境分局")


def _reply(recommendation: Recommendation, officer, outcome: str = "rectified", **data):  # type: ignore[no-untyped-def]
    transition(
        matter=recommendation,
        name="reply",
        access=access_for(officer),
        data={"reply": "已责令煤场全部苫盖并安装喷淋设施。", "reply_outcome": outcome, **data},
        files={"evidence": data.pop("evidence", [])} if "evidence" in data else None,
    )


def _observe(case: PILCase, author, finding: str = "rectified", **extra):  # type: ignore[no-untyped-def]
    return observation_file(
        case=case,
        author=author,
        observed_on=timezone.localdate(),
        finding=finding,
        note="现场煤堆已全部苫盖，喷淋设施运行正常。",
        **extra,
    )


# -- accepting a clue opens a case ---------------------------------------------------------------


def test_accepting_a_clue_opens_an_administrative_case_numbered_by_the_procuratorate(
    kangbashi, officer, bureau
) -> None:  # type: ignore[no-untyped-def]
    colleague = prosecutor(kangbashi)
    clue = reported_clue()
    transition(
        matter=clue,
        name="accept",
        access=access_for(officer),
        data={**ADMINISTRATIVE, "administrative_agency": bureau.pk},
    )
    clue.refresh_from_db()
    case = PILCase.objects.get()
    assert clue.state == "accepted" and clue.case == case
    assert case.matter_type == ADMIN_CASE.name and case.kind == "administrative"
    assert case.state == "opened" and case.owner == kangbashi
    assert case.case_number == f"康检行公〔{timezone.localdate().year}〕1号"
    assert (case.field, case.division, case.facts) == (clue.field, clue.division, clue.description)
    assert case.administrative_agency == bureau
    assert list(case.clues.all()) == [clue]
    opened = TimelineEvent.objects.get(matter=case, action=f"{ADMIN_CASE.name}.open")
    assert opened.actor == officer and opened.note == clue.case_number
    # the procuratorate's prosecutors hear of it, and find it in their work
    assert Notification.objects.filter(recipient=colleague, matter=clue).exists()
    assert case.pk in {m.pk for m in my_work(access_for(colleague))}


def test_a_civil_case_has_its_own_type_and_number(kangbashi, officer) -> None:  # type: ignore[no-untyped-def]
    case = accepted_case(officer=officer, kind="civil")
    assert case.matter_type == CIVIL_CASE.name and case.kind == "civil"
    assert case.case_number is not None and case.case_number.startswith("康检民公〔")
    assert case.administrative_agency is None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "kind"),
        ({"kind": "criminal"}, "kind"),
        ({**CIVIL, "administrative_agency": "AGENCY"}, "administrative_agency"),
    ],
)
def test_accepting_needs_a_kind_and_an_agency_only_for_administrative_cases(
    kangbashi, officer, bureau, data, field
) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue()
    data = {k: (bureau.pk if v == "AGENCY" else v) for k, v in data.items()}
    with pytest.raises(TransitionInvalid) as refusal:
        transition(matter=clue, name="accept", access=access_for(officer), data=data)
    assert field in refusal.value.form.errors
    assert Clue.objects.get(pk=clue.pk).state == "submitted"
    assert not PILCase.objects.exists()


def test_a_second_clue_joins_a_case_already_open(kangbashi, officer) -> None:  # type: ignore[no-untyped-def]
    case = accepted_case(officer=officer)
    second = reported_clue(description="同一煤场又有群众反映扬尘污染，周边居民窗台积满煤灰。")
    form = AcceptForm(matter=second)
    assert case in form.fields["case"].queryset
    with pytest.raises(TransitionInvalid):  # both a new case and an open one: which?
        transition(
            matter=second,
            name="accept",
            access=access_for(officer),
            data={**CIVIL, "case": case.pk},
        )
    transition(matter=second, name="accept", access=access_for(officer), data={"case": case.pk})
    assert PILCase.objects.count() == 1
    assert set(case.clues.all()) == {second, Clue.objects.exclude(pk=second.pk).get()}


def test_only_the_procuratorates_own_open_cases_are_offered(kangbashi, officer) -> None:  # type: ignore[no-untyped-def]
    ordos = procuratorate("150600", level=Organisation.Level.MUNICIPAL, abbreviation="鄂检")
    theirs = accepted_case(reported_clue(at="150600"), kind="civil")
    closed = accepted_case(officer=officer)
    transition(
        matter=closed, name="decline", access=access_for(prosecutor(kangbashi)), data={"note": "x"}
    )
    clue = reported_clue()
    offered = AcceptForm(matter=clue).fields
    assert "case" not in offered  # nothing open here: the choice is not shown at all
    with pytest.raises(TransitionInvalid):
        transition(matter=clue, name="accept", access=access_for(officer), data={"case": theirs.pk})
    assert theirs.owner == ordos


def test_a_volunteers_clue_counts_as_a_volunteers_and_a_transfer_as_a_transfer(kangbashi) -> None:  # type: ignore[no-untyped-def]
    youth = OrganisationFactory(kind=OrganisationKind.VOLUNTEER_ORGANISATION, name="青年志愿者协会")
    volunteer = member(youth, Role.VOLUNTEER)
    assert reported_clue(anonymous=False, reporter=volunteer).source == ClueSource.VOLUNTEER
    assert reported_clue(anonymous=False, reporter=UserFactory()).source == ClueSource.PUBLIC
    assert reported_clue(anonymous=True).source == ClueSource.PUBLIC
    ordos = procuratorate("150600", level=Organisation.Level.MUNICIPAL)
    clue = reported_clue()
    transition(
        matter=clue,
        name="transfer",
        access=access_for(clue_officer(kangbashi)),
        data={"target": ordos.pk},
    )
    assert Clue.objects.get(transferred_from=clue).source == ClueSource.TRANSFER


# -- filing and the recommendation ---------------------------------------------------------------


def test_a_prosecutor_files_and_handles_the_case(kangbashi, handler, bureau) -> None:  # type: ignore[no-untyped-def]
    case = accepted_case()
    for role in (Role.CLUE_OFFICER, Role.CASE_MANAGEMENT, Role.LIAISON):
        with pytest.raises(TransitionForbidden):
            transition(
                matter=case,
                name="file",
                access=access_for(member(kangbashi, role)),
                data={"administrative_agency": bureau.pk},
            )
    with pytest.raises(TransitionInvalid) as refusal:
        transition(matter=case, name="file", access=access_for(handler), data={})
    assert "administrative_agency" in refusal.value.form.errors
    court = OrganisationFactory(kind=OrganisationKind.COURT)
    with pytest.raises(TransitionInvalid):  # an agency, not any organisation
        transition(
            matter=case,
            name="file",
            access=access_for(handler),
            data={"administrative_agency": court.pk},
        )
    transition(
        matter=case,
        name="file",
        access=access_for(handler),
        data={"administrative_agency": bureau.pk},
    )
    case.refresh_from_db()
    assert case.state == "opened" and case.awaiting_approval  # filing needs approval
    assert not Clock.objects.filter(matter=case).exists()
    assert not MatterParty.objects.filter(matter=case, relation="handler").exists()
    case = approve_all(case)
    assert case.state == "investigating" and case.administrative_agency == bureau
    assert MatterParty.objects.filter(matter=case, relation="handler", person=handler).exists()
    clock = Clock.objects.get(matter=case, name="handling")
    assert clock.period_code == "pil.admin_case_handling" and clock.state == Clock.State.RUNNING
    # now the handler (and those above) take its steps, not every prosecutor
    other = prosecutor(kangbashi)
    assert not available_transitions(access_for(other), case)
    assert {t.name for t in available_transitions(access_for(handler), case)} == {
        "recommend",
        "terminate",
    }
    head = member(kangbashi, Role.DEPARTMENT_HEAD)
    assert "recommend" in {t.name for t in available_transitions(access_for(head), case)}


def test_a_civil_case_is_filed_against_a_respondent(kangbashi, handler) -> None:  # type: ignore[no-untyped-def]
    case = accepted_case(kind="civil")
    with pytest.raises(TransitionInvalid) as refusal:
        transition(matter=case, name="file", access=access_for(handler), data={})
    assert set(refusal.value.form.errors) == {"respondent"}
    transition(
        matter=case, name="file", access=access_for(handler), data={"respondent": "某运销公司"}
    )
    case = approve_all(case)
    assert case.state == "investigating" and case.respondent == "某运销公司"
    assert not Clock.objects.filter(matter=case).exists()


def test_the_recommendation_is_served_on_the_agency_with_a_two_month_clock(
    kangbashi, handler, bureau
) -> None:  # type: ignore[no-untyped-def]
    officer = agency_officer(bureau, name="吴祖阳")
    case, recommendation = recommended_case(filed_case(by=handler, responsible=bureau))
    assert case.state == "pre_litigation"
    assert Clock.objects.get(matter=case, name="handling").state == Clock.State.STOPPED
    assert recommendation.matter_type == RECOMMENDATION.name and recommendation.state == "served"
    year = timezone.localdate().year
    assert recommendation.case_number == f"康检行公建〔{year}〕1号"
    assert recommendation.addressee == bureau and recommendation.issued_on == timezone.localdate()
    parties = set(
        MatterParty.objects.filter(matter=recommendation).values_list(
            "relation", "organisation", "person"
        )
    )
    assert parties == {("partner_org", bureau.pk, None), ("handler", None, handler.pk)}
    clock = Clock.objects.get(matter=recommendation, name="reply")
    assert (clock.period_code, clock.amount, clock.unit) == (
        "pil.recommendation_reply",
        2,
        "months",
    )
    assert recommendation.document_pdf.content_type == "application/pdf"
    assert recommendation.document_docx.original_name.endswith(".docx")
    assert Notification.objects.filter(recipient=officer, matter=recommendation).exists()
    assert recommendation.pk in {m.pk for m in my_work(access_for(officer))}
    assert case.pk not in {m.pk for m in my_work(access_for(officer))}


def test_an_urgent_recommendation_is_answered_within_fifteen_days(kangbashi, handler) -> None:  # type: ignore[no-untyped-def]
    _case, recommendation = recommended_case(filed_case(by=handler), urgent=True)
    assert recommendation.urgent
    clock = Clock.objects.get(matter=recommendation, name="reply")
    assert (clock.period_code, clock.amount, clock.unit) == (
        "pil.recommendation_reply_urgent",
        15,
        "days",
    )


def test_recommending_needs_the_facts_opinion_and_measures(kangbashi, handler) -> None:  # type: ignore[no-untyped-def]
    case = filed_case(by=handler)
    with pytest.raises(TransitionInvalid) as refusal:
        transition(matter=case, name="recommend", access=access_for(handler), data={"facts": ""})
    assert {"facts", "opinion", "measures"} <= set(refusal.value.form.errors)
    assert not Recommendation.objects.exists() and not Attachment.objects.exists()


# -- the agency's reply --------------------------------------------------------------------------


def test_the_agency_replies_with_evidence_and_the_case_moves_to_follow_up(
    kangbashi, handler, bureau
) -> None:  # type: ignore[no-untyped-def]
    officer = agency_officer(bureau)
    case, recommendation = recommended_case(filed_case(by=handler, responsible=bureau))
    for who in (handler, agency_officer(agency(name="另一个局"))):
        with pytest.raises(TransitionForbidden):
            _reply(recommendation, who)
    with pytest.raises(TransitionInvalid) as refusal:
        _reply(recommendation, officer, outcome="maybe")
    assert "reply_outcome" in refusal.value.form.errors
    _reply(recommendation, officer, evidence=[photo("整改后.jpg", gps=True)])
    recommendation.refresh_from_db()
    case.refresh_from_db()
    assert recommendation.state == "replied" and recommendation.reply_outcome == "rectified"
    assert recommendation.replied_at is not None
    evidence = Attachment.objects.get(matter=recommendation, purpose="reply_evidence")
    assert evidence.uploaded_by == officer and evidence.original_name == "整改后.jpg"
    reply_clock = Clock.objects.get(matter=recommendation, name="reply")
    assert reply_clock.state == Clock.State.STOPPED and reply_clock.met_in_time
    assert case.state == "follow_up"
    moved = TimelineEvent.objects.get(matter=case, transition="receive_reply")
    assert moved.actor is None  # the system took the step
    assert Notification.objects.filter(recipient=handler, matter=recommendation).exists()
    assert recommendation.pk not in {m.pk for m in my_work(access_for(officer))}


def test_the_automatic_step_is_never_offered_to_anyone(kangbashi, handler) -> None:  # type: ignore[no-untyped-def]
    case, _recommendation = recommended_case(filed_case(by=handler))
    head = member(kangbashi, Role.CHIEF_PROCURATOR)
    for who in (handler, head):
        assert "receive_reply" not in {t.name for t in available_transitions(access_for(who), case)}
        with pytest.raises(TransitionForbidden):
            transition(matter=case, name="receive_reply", access=access_for(who))
    transition(matter=case, name="receive_reply", access=SYSTEM)
    assert PILCase.objects.get(pk=case.pk).state == "follow_up"


# -- follow-up: on-site observations, closing, suing ---------------------------------------------


def test_an_observation_keeps_photos_without_their_location(kangbashi, handler) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    case, _recommendation = recommended_case(filed_case(by=handler))
    observation = _observe(
        case, handler, photos=[(photo("现场.jpg", gps=True), "image/jpeg")], finding="partly"
    )
    assert observation.finding == "partly" and observation.author == handler
    stored = observation.photos.get()
    assert stored.matter_id == case.pk and stored.purpose == OBSERVATION_PHOTO_PURPOSE
    with stored.file.open("rb") as f, Image.open(f) as image:
        exif = image.getexif()
        assert 0x8825 not in exif and 0x010F not in exif  # no GPS, no camera
    event = TimelineEvent.objects.get(matter=case, action="publicinterest.case.observation")
    assert event.actor == handler and event.data["finding"] == "partly"
    assert AuditRecord.objects.filter(action="publicinterest.observation.file").exists()


def test_who_may_observe_and_when(kangbashi, handler) -> None:  # type: ignore[no-untyped-def]
    case = filed_case(by=handler)
    with pytest.raises(WorkflowError):  # still investigating: evidence goes in the case file
        _observe(case, handler)
    case, _recommendation = recommended_case(case)
    for stranger in (prosecutor(kangbashi), clue_officer(kangbashi), UserFactory()):
        with pytest.raises(TransitionForbidden):
            _observe(case, stranger)
    _observe(case, member(kangbashi, Role.DEPARTMENT_HEAD))
    assert Observation.objects.count() == 1


def test_an_observation_that_fails_stores_no_photo(kangbashi, handler, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    case, _recommendation = recommended_case(filed_case(by=handler))

    def broken(**kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("database went away")

    monkeypatch.setattr("liaison.publicinterest.supervision_actions.record_event", broken)
    with pytest.raises(RuntimeError):
        _observe(case, handler, photos=[(photo(), "image/jpeg")])
    assert not Observation.objects.exists()
    assert not Attachment.objects.filter(purpose=OBSERVATION_PHOTO_PURPOSE).exists()


def test_closing_as_rectified_needs_it_seen_rectified_on_site(kangbashi, handler, bureau) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue()
    case = filed_case(accepted_case(clue), by=handler, responsible=bureau)
    case, recommendation = recommended_case(case)
    _reply(recommendation, agency_officer(bureau))
    case.refresh_from_db()
    close = {"note": "经现场核查，煤场已全部苫盖，整改到位。"}
    with pytest.raises(WorkflowError):
        transition(matter=case, name="close_rectified", access=access_for(handler), data=close)
    _observe(case, handler, finding="not_rectified")
    with pytest.raises(WorkflowError):
        transition(matter=case, name="close_rectified", access=access_for(handler), data=close)
    _observe(case, handler, finding="rectified")
    transition(matter=case, name="close_rectified", access=access_for(handler), data=close)
    case.refresh_from_db()
    assert case.state == "follow_up" and case.awaiting_approval  # awaits the chief
    case = approve_all(case)
    assert case.state == "rectified" and case.is_closed and case.conclusion == close["note"]
    progress = progress_for_code(clue.query_code)
    assert progress is not None
    assert (progress.state, progress.case_state) == ("accepted", "rectified")


def _expire(clock: Clock) -> int:
    """Let ``clock`` run out, and run the scheduled job the day after its due day."""
    Clock.objects.filter(pk=clock.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    return take_expiry_steps(today=timezone.localdate())


def test_when_the_reply_period_lapses_the_case_moves_to_follow_up(kangbashi, handler) -> None:  # type: ignore[no-untyped-def]
    court = OrganisationFactory(kind=OrganisationKind.COURT, name="康巴什区人民法院")
    case, recommendation = recommended_case(filed_case(by=handler))
    suit = {
        "court": court.pk,
        "suit_filed_on": timezone.localdate(),
        "claims": "确认违法；责令履职。",
    }
    assert case.pk not in {m.pk for m in my_work(access_for(handler))}  # waiting on the agency
    with pytest.raises(TransitionConflict):  # no suit while the agency may still reply
        transition(matter=case, name="sue", access=access_for(handler), data=suit)
    assert take_expiry_steps(today=timezone.localdate()) == 0  # not expired yet
    reply_clock = Clock.objects.get(matter=recommendation)
    assert _expire(reply_clock) == 1
    assert take_expiry_steps(today=timezone.localdate()) == 0  # taken once
    recommendation.refresh_from_db()
    case.refresh_from_db()
    assert recommendation.state == "lapsed" and case.state == "follow_up"
    assert TimelineEvent.objects.get(matter=case, transition="reply_lapsed").actor is None
    assert Notification.objects.filter(recipient=handler, matter=case).exists()
    assert Clock.objects.get(pk=reply_clock.pk).state == Clock.State.RUNNING  # still owed
    assert case.pk in {m.pk for m in my_work(access_for(handler))}
    transition(matter=case, name="sue", access=access_for(handler), data=suit)
    case = approve_all(case)  # the chief procurator approves the suit
    assert case.state == "litigation" and case.court == court and case.claims == suit["claims"]
    # the agency may still reply, late; the case stays before the court
    _reply(recommendation, agency_officer(recommendation.addressee), outcome="rectifying")
    assert Recommendation.objects.get(pk=recommendation.pk).state == "replied"
    assert PILCase.objects.get(pk=case.pk).state == "litigation"
    late = Clock.objects.get(matter=recommendation)
    assert late.state == Clock.State.STOPPED and not late.met_in_time


def test_judgment_and_enforcement_close_the_case(kangbashi, handler, bureau) -> None:  # type: ignore[no-untyped-def]
    before = court()
    judge = member(before, Role.JUDGE)
    case, recommendation = recommended_case(filed_case(by=handler, responsible=bureau))
    _reply(recommendation, agency_officer(bureau), outcome="disagrees")
    case = sued_case(PILCase.objects.get(pk=case.pk), by=handler, before=before)
    today = timezone.localdate()
    act, bench = access_for(handler), access_for(judge)
    transition(
        matter=case,
        name="register",
        access=bench,
        data={"court_case_number": "（2026）晋0213行初12号", "registered_on": today},
    )
    transition(
        matter=case,
        name="record_judgment",
        access=bench,
        data={
            "judgment_on": today,
            "judgment_outcome": "upheld",
            "judgment_summary": "确认被告未依法履职违法，责令其三个月内履行监管职责。",
        },
        files={"document": judgment_pdf()},
    )
    case.refresh_from_db()
    assert case.state == "judged" and case.judgment_outcome == "upheld"
    assert case.judgment_number == "（2026）晋0213行初12号"
    _observe(case, handler)  # the enforcement is followed on site too
    transition(
        matter=case,
        name="record_enforcement",
        access=act,
        data={"enforced_on": today, "note": "被告已按判决履行职责，煤场整改完毕。"},
    )
    case.refresh_from_db()
    assert case.state == "concluded" and case.enforced_on == today and case.is_closed


def test_a_prosecutor_may_decline_and_the_handler_terminate(kangbashi, handler) -> None:  # type: ignore[no-untyped-def]
    declined = accepted_case()
    transition(
        matter=declined,
        name="decline",
        access=access_for(handler),
        data={"note": "该问题已由行政机关依法处理。"},
    )
    assert PILCase.objects.get(pk=declined.pk).state == "not_filed"
    case = filed_case(by=handler)
    with pytest.raises(TransitionInvalid):
        transition(matter=case, name="terminate", access=access_for(handler), data={"note": ""})
    transition(
        matter=case, name="terminate", access=access_for(handler), data={"note": "违法情形已消除。"}
    )
    assert PILCase.objects.get(pk=case.pk).state == "investigating"  # awaits the chief
    case = approve_all(case)
    assert case.state == "terminated" and case.conclusion == "违法情形已消除。"
    assert Clock.objects.get(matter=case, name="handling").state == Clock.State.STOPPED


# -- civil: the announcement ---------------------------------------------------------------------


def test_a_civil_case_is_announced_for_thirty_days_before_suit(kangbashi, handler) -> None:  # type: ignore[no-untyped-def]
    court = OrganisationFactory(kind=OrganisationKind.COURT)
    case = filed_case(kind="civil", by=handler)
    act = access_for(handler)
    transition(
        matter=case,
        name="announce",
        access=act,
        data={"announcement": "本院拟对某运销公司煤场扬尘污染提起民事公益诉讼，特此公告。"},
    )
    case.refresh_from_db()
    assert case.state == "announcing" and case.announcement.startswith("本院拟")
    clock = Clock.objects.get(matter=case, name="announcement")
    assert (clock.period_code, clock.amount, clock.unit) == ("pil.civil_announcement", 30, "days")
    suit = {"court": court.pk, "suit_filed_on": timezone.localdate(), "claims": "停止侵害。"}
    with pytest.raises(TransitionConflict):
        transition(matter=case, name="sue", access=act, data=suit)
    assert _expire(clock) == 1
    case.refresh_from_db()
    assert case.state == "announced"
    ended = Clock.objects.get(pk=clock.pk)
    assert ended.state == Clock.State.STOPPED and ended.stopped_on == ended.due_on
    assert ended.met_in_time  # the period ran its course: not "late"
    assert Notification.objects.filter(recipient=handler, matter=case).exists()
    transition(matter=case, name="sue", access=act, data=suit)
    assert approve_all(case).state == "litigation"


def test_when_an_entitled_organ_sues_the_civil_case_closes(kangbashi, handler) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue()
    case = filed_case(accepted_case(clue, kind="civil"), by=handler)
    act = access_for(handler)
    transition(matter=case, name="announce", access=act, data={"announcement": "公告。"})
    transition(
        matter=case,
        name="organ_sued",
        access=act,
        data={"note": "中华环保联合会已向大同市中级人民法院提起诉讼。"},
    )
    case.refresh_from_db()
    assert case.state == "announcing" and case.awaiting_approval  # awaits the chief
    case = approve_all(case)
    assert case.state == "organ_sued" and case.is_closed
    assert Clock.objects.get(matter=case).state == Clock.State.STOPPED
    progress = progress_for_code(clue.query_code)
    assert progress is not None and progress.case_state == "organ_sued"


def test_the_workflows_are_declared_as_data() -> None:
    assert ADMIN_CASE.model == CIVIL_CASE.model == "publicinterest.PILCase"
    assert ADMIN_CASE.case_code == "行公" and CIVIL_CASE.case_code == "民公"
    assert RECOMMENDATION.clocks["reply"].period == "pil.recommendation_reply"
    assert RECOMMENDATION.clocks["reply"].urgent_period == "pil.recommendation_reply_urgent"
    assert PRE_LITIGATION.workflow == RECOMMENDATION.name and PRE_LITIGATION.chief_approves
    assert PRE_LITIGATION.period_for(urgent=False) == "pil.recommendation_reply"
    assert PRE_LITIGATION.period_for(urgent=True) == "pil.recommendation_reply_urgent"
    assert CIVIL_CASE.clocks["announcement"].period == "pil.civil_announcement"
    assert ADMIN_CASE.transition("receive_reply").automatic
    assert RECOMMENDATION.clocks["reply"].on_expiry == "lapse"
    assert CIVIL_CASE.clocks["announcement"].on_expiry == "announcement_ends"
    assert {t.name for t in ADMIN_CASE.transitions_from("follow_up")} == {
        "close_rectified",
        "sue",
        "terminate",
    }
