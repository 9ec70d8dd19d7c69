"""The demo world loads, once, through the real actions; here, Datong's public-interest
volunteers (seed 004): registered, reporting, supervising a rectification and heard at a public
hearing, with the points each earned."""

import pytest

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.core.demo import load_demo
from liaison.core.demo.datong import DATONG_VOLUNTEERS
from liaison.hearings.models import Hearing
from liaison.notifications.models import Notification
from liaison.publicinterest.models import Clue, ClueSource, Observation, PILCase, Review
from liaison.publicinterest.selectors import cases_supervised_by
from liaison.volunteers.models import PointsReason
from liaison.volunteers.selectors import points_history, points_total

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once_with_datongs_volunteers_at_work() -> None:
    accounts = load_demo()
    assert load_demo() == accounts  # a second run changes nothing
    collector, supervisor, publicist = (
        User.objects.get(username=mobile) for _name, mobile, _roles in DATONG_VOLUNTEERS
    )
    for person, (name, _mobile, roles) in zip(
        (collector, supervisor, publicist), DATONG_VOLUNTEERS, strict=True
    ):
        assert person.name == name and person.resident_id
        assert set(person.volunteer.roles.values_list("role", flat=True)) == set(roles)
        assert person.memberships.get().organisation.name == "共青团大同市委员会青年志愿者协会"

    clue = Clue.objects.get(parties__person=collector)
    assert (clue.state, clue.source) == ("accepted", ClueSource.VOLUNTEER)
    case = PILCase.objects.get(pk=clue.case_id)
    assert case.state == "rectified"
    report = Observation.objects.get(author=supervisor)
    assert (report.case_id, report.review) == (case.pk, Review.ACCEPTED)
    assert report.photos.count() == 1
    supervised = cases_supervised_by(access_for(supervisor))
    assert {c.state for c in supervised} == {"rectified", "pre_litigation"}

    hearing = Hearing.objects.get(case=case)
    assert hearing.state == "closed"
    assert dict(hearing.participants.values_list("person", "invitation__state")) == {
        collector.pk: "attended",
        supervisor.pk: "absent",
        publicist.pk: "attended",
    }
    assert {e.reason for e in points_history(collector)} == {
        PointsReason.CLUE_ACCEPTED,
        PointsReason.HEARING_ATTENDED,
    }
    assert (points_total(collector), points_total(supervisor), points_total(publicist)) == (
        18,
        5,
        8,
    )
    assert Notification.objects.filter(
        recipient=collector, event="publicinterest.case.closed", matter=clue
    ).exists()


def test_the_demos_recommendations_went_through_approval() -> None:
    """Datong's filings and recommendations were approved by the department head and the chief
    procurator before they took effect; one recommendation awaits the chief's approval, and
    the bureau sees nothing of it."""
    from liaison.recommendations.models import Recommendation
    from liaison.workflow.models import ApprovalRequest, TimelineEvent
    from liaison.workflow.selectors import matters_visible_to, my_work

    load_demo()
    head, chief = User.objects.get(username="dt_head"), User.objects.get(username="dt_chief")
    datong = Recommendation.objects.filter(owner__name__contains="大同")
    served = datong.exclude(state="draft")
    assert {r.state for r in served} == {"replied", "served"}
    for recommendation in served:
        step = TimelineEvent.objects.get(matter=recommendation, transition="serve")
        assert step.data["approved_by"] == [head.name, chief.name]
    waiting = datong.get(state="draft")
    assert waiting.awaiting_approval
    assert ApprovalRequest.objects.get(matter=waiting, state="pending").level == 1
    assert waiting.pk in {m.pk for m in my_work(access_for(chief))}
    bureau = access_for(User.objects.get(username="dt_agency"))
    assert not matters_visible_to(bureau).filter(pk=waiting.pk).exists()


