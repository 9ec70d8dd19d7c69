"""The mechanism's figures: what they count, whose they are (a procuratorate and everything below
it), and what they cost (the same few aggregate queries whatever the numbers)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, UserFactory, member
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind, Role
from liaison.orgs.selectors import figures_scope
from liaison.publicinterest.figures import figures_for
from liaison.publicinterest.supervision_actions import observation_file
from liaison.workflow.actions import transition
from liaison.workflow.models import Clock
from liaison.workflow.tests.factories import approve_all

from .factories import (
    CIVIL,
    accepted_case,
    agency,
    agency_officer,
    clue_officer,
    field,
    filed_case,
    procuratorate,
    prosecutor,
    recommended_case,
    reported_clue,
)

pytestmark = pytest.mark.django_db


def figure_scopes(access):  # type: ignore[no-untyped-def]
    """The procuratorates whose figures ``access`` sees (the figures page's scope)."""
    return figures_scope(access, kind=OrganisationKind.PROCURATORATE).order_by("path")


FIGURES = reverse("publicinterest:figures")
PINGCHENG, YUNGANG = "140213", "140214"  # 大同市平城区 (its own procuratorate), 云冈区 (none)


@pytest.fixture
def tree() -> dict[str, Organisation]:
    """Shanxi → Datong → Pingcheng, and Ordos beside them."""
    shanxi = procuratorate("140000", level=Organisation.Level.PROVINCIAL, abbreviation="晋检")
    datong = procuratorate(
        "140200", parent=shanxi, level=Organisation.Level.MUNICIPAL, abbreviation="同检"
    )
    pingcheng = procuratorate(PINGCHENG, parent=datong, abbreviation="平检")
    ordos = procuratorate("150600", level=Organisation.Level.MUNICIPAL, abbreviation="鄂检")
    return {"shanxi": shanxi, "datong": datong, "pingcheng": pingcheng, "ordos": ordos}


def _reply(recommendation, outcome: str = "rectified") -> None:  # type: ignore[no-untyped-def]
    transition(
        matter=recommendation,
        name="reply",
        access=access_for(agency_officer(recommendation.addressee)),
        data={"reply": "已整改。", "reply_outcome": outcome},
    )


def _world(tree) -> None:  # type: ignore[no-untyped-def]
    """At Datong: 5 clues (2 accepted, 1 not, 1 waiting, 1 transferred to Pingcheng); cases:
    one closed as rectified (reply in time), one sued (reply late), one civil being
    investigated. At Pingcheng: the transferred clue, waiting; at Ordos: one clue."""
    datong = tree["datong"]
    officer, handler = clue_officer(datong), prosecutor(datong)
    youth = OrganisationFactory(kind=OrganisationKind.VOLUNTEER_ORGANISATION)
    volunteer = member(youth, Role.VOLUNTEER)
    food = field("food_drug")

    rectified = filed_case(accepted_case(reported_clue(at=YUNGANG), officer=officer), by=handler)
    rectified, recommendation = recommended_case(rectified)
    _reply(recommendation)
    rectified.refresh_from_db()
    observation_file(
        case=rectified,
        author=handler,
        observed_on=timezone.localdate(),
        finding="rectified",
        note="已整改到位。",
    )
    transition(
        matter=rectified,
        name="close_rectified",
        access=access_for(handler),
        data={"note": "整改到位。"},
    )
    approve_all(rectified)

    sued = filed_case(
        accepted_case(
            reported_clue(at=YUNGANG, anonymous=False, reporter=volunteer), officer=officer
        ),
        by=handler,
    )
    sued, late = recommended_case(sued)
    Clock.objects.filter(matter=late).update(due_on=timezone.localdate() - timedelta(days=1))
    _reply(late, outcome="disagrees")
    sued.refresh_from_db()
    transition(
        matter=sued,
        name="sue",
        access=access_for(handler),
        data={
            "court": OrganisationFactory(kind=OrganisationKind.COURT).pk,
            "suit_filed_on": timezone.localdate(),
            "claims": "责令履职。",
        },
    )
    approve_all(sued)  # the chief procurator approves the suit
    filed_case(accepted_case(reported_clue(at=YUNGANG, field=food), kind="civil"), by=handler)
    transition(
        matter=reported_clue(at=YUNGANG),
        name="reject",
        access=access_for(officer),
        data={"note": "不属于公益诉讼范围。"},
    )
    reported_clue(at=YUNGANG)  # waiting
    transition(
        matter=reported_clue(at=YUNGANG),
        name="transfer",
        access=access_for(officer),
        data={"target": tree["pingcheng"].pk},
    )
    reported_clue(at="150600")  # Ordos


def test_the_figures_of_a_municipal_procuratorate_include_those_below_it(tree) -> None:  # type: ignore[no-untyped-def]
    _world(tree)
    figures = figures_for(tree["datong"])
    clues = figures.clues
    assert (clues.total, clues.submitted, clues.accepted, clues.rejected, clues.transferred) == (
        7,
        2,  # the one waiting at Datong, and the transferred one waiting at Pingcheng
        3,
        1,
        1,
    )
    assert clues.acceptance_rate == pytest.approx(3 / 4)
    sources = {t.label: t.total for t in figures.by_source}
    assert sources == {
        "群众举报": 5,
        "志愿者举报": 1,
        "其他检察院移送": 1,
    }
    fields = {t.label: (t.total, t.accepted) for t in figures.by_field}
    assert fields == {"生态环境和资源保护": (6, 2), "食品药品安全": (1, 1)}
    stages = {(s.state, s.n) for s in figures.stages}
    assert stages == {("rectified", 1), ("litigation", 1), ("investigating", 1)}
    assert figures.cases == 3
    assert (figures.in_time, figures.late, figures.waiting, figures.overdue) == (1, 1, 0, 0)
    assert figures.in_time_rate == pytest.approx(1 / 2)
    # the agency's answers: rectified (adopted) and disagrees (not adopted)
    assert (figures.adopted, figures.partly, figures.not_adopted) == (1, 0, 1)
    assert figures.adoption_rate == pytest.approx(1 / 2)
    assert (figures.rectified, figures.sued) == (1, 1)
    assert figures.rectification_rate == pytest.approx(1 / 2)


def test_each_procuratorate_sees_its_own_and_what_is_below(tree) -> None:  # type: ignore[no-untyped-def]
    _world(tree)
    assert figures_for(tree["pingcheng"]).clues.total == 1
    assert figures_for(tree["shanxi"]).clues.total == 7
    assert figures_for(tree["ordos"]).clues.total == 1
    assert figures_for(tree["pingcheng"]).cases == 0
    below = [tree["shanxi"], tree["datong"], tree["pingcheng"]]
    rows = figures_for(tree["shanxi"], below=below).by_procuratorate
    assert [(org, tally.total, cases) for org, tally, cases in rows] == [
        (tree["datong"], 6, 3),
        (tree["pingcheng"], 1, 0),
    ]


def test_waiting_and_overdue_replies(tree) -> None:  # type: ignore[no-untyped-def]
    handler = prosecutor(tree["datong"])
    recommended_case(filed_case(accepted_case(reported_clue(at=YUNGANG)), by=handler))
    _case, overdue = recommended_case(
        filed_case(accepted_case(reported_clue(at=YUNGANG)), by=handler)
    )
    Clock.objects.filter(matter=overdue).update(due_on=timezone.localdate() - timedelta(days=3))
    figures = figures_for(tree["datong"])
    assert (figures.in_time, figures.late, figures.waiting, figures.overdue) == (0, 0, 1, 1)
    assert figures.in_time_rate == 0
    assert figures.rectification_rate is None  # nothing has ended its pre-litigation procedure


def test_a_year_counts_what_was_reported_or_opened_that_year(tree) -> None:  # type: ignore[no-untyped-def]
    _world(tree)
    this_year = timezone.localdate().year
    assert figures_for(tree["datong"], year=this_year).clues.total == 7
    last_year = figures_for(tree["datong"], year=this_year - 1)
    assert (last_year.clues.total, last_year.cases, last_year.answered) == (0, 0, 0)


def test_whose_figures_a_user_may_see(tree) -> None:  # type: ignore[no-untyped-def]
    datong_staff = member(tree["datong"], Role.CASE_MANAGEMENT)
    assert list(figure_scopes(access_for(datong_staff))) == [tree["datong"], tree["pingcheng"]]
    pingcheng_staff = member(tree["pingcheng"], Role.PROSECUTOR)
    assert list(figure_scopes(access_for(pingcheng_staff))) == [tree["pingcheng"]]
    bureau_officer = agency_officer(agency(name="大同市生态环境局"))
    assert not figure_scopes(access_for(bureau_officer)).exists()
    court = OrganisationFactory(kind=OrganisationKind.COURT)
    assert not figure_scopes(access_for(member(court, Role.JUDGE))).exists()


def test_the_page_shows_the_figures_and_drills_down(client, tree) -> None:  # type: ignore[no-untyped-def]
    _world(tree)
    client.force_login(member(tree["shanxi"], Role.CHIEF_PROCURATOR))
    html = client.get(FIGURES).content.decode()
    assert 'data-testid="clue-total">7<' in html
    assert 'data-testid="acceptance-rate">75%<' in html
    assert 'data-testid="rectification-rate">50%<' in html
    assert 'data-testid="in-time-rate">50%<' in html
    assert 'data-testid="adoption-rate">50%<' in html
    assert "整改到位结案" in html and "志愿者举报" in html
    assert f"?org={tree['pingcheng'].pk}" in html  # the breakdown links down the tree
    html = client.get(FIGURES, {"org": tree["pingcheng"].pk, "year": ""}).content.decode()
    assert 'data-testid="clue-total">1<' in html
    assert client.get(FIGURES, {"org": tree["ordos"].pk}).status_code == 400
    assert client.get(FIGURES, {"org": tree["datong"].pk, "year": "1999"}).status_code == 400


def test_who_is_not_at_a_procuratorate_gets_a_clear_refusal(client, tree) -> None:  # type: ignore[no-untyped-def]
    for user in (agency_officer(agency()), UserFactory()):
        client.force_login(user)
        response = client.get(FIGURES)
        assert response.status_code == 403
        assert "检察院" in response.content.decode()


def test_the_figures_cost_the_same_queries_for_more_data(client, tree) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member(tree["shanxi"], Role.CHIEF_PROCURATOR))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(FIGURES).status_code == 200
        return len(queries)

    empty = count()
    _world(tree)
    few = count()
    handler = prosecutor(tree["datong"])
    for _ in range(3):
        recommended_case(filed_case(accepted_case(reported_clue(at=YUNGANG)), by=handler))
        accepted_case(reported_clue(at=PINGCHENG), **CIVIL)
        reported_clue(at=YUNGANG, field=field("food_drug"))
    assert count() == few == empty
    assert few <= 12


