"""The minimum age for volunteer roles: a setting of each volunteer organisation (18 unless it
says otherwise), stated on the registration page and asked, from the resident ID's birth date,
when a person registers, joins, takes on a role and is assigned to supervise a rectification."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.core.validators import resident_id_check_char
from liaison.publicinterest.selectors import supervisor_candidates
from liaison.publicinterest.supervision_actions import supervisor_assign
from liaison.publicinterest.tests.factories import filed_case, procuratorate, prosecutor
from liaison.volunteers.actions import volunteer_join, volunteer_set_roles
from liaison.volunteers.ages import age_on, birth_date, born_by, registration_minimum_age
from liaison.volunteers.models import OrganisationSettings, VolunteerRole
from liaison.workflow.errors import WorkflowError
from liaison.workflow.models import MatterParty, Relation

from .factories import PASSWORD, mobile, volunteer, youth_volunteers

URL = reverse("volunteers:register")


def born_on(day: date, n: int = 1) -> str:
    """A valid resident ID number of someone born on ``day``."""
    first17 = f"140200{day:%Y%m%d}{n % 1000:03d}"
    return first17 + resident_id_check_char(first17)


def sixteen(n: int = 1) -> str:
    """Sixteen today, and for a while yet."""
    today = timezone.localdate()
    return born_on(
        date(today.year - 16, 1, 1) if today.month > 1 else date(today.year - 17, 6, 1), n
    )


def eighteen_today(n: int = 1) -> str:
    day = born_by(18)
    return born_on(date(int(day[:4]), int(day[4:6]), int(day[6:])), n)


def _form(resident_id: str, n: int = 1) -> dict[str, str]:
    return {
        "name": "李小明",
        "mobile": mobile(900 + n),
        "resident_id": resident_id,
        "password1": PASSWORD,
        "password2": PASSWORD,
    }


# -- the pure parts ------------------------------------------------------------------------------


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.integers(0, 120))
def test_age_is_whole_years_and_born_by_is_its_boundary(born: date, years: int) -> None:
    try:
        birthday = born.replace(year=born.year + years)
    except ValueError:  # 29 February
        birthday = date(born.year + years, 3, 1)
    if birthday.year > 9998:
        return
    assert age_on(born, birthday) == years
    assert age_on(born, birthday - timedelta(days=1)) == years - 1
    # born on or before born_by(n, day) ⇔ aged n or more on that day
    assert (born.strftime("%Y%m%d") <= born_by(years, birthday)) == (
        age_on(born, birthday) >= years
    )


def test_the_birth_date_is_read_from_the_resident_id() -> None:
    assert birth_date("14020019950501001X") == date(1995, 5, 1)
    assert birth_date("") is None and birth_date("1402001995") is None


# -- registering ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_registration_page_states_the_minimum_age_in_both_languages(client) -> None:  # type: ignore[no-untyped-def]
    english = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "at least 18 years old" in english and 'data-testid="minimum-age"' in english
    chinese = client.get(URL, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "年满 18 周岁" in chinese


@pytest.mark.django_db
def test_a_sixteen_year_old_is_refused_with_what_they_typed_kept(client) -> None:  # type: ignore[no-untyped-def]
    response = client.post(URL, _form(sixteen()), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 400 and not User.objects.exists()
    assert "aged 18 or older" in html and "you are 16" in html
    assert 'value="李小明"' in html
    # the day they turn 18 they may
    assert client.post(URL, _form(eighteen_today(2), 2)).status_code == 302


@pytest.mark.django_db
def test_an_organisation_that_takes_sixteen_year_olds_vouches_for_its_own(client) -> None:  # type: ignore[no-untyped-def]
    young_league = youth_volunteers(name="某中学志愿服务队")
    OrganisationSettings.objects.create(organisation=young_league, minimum_age=16)
    adults_only = youth_volunteers()
    assert registration_minimum_age() == 16
    teen = volunteer(resident_id=sixteen())
    with pytest.raises(ValidationError) as refused:  # no organisation vouches for them yet
        volunteer_set_roles(person=teen, roles=[VolunteerRole.PUBLICIST])
    assert "roles" in refused.value.message_dict
    with pytest.raises(WorkflowError):
        volunteer_join(person=teen, organisation=adults_only)
    volunteer_join(person=teen, organisation=young_league)
    assert volunteer_set_roles(person=teen, roles=[VolunteerRole.PUBLICIST]) == {"publicist"}
    # giving roles up is always allowed
    OrganisationSettings.objects.filter(organisation=young_league).update(minimum_age=18)
    assert volunteer_set_roles(person=teen, roles=[]) == set()


@pytest.mark.django_db
def test_the_roles_form_refuses_with_a_message_and_nothing_changes(client) -> None:  # type: ignore[no-untyped-def]
    young_league = youth_volunteers(name="某中学志愿服务队")
    OrganisationSettings.objects.create(organisation=young_league, minimum_age=16)
    teen = volunteer(resident_id=sixteen())
    client.force_login(teen)
    response = client.post(
        reverse("volunteers:roles"),
        {"roles": [VolunteerRole.RECTIFICATION_SUPERVISOR]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400 and "aged 18 or older" in response.content.decode()
    assert not teen.volunteer.roles.exists()


# -- assigning -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_supervisor_under_the_minimum_is_neither_offered_nor_assigned() -> None:
    young_league = youth_volunteers(name="某中学志愿服务队")
    settings = OrganisationSettings.objects.create(organisation=young_league, minimum_age=16)
    teen = volunteer(resident_id=sixteen(), joins=young_league)
    volunteer_set_roles(person=teen, roles=[VolunteerRole.RECTIFICATION_SUPERVISOR])
    handler: Any = prosecutor(
        procuratorate(name="鄂尔多斯市康巴什区人民检察院", abbreviation="康检")
    )
    case = filed_case(by=handler)
    assert teen in supervisor_candidates(case)
    settings.minimum_age = 18  # the organisation raises its minimum
    settings.save()
    assert teen not in supervisor_candidates(case)
    with pytest.raises(WorkflowError) as refused:
        supervisor_assign(case=case, access=access_for(handler), person=teen)
    assert "18" in str(refused.value.message)
    assert not MatterParty.objects.filter(matter=case, relation=Relation.SUPERVISOR).exists()