def test_the_demo_holds_the_five_seeds_agreements_in_force() -> None:
    from liaison.agreements.models import Agreement
    from liaison.agreements.selectors import liaison_persons_of

    load_demo()
    agreements = {a.title: a for a in Agreement.objects.all()}
    assert len(agreements) == 5
    sixian = agreements["关于完善民事执行活动法律监督协作配合机制的意见"]
    assert sixian.state == "in_force" and str(sixian.signed_on) == "2022-04-15"
    assert {p.organisation.name for p in sixian.parties.filter(relation="partner_org")} == {
        "泗县人民法院"
    }
    assert {u.username for u in liaison_persons_of(sixian).values()} == {
        "sx_prosecutor",
        "sx_enforcement",
    }
    assert all(
        a.attachments.filter(purpose="agreements.signed").exists() for a in agreements.values()
    )


def test_a_datong_suit_reached_the_court_and_was_judged() -> None:
    """The civil case sued before the Datong Intermediate People's Court once the chief
    procurator approved, registered there under the court's number, heard and judged; the court's
    judge sees it, the procuratorate's case follows."""
    from liaison.publicinterest.demo import COURT_CASE_NUMBER
    from liaison.workflow.models import TimelineEvent
    from liaison.workflow.selectors import sees

    load_demo()
    case = PILCase.objects.get(judgment_number=COURT_CASE_NUMBER)
    assert case.state == "judged" and case.judgment_document_id is not None
    assert case.court.name == "山西省大同市中级人民法院"
    assert case.court_hearings.count() == 2
    sue = TimelineEvent.objects.get(matter=case, transition="sue")
    assert sue.data["approved_by"] == [User.objects.get(username="dt_chief").name]
    assert sees(access_for(User.objects.get(username="dt_judge")), case)


def test_sixians_recommendations_to_its_court_one_in_time_one_late() -> None:
    """Seed 003: the Sixian procuratorate served two recommendations on the Sixian court through
    the real actions, one answered in time and one late, so the figures of the pair show both
    rates; the Chengzhong referral reached its public security branch, which filed it."""
    from liaison.courts.models import SupervisionCase
    from liaison.orgs.models import Organisation
    from liaison.recommendations.figures import received_figures, reply_figures_by_addressee

    load_demo()
    procuratorate = Organisation.objects.get(name="泗县人民检察院")
    court = Organisation.objects.get(name="泗县人民法院")
    received = received_figures(court)
    assert (received.in_time, received.late, received.adopted, received.not_adopted) == (
        1,
        1,
        1,
        1,
    )
    assert received.in_time_rate == 0.5 and received.adoption_rate == 0.5
    by_court = dict(reply_figures_by_addressee(procuratorate))
    assert (by_court["泗县人民法院"].in_time, by_court["泗县人民法院"].late) == (1, 1)
    referral = SupervisionCase.objects.get(police__name="西宁市公安局城中分局")
    assert referral.state == "filed"


def test_the_demo_reproduces_seed_002s_figures_for_wanzhi(client) -> None:  # type: ignore[no-untyped-def]
    """Seed 002: since 2021, 39 support-prosecution cases, 31 migrant workers helped to recover
    869,000 yuan, 8 elderly people and minors helped; read off the figures page itself."""
    from decimal import Decimal

    from django.urls import reverse

    from liaison.orgs.models import Organisation
    from liaison.supportprosecution.figures import figures_for

    load_demo()
    wanzhi = Organisation.objects.get(name="芜湖市湾沚区人民检察院")
    client.force_login(User.objects.get(username="wz_prosecutor"))
    page = client.get(
        reverse("supportprosecution:figures"), {"org": wanzhi.pk, "since": "2021-01-01"}
    )
    assert page.status_code == 200
    f = page.context["figures"]
    assert f.since.isoformat() == "2021-01-01" and f.scope == wanzhi
    assert figures_for(wanzhi, since=f.since, until=None).recovered == f.recovered
    assert (f.cases, f.migrant_workers, f.elderly_and_minors) == (39, 31, 8)
    assert f.recovered == Decimal("869000.00")
    assert f.group("migrant_workers").recovered == Decimal("869000.00")
    assert f.to_judgment_or_mediation == 39
    assert f.publicity_events >= 4
    html = page.content.decode()
    assert 'data-testid="cases-total">39<' in html
    assert 'data-testid="migrant-workers">31<' in html
    assert 'data-testid="elderly-and-minors">8<' in html