def test_active_volunteers_reported_supervised_or_attended_in_the_last_90_days(tree) -> None:  # type: ignore[no-untyped-def]
    from liaison.hearings.actions import hearing_invite, hearing_respond
    from liaison.hearings.models import HearingRole
    from liaison.hearings.tests.factories import make_it_the_hearing_day, scheduled_hearing
    from liaison.publicinterest.supervision_actions import supervisor_assign
    from liaison.volunteers.tests.factories import volunteer, youth_volunteers
    from liaison.workflow.models import Matter

    from .factories import followed_up_case, supervisor

    datong = tree["datong"]
    handler = prosecutor(datong)
    youth = youth_volunteers()
    reporter, again = volunteer(name="宋柳金", joins=youth), volunteer(name="王浩", joins=youth)
    reported_clue(at=YUNGANG, anonymous=False, reporter=reporter)
    reported_clue(at=PINGCHENG, anonymous=False, reporter=reporter)  # counts once
    reported_clue(at=YUNGANG, anonymous=False, reporter=again)
    long_ago = reported_clue(at=YUNGANG, anonymous=False, reporter=volunteer(name="旧人"))
    Matter.objects.filter(pk=long_ago.pk).update(created_at=timezone.now() - timedelta(days=91))
    reported_clue(at=YUNGANG, anonymous=True, reporter=volunteer(name="匿名"))  # no reporter
    reported_clue(at="150600", anonymous=False, reporter=volunteer(name="鄂尔多斯"))

    case = followed_up_case(filed_case(accepted_case(reported_clue(at=YUNGANG)), by=handler))
    watcher = supervisor(name="李静怡")
    supervisor_assign(case=case, access=access_for(handler), person=watcher)
    observation_file(
        case=case, author=watcher, observed_on=timezone.localdate(), finding="partly", note="。"
    )
    observation_file(  # staff are not volunteers
        case=case, author=handler, observed_on=timezone.localdate(), finding="partly", note="。"
    )

    hearing = scheduled_hearing(by=handler, case=case)
    present, absent = volunteer(name="到场", joins=youth), volunteer(name="缺席", joins=youth)
    for person in (present, absent):
        hearing_invite(
            hearing=hearing, access=access_for(handler), person=person, role=HearingRole.VOLUNTEER
        )
        participant = hearing.participants.get(person=person)
        hearing_respond(participant=participant, access=access_for(person), accept=True)
    transition(matter=hearing, name="announce", access=access_for(handler))
    make_it_the_hearing_day(hearing)
    transition(
        matter=hearing,
        name="hold",
        access=access_for(handler),
        data={"attended": [hearing.participants.get(person=present).pk], "opinions": "同意。"},
    )

    # reporter, again, the supervisor and the one present
    assert figures_for(tree["datong"]).active_volunteers == 4
    assert figures_for(tree["shanxi"]).active_volunteers == 4
    assert figures_for(tree["pingcheng"]).active_volunteers == 1
    assert figures_for(tree["ordos"]).active_volunteers == 1


def test_the_charts_draw_what_the_tables_say(client, tree) -> None:  # type: ignore[no-untyped-def]
    _world(tree)
    charts = figures_for(tree["datong"]).charts()
    assert charts["fields"]["labels"] == ["生态环境和资源保护", "食品药品安全"]
    series = {s["name"]: s["data"] for s in charts["fields"]["series"]}
    assert series["已受理"] == [2, 1] and series["不予受理"] == [1, 0]
    assert {s["name"]: s["value"] for s in charts["sources"]}["志愿者举报"] == 1
    assert sum(sum(s["data"]) for s in charts["stages"]["series"]) == 3
    client.force_login(member(tree["shanxi"], Role.CHIEF_PROCURATOR))
    html = client.get(FIGURES).content.decode()
    assert 'id="figure-charts"' in html and 'data-testid="chart-by-field"' in html
    assert "/static/vendor/echarts/echarts.min.js" in html
    assert 'data-testid="by-field"' in html  # the table stays beside the chart
    assert "http://" not in html.replace("http://testserver", "")
    assert "https://" not in html
