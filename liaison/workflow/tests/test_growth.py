"""What the engine grew for public-interest cases: automatic steps that only the system takes,
parties added by a step, and a mechanism's own timeline events with names of its own."""

import pytest

from liaison.audit.models import AuditRecord
from liaison.core.access import SYSTEM, access_for
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.orgs.roles import Role
from liaison.workflow.actions import matter_comment, record_event
from liaison.workflow.definitions import ENGINE_EVENTS, Transition, Who, Workflow
from liaison.workflow.models import MatterParty, Relation
from liaison.workflow.opening import add_parties
from liaison.workflow.selectors import stands_as, timeline_of

from .factories import court, sent_notice

pytestmark = pytest.mark.django_db

STAFF = Who(Relation.OWNER_ORG)


def _workflow(*transitions: Transition, **extra: object) -> Workflow:
    return Workflow(
        name="test.growth",
        label="growth",
        model="notices.InformationNotice",
        case_code="测",
        states={"a": "a", "b": "b"},
        initial="a",
        final=frozenset({"b"}),
        transitions=list(transitions),
        **extra,  # type: ignore[arg-type]
    )


def test_an_automatic_step_names_nobody_and_a_manual_one_somebody() -> None:
    _workflow(Transition("go", "a", "b", label="go", who=(), automatic=True))
    with pytest.raises(ValueError, match="nobody may take it"):
        _workflow(Transition("go", "a", "b", label="go", who=()))
    with pytest.raises(ValueError, match="only the system"):
        _workflow(Transition("go", "a", "b", label="go", who=(STAFF,), automatic=True))


def test_a_clock_expires_into_an_automatic_step_of_its_workflow() -> None:
    from liaison.workflow.definitions import ClockSpec

    step = Transition("lapse", "a", "b", label="lapse", who=(), automatic=True)
    manual = Transition("go", "a", "b", label="go", who=(STAFF,))
    _workflow(step, manual, clocks={"c": ClockSpec("c", period="p", on_expiry="lapse")})
    for expiry in ("go", "nowhere"):
        with pytest.raises(ValueError, match="expires into no automatic step"):
            _workflow(step, manual, clocks={"c": ClockSpec("c", period="p", on_expiry=expiry)})


def test_adding_parties_twice_keeps_one_of_each() -> None:
    procuratorate = OrganisationFactory()
    author = member(procuratorate, Role.PROSECUTOR)
    notice = sent_notice(sender=procuratorate, author=author)
    other = court(name="另一法院")
    for _ in range(2):
        add_parties(matter=notice, partners=[other], handlers=[author])
    handlers = MatterParty.objects.filter(matter=notice, relation="handler")
    assert [p.person for p in handlers] == [author]
    assert MatterParty.objects.filter(matter=notice, organisation=other).count() == 1


def test_stands_as_asks_the_transitions_question_of_any_act() -> None:
    procuratorate = OrganisationFactory()
    author = member(procuratorate, Role.PROSECUTOR)
    notice = sent_notice(sender=procuratorate, author=author)
    clerk = member(procuratorate, Role.CASE_MANAGEMENT)
    handler = (Who(Relation.HANDLER),)
    assert stands_as(access_for(author), notice, handler)
    assert not stands_as(access_for(clerk), notice, handler)
    assert stands_as(access_for(clerk), notice, (STAFF,))
    assert stands_as(SYSTEM, notice, ())


def test_a_mechanisms_own_event_is_named_by_its_workflow(monkeypatch) -> None:
    procuratorate = OrganisationFactory()
    author = member(procuratorate, Role.PROSECUTOR)
    notice = sent_notice(sender=procuratorate, author=author)
    monkeypatch.setattr(notice.workflow, "events", {"notices.visit": "实地走访"})
    record_event(matter=notice, access=access_for(author), action="notices.visit", note=" 到访 ")
    last = timeline_of(notice)[-1]
    assert (last.label, last.event.note, last.event.actor) == ("实地走访", "到访", author)


def test_a_comment_is_one_of_the_engines_own_events_audited_once() -> None:
    procuratorate = OrganisationFactory()
    author = member(procuratorate, Role.PROSECUTOR)
    notice = sent_notice(sender=procuratorate, author=author)
    matter_comment(matter=notice, access=access_for(author), text=" 已电话联系 ")
    assert AuditRecord.objects.filter(action="workflow.comment").count() == 1
    last = timeline_of(notice)[-1]
    assert (last.event.action, last.event.note) == ("workflow.comment", "已电话联系")
    assert last.label == str(ENGINE_EVENTS["workflow.comment"])


def test_an_event_may_not_take_the_name_of_one_of_the_engines() -> None:
    with pytest.raises(ValueError, match="engine's own"):
        _workflow(
            Transition("go", "a", "b", label="go", who=(STAFF,)),
            events={"workflow.comment": "mine"},
        )


def test_a_sight_reads_only_steps_and_events_the_workflow_declares() -> None:
    """``Sight.reads``: what its holders read of the page's timeline, checked when built."""
    from liaison.workflow.definitions import Sight

    go = Transition("go", "a", "b", label="go", who=(STAFF,))
    partner = Who(Relation.PARTNER_ORG)
    _workflow(go, sights=(Sight(partner, frozenset({"a", "b"}), reads=frozenset({"go"})),))
    with pytest.raises(ValueError, match="reads unknown 'nowhere'"):
        _workflow(go, sights=(Sight(partner, frozenset({"a", "b"}), reads=frozenset({"nowhere"})),))
