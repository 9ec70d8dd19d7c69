"""Lawyers register with a validated licence number and a law firm, and act only once verified."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from liaison.accounts.models import User
from liaison.accounts.tests.registering import finish, texts
from liaison.audit.models import AuditRecord
from liaison.core.access import access_for
from liaison.lawyers.models import Lawyer
from liaison.notifications import sms
from liaison.notifications.models import Notification
from liaison.orgs.models import Membership, Organisation
from liaison.orgs.roles import Role
from liaison.workflow.actions import transition
from liaison.workflow.errors import TransitionForbidden
from liaison.workflow.selectors import my_work

from .factories import PASSWORD, bureau, case, lawyer, licence, procuratorate, staff, uscc

pytestmark = pytest.mark.django_db
__all__ = ["texts"]


def form_data(org: Organisation, **overrides: str) -> dict[str, str]:
    data = {
        "name": "高文博",
        "mobile": "139 0477 0001",
        "licence_number": "11506 2015 10 123456",
        "firm_name": "内蒙古树正律师事务所",
        "firm_uscc": uscc(901),
        "procuratorate": str(org.pk),
        "username": "gaowenbo",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


def test_a_lawyer_registers_and_waits_for_verification(client, texts) -> None:
    org = procuratorate()
    the_bureau = bureau(org)
    officer = staff(the_bureau, Role.BUREAU_OFFICER)
    response = finish(texts, client, reverse("lawyers:register"), form_data(org), "13904770001")
    assert response.status_code == 302 and response["Location"] == reverse("lawyers:home")
    lawyer_ = Lawyer.objects.get()
    assert lawyer_.licence_number == "11506201510123456"
    assert lawyer_.user.mobile == "13904770001"
    assert lawyer_.firm.kind == "law_firm" and lawyer_.firm.uscc == uscc(901)
    assert not lawyer_.is_verified
    registration = lawyer_.registrations.get()
    assert registration.state == "submitted" and registration.owner == org
    assert registration.parties.filter(relation="partner_org", organisation=the_bureau).exists()
    # the judicial bureau's officer finds it in "my work" and verifies
    assert registration.pk in [m.pk for m in my_work(access_for(officer))]
    page = client.get(reverse("lawyers:home")).content.decode()
    assert "awaiting verification" in page or "待核验" in page
    transition(matter=registration, name="verify", access=access_for(officer))
    lawyer_.refresh_from_db()
    assert lawyer_.is_verified and lawyer_.verified_by == officer
    assert Membership.objects.filter(
        person=lawyer_.user, organisation=lawyer_.firm, role=Role.LAWYER, is_active=True
    ).exists()
    assert AuditRecord.objects.filter(action="lawyers.registration.verify").exists()
    assert lawyer_.user.notifications.filter(event="lawyers.registration.verify").exists()


def test_an_existing_firm_is_found_by_its_credit_code() -> None:
    first = lawyer(firm_uscc=uscc(902))
    second = lawyer(firm_uscc=uscc(902))
    assert first.firm == second.firm
    assert Organisation.objects.filter(uscc=uscc(902)).count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("licence_number", "1150620151012345", "17"),
        ("licence_number", "19906201510123456", "province"),
        ("firm_uscc", "91350100M000100Y44", "check character"),
        ("mobile", "12345", "11"),
        ("password2", "something else entirely", "differ"),
    ],
)
def test_bad_registration_input_changes_nothing(client, field, value, message) -> None:
    org = procuratorate()
    data = form_data(org, **{field: value})
    response = client.post(reverse("lawyers:register"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'value="高文博"' in page  # what was typed is kept
    assert not Lawyer.objects.exists()
    assert not Organisation.objects.filter(kind="law_firm").exists()


def test_registration_does_not_tell_a_stranger_which_licence_numbers_are_registered(
    texts,
) -> None:
    """A registered and a free practising-certificate number get the same answers and neither
    stores anything; the registered lawyer is told, and no code reaches the stranger."""
    org = procuratorate()
    holder = lawyer(at=org)
    taken = holder.licence_number
    counts = (User.objects.count(), Lawyer.objects.count(), Organisation.objects.count())
    answers = []
    for number, name in ((taken, "gaowenbo"), ("11506 2015 10 123456", "gaowenbo2")):
        browser = Client()
        data = form_data(org, licence_number=number, username=name)
        started = texts(browser, reverse("lawyers:register"), data, HTTP_ACCEPT_LANGUAGE="en")
        page = browser.get(started["Location"], HTTP_ACCEPT_LANGUAGE="en")
        guess = texts(browser, started["Location"], {"code": "123456"}, HTTP_ACCEPT_LANGUAGE="en")
        answers.append(
            (started.status_code, started["Location"], page.status_code, guess.status_code)
        )
        answers.append(re.sub(r"[A-Za-z0-9]{64}", "TOKEN", page.content.decode()))
    assert answers[0] == answers[2] == (302, reverse("lawyers:register-confirm"), 200, 400)
    assert answers[1] == answers[3]
    assert (User.objects.count(), Lawyer.objects.count(), Organisation.objects.count()) == counts
    assert Notification.objects.filter(
        recipient=holder.user, event="accounts.registration.attempt"
    ).exists()
    assert [
        m.mobile for m in sms.outbox if "registration code" in m.text or "验证码" in m.text
    ] == ["13904770001"]  # one code: the free number's


def test_a_credit_code_of_another_kind_of_organisation_is_refused(client) -> None:
    org = procuratorate(uscc=uscc(903))
    response = client.post(
        reverse("lawyers:register"), form_data(org, firm_uscc=uscc(903)), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "not a law firm" in response.content.decode()


def test_an_unverified_lawyer_may_not_act() -> None:
    from liaison.lawyers.actions import booking_create

    from .factories import slot

    org = procuratorate()
    waiting = lawyer(at=org, verified=False)
    with pytest.raises(TransitionForbidden, match="verification"):
        booking_create(access=access_for(waiting.user), slot=slot(org), case=case(org))


def test_licence_numbers_in_the_factories_are_valid() -> None:
    from liaison.core.validators import validate_lawyer_licence

    validate_lawyer_licence(licence(1))
