"""Duplicate suggestions for the clue officers, with their reasons, and merging a clue into
another: its reporters join the other clue's, its query code follows."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from liaison.core.access import access_for
from liaison.core.tests.factories import UserFactory
from liaison.notifications.models import Notification
from liaison.orgs.models import Organisation
from liaison.publicinterest.duplicates import (
    duplicate_suggestions,
    shared_pairs,
    similarity,
)
from liaison.publicinterest.models import Clue
from liaison.publicinterest.selectors import progress_for_code
from liaison.workflow.actions import transition
from liaison.workflow.errors import TransitionForbidden, TransitionInvalid, WorkflowError
from liaison.workflow.models import MatterParty, TimelineEvent

from .factories import (
    CIVIL,
    KANGBASHI,
    ORDOS,
    added_report,
    clue_officer,
    field,
    procuratorate,
    prosecutor,
    reported_clue,
)

pytestmark = pytest.mark.django_db

POINT = {
    "latitude": Decimal("39.608000"),
    "longitude": Decimal("109.781000"),
    "coordinate_system": "wgs84",
}
NEAR = {
    "latitude": Decimal("39.609000"),
    "longitude": Decimal("109.781000"),
    "coordinate_system": "wgs84",
}
FAR = {
    "latitude": Decimal("39.700000"),
    "longitude": Decimal("109.781000"),
    "coordinate_system": "wgs84",
}
BLACK_RIVER = "青春山湿地公园东侧河道有企业偷排污水，河水发黑发臭，鱼都死了。"
SAME_RIVER = "湿地公园东侧的河道里有人偷排污水，河水发黑发臭。"
OTHER_PROBLEM = "学校门口的小卖部向未成年人出售香烟和酒。"


@pytest.fixture
def kangbashi() -> Organisation:
    return procuratorate(name="鄂尔多斯市康巴什区人民检察院", abbreviation="康检")


@pytest.fixture
def officer(kangbashi):  # type: ignore[no-untyped-def]
    return clue_officer(kangbashi)


def _merge(clue: Clue, officer, **data):  # type: ignore[no-untyped-def]
    return transition(matter=clue, name="merge", access=access_for(officer), data=data)


# -- similarity ----------------------------------------------------------------------------------

texts = st.text(alphabet="河水发黑臭偷排污企业湿地公园煤场扬尘abc ，。", max_size=40)


@given(texts, texts)
def test_similarity_is_symmetric_and_between_nought_and_one(a: str, b: str) -> None:
    assert similarity(a, b) == similarity(b, a)
    assert 0.0 <= similarity(a, b) <= 1.0


@given(texts)
def test_a_text_is_wholly_like_itself(a: str) -> None:
    assert similarity(a, a) == (1.0 if any(ch.isalnum() for ch in a) else 0.0)


def test_reports_of_one_problem_are_more_alike_than_of_another() -> None:
    assert similarity(BLACK_RIVER, SAME_RIVER) > 0.3
    assert similarity(BLACK_RIVER, OTHER_PROBLEM) < 0.05
    assert similarity("ＡＢＣ", "abc") == 1.0  # full width and case folded
    assert similarity("", BLACK_RIVER) == 0.0
    assert shared_pairs(BLACK_RIVER, SAME_RIVER)[:3] == ["湿地", "地公", "公园"]


# -- suggestions ---------------------------------------------------------------------------------


def test_suggestions_rank_the_same_problem_first_and_say_why(kangbashi) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue(description=BLACK_RIVER, **POINT)
    same = reported_clue(description=SAME_RIVER, **NEAR)
    other = reported_clue(description=OTHER_PROBLEM, **NEAR)
    suggestions = duplicate_suggestions(clue)
    assert [s.clue for s in suggestions] == [same, other]
    best = suggestions[0]
    assert 100 < best.distance_m < 120 and best.days_apart == 0
    reasons = " ".join(best.reasons)
    assert "相距 111 米" in reasons and "同一领域" in reasons and "相隔 0 天" in reasons
    assert "湿地" in reasons and "45%" in reasons


def test_suggestions_leave_out_other_fields_procuratorates_decided_far_and_old_clues(
    kangbashi, officer
) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue(description=BLACK_RIVER, **POINT)
    reported_clue(description=SAME_RIVER, field=field("food_drug"), **NEAR)
    decided = reported_clue(description=SAME_RIVER, **NEAR)
    transition(matter=decided, name="accept", access=access_for(officer), data=CIVIL)
    far = reported_clue(description=SAME_RIVER, at=KANGBASHI, **FAR)  # 10 km, but same district
    old = reported_clue(description=SAME_RIVER, **NEAR)
    Clue.objects.filter(pk=old.pk).update(created_at=clue.created_at - timedelta(days=200))
    procuratorate(ORDOS, level=Organisation.Level.MUNICIPAL)
    elsewhere = reported_clue(description=SAME_RIVER, at="150602", **NEAR)  # Ordos's clue
    found = [s.clue for s in duplicate_suggestions(clue)]
    assert found == [far]  # the same district still counts; nothing else does
    assert elsewhere.owner_id != clue.owner_id


def test_clues_without_a_point_are_compared_by_their_district(kangbashi) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue(description=BLACK_RIVER)
    same = reported_clue(description=SAME_RIVER)
    [suggestion] = duplicate_suggestions(clue)
    assert suggestion.clue == same and suggestion.distance_m is None and suggestion.same_division
    assert "康巴什区" in " ".join(suggestion.reasons)


def test_the_clue_page_shows_suggestions_to_its_clue_officers_only(
    client, kangbashi, officer
) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue(description=BLACK_RIVER, **POINT)
    same = reported_clue(description=SAME_RIVER, **NEAR)
    url = reverse("workspace:matter", args=[clue.pk])
    client.force_login(officer)
    html = client.get(url).content.decode()
    assert 'data-testid="duplicates"' in html and same.case_number in html
    assert 'data-testid="merge-into"' in html
    client.force_login(prosecutor(kangbashi))
    html = client.get(url).content.decode()
    assert 'data-testid="duplicates"' not in html


def test_the_clue_page_costs_the_same_queries_with_one_suggestion_or_five(
    client, kangbashi, officer
) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue(description=BLACK_RIVER, **POINT)
    reported_clue(description=SAME_RIVER, **NEAR)
    url = reverse("workspace:matter", args=[clue.pk])
    client.force_login(officer)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(4):
        reported_clue(description=SAME_RIVER, **NEAR)
    with CaptureQueriesContext(connection) as five:
        html = client.get(url).content.decode()
    assert html.count('data-testid="duplicate"') == 5
    assert len(five) == len(one), [q["sql"] for q in five.captured_queries]


# -- merging -------------------------------------------------------------------------------------


def test_merging_moves_the_reporters_and_the_query_code_follows(client, kangbashi, officer) -> None:  # type: ignore[no-untyped-def]
    first, second = UserFactory(), UserFactory()
    target = reported_clue(description=BLACK_RIVER, anonymous=False, reporter=first, **POINT)
    clue = reported_clue(description=SAME_RIVER, anonymous=False, reporter=second, **NEAR)
    added_report(clue, reporter=UserFactory(), description="我也看见了，河水发黑，气味很大。")
    client.force_login(officer)
    response = client.post(
        reverse("workspace:transition", args=[clue.pk, "merge"]), {"target": target.pk}
    )
    assert response.status_code == 302
    clue.refresh_from_db()
    assert clue.state == "merged" and clue.merged_into == target and clue.is_closed
    reporters = set(
        MatterParty.objects.filter(matter=target, relation="reporter").values_list(
            "person_id", flat=True
        )
    )
    assert {first.pk, second.pk} <= reporters and len(reporters) == 3
    assert Notification.objects.filter(recipient=second, event="publicinterest.clue.merge").exists()
    assert TimelineEvent.objects.filter(
        matter=target, action="publicinterest.clue.merged_in", note=clue.case_number
    ).exists()
    # the old code shows "merged" and the other clue's progress, then its outcome
    progress = progress_for_code(clue.query_code)
    assert progress is not None and progress.merged and progress.state == "submitted"
    assert not progress.transferred
    transition(matter=target, name="accept", access=access_for(officer), data=CIVIL)
    progress = progress_for_code(clue.query_code)
    assert progress.state == "accepted" and progress.case_state == "opened"  # type: ignore[union-attr]
    page = client.get(reverse("publicinterest:progress"), {"code": clue.query_code}).content
    assert b'data-testid="progress-merged"' in page
    # the second reporter is told of the acceptance too
    assert Notification.objects.filter(
        recipient=second, event="publicinterest.clue.accept"
    ).exists()
    # the pages link the two
    assert (
        target.case_number
        in client.get(reverse("workspace:matter", args=[clue.pk])).content.decode()
    )
    html = client.get(reverse("workspace:matter", args=[target.pk])).content.decode()
    assert 'data-testid="merged-clues"' in html and clue.case_number in html


def test_merging_by_query_code_or_case_number(kangbashi, officer) -> None:  # type: ignore[no-untyped-def]
    target = reported_clue(description=OTHER_PROBLEM)
    by_code = reported_clue()
    by_number = reported_clue()
    _merge(by_code, officer, code=target.query_code_display.lower())
    _merge(by_number, officer, code=target.case_number)
    assert set(Clue.objects.filter(merged_into=target)) == {by_code, by_number}


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"code": "NOTAC-ODE00"},
        {"code": "nonsense"},
        {"target": "999999"},
        {"target": "abc"},
    ],
)
def test_a_merge_without_a_valid_target_is_refused(kangbashi, officer, data) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue()
    with pytest.raises(TransitionInvalid):
        _merge(clue, officer, **data)
    clue.refresh_from_db()
    assert clue.state == "submitted"


def test_a_merge_into_itself_a_decided_clue_or_another_procuratorates_is_refused(
    kangbashi, officer
) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue()
    decided = reported_clue()
    transition(matter=decided, name="accept", access=access_for(officer), data=CIVIL)
    with pytest.raises(TransitionInvalid):
        _merge(clue, officer, code=clue.case_number)  # itself: not found among the others
    with pytest.raises(TransitionInvalid):
        _merge(clue, officer, code=decided.case_number)
    with pytest.raises(WorkflowError):  # a decided clue passed as if suggested: the step checks
        from liaison.publicinterest.actions import clue_merge

        clue_merge(clue=clue, target=decided, access=access_for(officer))
    ordos = procuratorate(ORDOS, level=Organisation.Level.MUNICIPAL)
    theirs = reported_clue(at="150602")
    assert theirs.owner == ordos
    with pytest.raises(TransitionInvalid):
        _merge(clue, officer, code=theirs.case_number)
    clue.refresh_from_db()
    assert clue.state == "submitted" and clue.merged_into is None


def test_only_the_clue_officers_may_merge(client, kangbashi) -> None:  # type: ignore[no-untyped-def]
    target, clue = reported_clue(), reported_clue()
    with pytest.raises(TransitionForbidden):
        _merge(clue, prosecutor(kangbashi), target=target.pk)
    ordos = procuratorate(ORDOS, level=Organisation.Level.MUNICIPAL)
    client.force_login(clue_officer(ordos))
    url = reverse("workspace:transition", args=[clue.pk, "merge"])
    assert client.post(url, {"target": target.pk}).status_code == 404
    clue.refresh_from_db()
    assert clue.state == "submitted"


def test_a_merged_clue_takes_no_further_step_nor_additions(kangbashi, officer) -> None:  # type: ignore[no-untyped-def]
    from liaison.publicinterest.actions import ClueClosed
    from liaison.workflow.errors import TransitionConflict

    target, clue = reported_clue(), reported_clue()
    _merge(clue, officer, target=target.pk)
    with pytest.raises(TransitionConflict):
        transition(matter=clue, name="accept", access=access_for(officer), data=CIVIL)
    with pytest.raises(ClueClosed):
        added_report(clue)
