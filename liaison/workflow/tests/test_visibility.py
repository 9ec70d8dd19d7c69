"""Who sees which matter, and whose work it is: the one policy lists and pages use."""

import pytest
from django.http import Http404

from liaison.core.access import NOBODY, access_for
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.orgs.roles import Role
from liaison.workflow.actions import transition
from liaison.workflow.selectors import (
    available_transitions,
    get_matter_for,
    matters_visible_to,
    my_work,
    people_who_are,
)

from .factories import court, sent_notice

pytestmark = pytest.mark.django_db


def _ids(matters) -> list[int]:  # type: ignore[no-untyped-def]
    return [m.pk for m in matters]


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    procuratorate, the_court, other = OrganisationFactory(), court(), OrganisationFactory()
    prosecutor, judge = member(procuratorate, Role.PROSECUTOR), member(the_court, Role.JUDGE)
    outsider = member(other, Role.PROSECUTOR)
    notice = sent_notice(sender=procuratorate, recipient=the_court, author=prosecutor)
    return notice, prosecutor, judge, outsider


def test_owner_and_partner_staff_see_the_matter_others_get_404(world) -> None:  # type: ignore[no-untyped-def]
    notice, prosecutor, judge, outsider = world
    for user in (prosecutor, judge):
        assert get_matter_for(access_for(user), notice.pk) == notice
    with pytest.raises(Http404):
        get_matter_for(access_for(outsider), notice.pk)
    with pytest.raises(Http404):
        get_matter_for(NOBODY, notice.pk)
    with pytest.raises(Http404):
        get_matter_for(access_for(prosecutor), notice.pk + 1000)


def test_a_party_in_person_sees_it_without_a_staff_role(world) -> None:  # type: ignore[no-untyped-def]
    notice, *_ = world
    lawyer = member(OrganisationFactory(kind="law_firm"), Role.LAWYER)
    assert not matters_visible_to(access_for(lawyer)).filter(pk=notice.pk).exists()
    notice.parties.create(relation="handler", person=lawyer)
    assert matters_visible_to(access_for(lawyer)).filter(pk=notice.pk).exists()


def test_an_applicant_sees_the_matter_and_is_told_of_steps_naming_them(world) -> None:  # type: ignore[no-untyped-def]
    from liaison.workflow.definitions import Who

    notice, *_ = world
    lawyer = member(OrganisationFactory(kind="law_firm"), Role.LAWYER)
    other = member(OrganisationFactory(kind="law_firm"), Role.LAWYER)
    notice.parties.create(relation="applicant", person=lawyer)
    assert matters_visible_to(access_for(lawyer)).filter(pk=notice.pk).exists()
    assert not matters_visible_to(access_for(other)).filter(pk=notice.pk).exists()
    assert list(people_who_are(notice, [Who("applicant")])) == [lawyer]


def test_inactive_membership_sees_nothing(world) -> None:  # type: ignore[no-untyped-def]
    _notice, _prosecutor, judge, _outsider = world
    judge.memberships.update(is_active=False)
    assert not matters_visible_to(access_for(judge)).exists()


def test_my_work_holds_the_matters_where_the_user_can_act(world) -> None:  # type: ignore[no-untyped-def]
    notice, prosecutor, judge, outsider = world
    assert _ids(my_work(access_for(judge))) == [notice.pk]
    # the prosecutor handles it and may withdraw it, so it is his work too
    assert _ids(my_work(access_for(prosecutor))) == [notice.pk]
    assert _ids(my_work(access_for(outsider))) == []
    transition(matter=notice, name="answer", access=access_for(judge), data={"answer": "好"})
    assert _ids(my_work(access_for(judge))) == []


def test_my_work_agrees_with_available_transitions(world) -> None:  # type: ignore[no-untyped-def]
    notice, prosecutor, judge, outsider = world
    for user in (prosecutor, judge, outsider):
        access = access_for(user)
        assert (
            bool(available_transitions(access, notice))
            == my_work(access).filter(pk=notice.pk).exists()
        )


def test_my_work_puts_the_soonest_deadline_first(world) -> None:  # type: ignore[no-untyped-def]
    notice, prosecutor, judge, _ = world
    urgent = sent_notice(
        sender=notice.owner,
        recipient=notice.parties.get(relation="partner_org").organisation,
        author=prosecutor,
        urgent=True,
    )
    assert _ids(my_work(access_for(judge))) == [urgent.pk, notice.pk]


def test_my_work_is_one_query(world, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    _notice, _prosecutor, judge, _ = world
    access = access_for(judge)
    access.seats  # noqa: B018 - built once per request by the middleware
    with django_assert_num_queries(1):
        list(my_work(access))


def test_notifications_reach_the_right_people(world) -> None:  # type: ignore[no-untyped-def]
    from liaison.notices.workflows import HANDLER, RECIPIENT

    notice, prosecutor, judge, _outsider = world
    assert set(people_who_are(notice, (RECIPIENT,))) == {judge}
    assert set(people_who_are(notice, (HANDLER,))) == {prosecutor}
    assert set(people_who_are(notice, (RECIPIENT, HANDLER))) == {judge, prosecutor}


def test_the_steps_on_a_page_cost_one_query(world, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    """However many steps and relations a state has, the page asks the parties once."""
    notice, prosecutor, judge, _ = world
    for user in (prosecutor, judge):
        access = access_for(user)
        access.seats  # noqa: B018 - built once per request by the middleware
        with django_assert_num_queries(1):
            assert available_transitions(access, notice)
