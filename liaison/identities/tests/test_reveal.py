"""The one masked, audited look at who a private person on a matter is, for every subject that a
mechanism registers: a clue's reporter, the reporter of a report added to it, a petitioner.

Masked to everyone who sees the matter; revealed only to those the subject's rule entitles;
every look, and every refused one, audited with who looked, at whom, on which matter and why.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from liaison.audit.models import AuditRecord
from liaison.core.access import access_for
from liaison.core.masking import mask_id_number
from liaison.core.tests.factories import UserFactory, member
from liaison.identities import reveal
from liaison.identities.reveal import (
    Identity,
    ReasonRequired,
    RevealRefused,
    Subject,
    identity_reveal,
    masked,
    subject_for,
)
from liaison.lawyers.tests.factories import lawyer
from liaison.orgs.models import Organisation
from liaison.orgs.roles import Role
from liaison.petitions.tests import factories as petitions
from liaison.publicinterest.models import Clue
from liaison.publicinterest.tests.factories import (
    ORDOS,
    added_report,
    clue_officer,
    procuratorate,
    reported_clue,
)
from liaison.workflow.actions import transition
from liaison.workflow.tests.factories import sent_notice

pytestmark = pytest.mark.django_db


def _url(matter: Any, subject: str, item: Any = None) -> str:
    if item is None:
        return reverse("identities:reveal", args=[matter.pk, subject])
    return reverse("identities:reveal-item", args=[matter.pk, subject, item.pk])


def _looks(action: str) -> Any:
    return AuditRecord.objects.filter(action=action)


@pytest.fixture
def kangbashi() -> Organisation:
    return procuratorate(name="鄂尔多斯市康巴什区人民检察院", abbreviation="康检")


# -- a clue's reporter ---------------------------------------------------------------------------


def test_the_clue_page_masks_the_reporter_and_offers_the_officer_the_look(
    client,  # type: ignore[no-untyped-def]
    kangbashi,
) -> None:
    clue = reported_clue(anonymous=False)
    officer = clue_officer(kangbashi)
    client.force_login(officer)
    page = client.get(reverse("workspace:matter", args=[clue.pk])).content.decode()
    assert "王**" in page and "139****5678" in page
    assert "王小明" not in page and "13912345678" not in page
    assert _url(clue, "reporter") in page and 'data-testid="show-reporter"' in page
    assert not _looks("publicinterest.reporter.view").exists()  # masked costs no look


def test_a_clue_officer_sees_the_reporter_and_every_look_is_audited(client, kangbashi) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue(anonymous=False)
    officer = clue_officer(kangbashi)
    client.force_login(officer)
    html = client.get(_url(clue, "reporter")).content.decode()
    assert "王小明" in html and "13912345678" in html and "<html" in html
    partial = client.get(_url(clue, "reporter"), HTTP_HX_REQUEST="true").content.decode()
    assert "王小明" in partial and "<html" not in partial
    assert 'data-testid="show-reporter"' not in partial  # revealed: nothing more to ask
    old = client.get(reverse("publicinterest:reporter", args=[clue.pk]))  # the old address
    assert old.status_code == 200 and "王小明" in old.content.decode()
    looks = _looks("publicinterest.reporter.view").filter(object_id=str(clue.pk))
    assert looks.count() == 3 and {r.actor for r in looks} == {officer}
    assert looks.first().payload == {  # type: ignore[union-attr]
        "subject": "reporter",
        "case_number": clue.case_number,
        "anonymous": False,
    }


@pytest.mark.parametrize("role", [Role.PROSECUTOR, Role.CHIEF_PROCURATOR, Role.LIAISON])
def test_the_procuratorates_other_staff_are_refused_and_the_refusal_audited(
    client,  # type: ignore[no-untyped-def]
    kangbashi,
    role,
) -> None:
    clue = reported_clue(anonymous=False)
    colleague = member(kangbashi, role)
    client.force_login(colleague)
    page = client.get(reverse("workspace:matter", args=[clue.pk])).content.decode()
    assert "王**" in page and _url(clue, "reporter") not in page
    response = client.get(_url(clue, "reporter"))
    html = response.content.decode()
    assert response.status_code == 403
    assert "只有" in html and "王**" in html and "王小明" not in html and "13912345678" not in html
    refused = _looks("publicinterest.reporter.refused").get()
    assert refused.actor == colleague and refused.object_id == str(clue.pk)
    assert not _looks("publicinterest.reporter.view").exists()


def test_a_stranger_gets_404_and_nothing_is_recorded(client, kangbashi) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue(anonymous=False)
    client.force_login(clue_officer(procuratorate(ORDOS, level=Organisation.Level.MUNICIPAL)))
    assert client.get(_url(clue, "reporter")).status_code == 404
    assert not AuditRecord.objects.filter(action__startswith="publicinterest.reporter").exists()


def test_an_anonymous_visitor_is_sent_to_log_in(client, kangbashi) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue(anonymous=False)
    response = client.get(_url(clue, "reporter"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not AuditRecord.objects.filter(action__startswith="publicinterest.reporter").exists()


def test_the_reporter_themselves_is_not_shown_their_identity_here(client, kangbashi) -> None:  # type: ignore[no-untyped-def]
    citizen = UserFactory(name="王小明")
    clue = reported_clue(anonymous=False, reporter=citizen)
    client.force_login(citizen)
    assert client.get(_url(clue, "reporter")).status_code == 403
    assert _looks("publicinterest.reporter.refused").get().actor == citizen


def test_an_anonymous_report_offers_no_look_and_a_look_shows_nobody(client, kangbashi) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue(anonymous=True)
    client.force_login(clue_officer(kangbashi))
    page = client.get(reverse("workspace:matter", args=[clue.pk])).content.decode()
    assert 'data-testid="show-reporter"' not in page
    html = client.get(_url(clue, "reporter"), HTTP_HX_REQUEST="true").content.decode()
    assert "匿名" in html or "Anonymous" in html
    assert _looks("publicinterest.reporter.view").get().payload["anonymous"] is True


def test_after_a_transfer_only_the_new_procuratorates_officers_look(client, kangbashi) -> None:  # type: ignore[no-untyped-def]
    officer = clue_officer(kangbashi)
    ordos = procuratorate(ORDOS, level=Organisation.Level.MUNICIPAL)
    clue = reported_clue(anonymous=False)
    transition(matter=clue, name="transfer", access=access_for(officer), data={"target": ordos.pk})
    moved = Clue.objects.get(transferred_from=clue)
    client.force_login(officer)
    assert client.get(_url(clue, "reporter")).status_code == 403
    client.force_login(clue_officer(ordos))
    assert "王小明" in client.get(_url(moved, "reporter")).content.decode()
    page = client.get(reverse("workspace:matter", args=[moved.pk])).content.decode()
    assert clue.case_number in page  # where it came from


# -- the reporter of a report added to a clue -----------------------------------------------------


def test_who_added_a_report_is_masked_then_looked_at_by_the_officer(client, kangbashi) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue()
    addition = added_report(clue)
    officer = clue_officer(kangbashi)
    client.force_login(officer)
    page = client.get(reverse("workspace:matter", args=[clue.pk])).content.decode()
    assert "李*" in page and "李四" not in page and _url(clue, "reporter", addition) in page
    response = client.get(_url(clue, "reporter", addition), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "李四" in response.content.decode()
    assert f'id="reporter-{addition.pk}"' in response.content.decode()
    old = reverse("publicinterest:addition-reporter", args=[clue.pk, addition.pk])
    assert "李四" in client.get(old).content.decode()
    looks = _looks("publicinterest.reporter.view")
    assert looks.count() == 2 and all(r.payload["item"] == addition.pk for r in looks)


def test_only_the_clue_officers_may_see_who_added_a_report(client, kangbashi) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue()
    addition = added_report(clue)
    client.force_login(member(kangbashi, Role.PROSECUTOR))
    refused = client.get(_url(clue, "reporter", addition))
    assert refused.status_code == 403 and "李四" not in refused.content.decode()
    assert _looks("publicinterest.reporter.refused").get().payload["item"] == addition.pk


def test_an_item_of_another_matter_or_an_unknown_subject_is_404(client, kangbashi) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue()
    addition = added_report(clue)
    other = reported_clue(description="另一条线索，与这条补充无关，描述足够长。")
    client.force_login(clue_officer(kangbashi))
    assert client.get(_url(other, "reporter", addition)).status_code == 404
    assert client.get(_url(clue, "petitioner")).status_code == 404
    assert not AuditRecord.objects.filter(action__startswith="publicinterest.reporter").exists()


# -- a petitioner ---------------------------------------------------------------------------------


@pytest.fixture
def petition_world() -> dict[str, Any]:
    org = petitions.procuratorate(abbreviation="康检")
    prosecutor = petitions.staff(org, Role.PROSECUTOR)
    return {"org": org, "prosecutor": prosecutor, "lawyer": lawyer(at=org)}


def test_handling_staff_look_at_the_petitioner_and_each_look_is_audited(
    client,  # type: ignore[no-untyped-def]
    petition_world,
) -> None:
    made = petitions.petition(petition_world["org"], by=petition_world["prosecutor"])
    client.force_login(petition_world["prosecutor"])
    page = client.get(reverse("workspace:matter", args=[made.pk])).content.decode()
    assert "王**" in page and "王秀兰" not in page and "青春山街道" not in page
    assert 'data-testid="show-petitioner"' in page
    response = client.get(_url(made, "petitioner"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "王秀兰" in html and "13904770123" in html and "青春山街道" in html
    assert "王秀兰" in client.get(reverse("petitions:petitioner", args=[made.pk])).content.decode()
    looks = _looks("petitions.petitioner.view").filter(object_id=str(made.pk))
    assert looks.count() == 2 and {r.actor for r in looks} == {petition_world["prosecutor"]}


def test_the_lawyer_taking_part_sees_the_petitioner_masked_and_is_refused(
    client,  # type: ignore[no-untyped-def]
    petition_world,
) -> None:
    prosecutor, counsel = petition_world["prosecutor"], petition_world["lawyer"]
    received = petitions.petition(petition_world["org"], by=prosecutor)
    made = petitions.accepted(received, by=prosecutor)
    petitions.invited(made, counsel, by=prosecutor)
    client.force_login(counsel.user)
    page = client.get(reverse("workspace:matter", args=[made.pk])).content.decode()
    assert "王**" in page and "139****0123" in page and 'data-testid="show-petitioner"' not in page
    response = client.get(_url(made, "petitioner"))
    assert response.status_code == 403 and "王秀兰" not in response.content.decode()
    assert _looks("petitions.petitioner.refused").get().actor == counsel.user


def test_the_owners_other_staff_see_the_petitioner_masked(client, petition_world) -> None:  # type: ignore[no-untyped-def]
    made = petitions.petition(petition_world["org"], by=petition_world["prosecutor"])
    client.force_login(petitions.staff(petition_world["org"], Role.CLUE_OFFICER))
    page = client.get(reverse("workspace:matter", args=[made.pk])).content.decode()
    assert "王**" in page and 'data-testid="show-petitioner"' not in page
    assert client.get(_url(made, "petitioner")).status_code == 403


# -- a subject that asks why, and the partner's staff ---------------------------------------------


@pytest.fixture
def notice_subject() -> Iterator[Subject]:
    """A subject on information notices (none is declared there): its author, shown to the
    sender's staff who say why."""
    subject = Subject(
        matter_type="notices.notice",
        name="author",
        act="see_author",
        rule=lambda access, matter: access.is_staff_of(matter.owner_id),
        identity=lambda notice: Identity(name="李建国", mobile="13900001111", id_number=""),
        audit="notices.author",
        label="Author",
        show="Show the author",
        refusal="Only the sender's staff.",
        asks_reason=True,
    )
    reveal.register(subject)
    yield subject
    del reveal._SUBJECTS[(subject.matter_type, subject.name)]


def test_a_subject_that_asks_why_reveals_only_with_a_reason_kept_in_the_audit(
    client,  # type: ignore[no-untyped-def]
    notice_subject,
) -> None:
    notice = sent_notice()
    staff = member(notice.owner, Role.PROSECUTOR)
    client.force_login(staff)
    asked = client.get(_url(notice, "author"), HTTP_HX_REQUEST="true").content.decode()
    assert 'name="reason"' in asked and "李**" in asked and "李建国" not in asked
    blank = client.post(_url(notice, "author"), {"reason": "  "}, HTTP_HX_REQUEST="true")
    assert blank.status_code == 400 and "李建国" not in blank.content.decode()
    assert not _looks("notices.author.view").exists()
    told = client.post(_url(notice, "author"), {"reason": "核实通报来源"}, HTTP_HX_REQUEST="true")
    assert told.status_code == 200 and "李建国" in told.content.decode()
    look = _looks("notices.author.view").get()
    assert (look.actor, look.payload["reason"]) == (staff, "核实通报来源")


def test_the_partners_staff_are_refused_even_with_a_reason(client, notice_subject) -> None:  # type: ignore[no-untyped-def]
    notice = sent_notice()
    judge = member(notice.parties.get(relation="partner_org").organisation, Role.JUDGE)
    client.force_login(judge)
    response = client.post(_url(notice, "author"), {"reason": "想知道"})
    assert response.status_code == 403 and "李建国" not in response.content.decode()
    assert _looks("notices.author.refused").get().payload["reason"] == "想知道"


def test_the_action_refuses_without_a_reason_and_audits_each_look(notice_subject) -> None:
    notice = sent_notice()
    access = access_for(member(notice.owner, Role.PROSECUTOR))
    with pytest.raises(ReasonRequired):
        identity_reveal(access=access, matter=notice, subject=notice_subject)
    shown = identity_reveal(access=access, matter=notice, subject=notice_subject, reason="核实")
    assert shown.name == "李建国" and _looks("notices.author.view").count() == 1
    with pytest.raises(RevealRefused):
        identity_reveal(access=access_for(UserFactory()), matter=notice, subject=notice_subject)
    with pytest.raises(LookupError):
        subject_for(notice, "reporter")


def test_a_subject_cannot_be_declared_twice_differently(notice_subject) -> None:
    from dataclasses import replace

    with pytest.raises(ValueError, match="already"):
        reveal.register(replace(notice_subject, act="something_else"))


# -- masking -------------------------------------------------------------------------------------


@given(
    name=st.text(alphabet="王李张三丰秀兰", min_size=1, max_size=6),
    mobile=st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
    id_number=st.from_regex(r"[1-6][0-9]{16}[0-9X]", fullmatch=True),
)
def test_the_masked_identity_keeps_only_what_may_be_shown(
    name: str, mobile: str, id_number: str
) -> None:
    shown = masked(Identity(name=name, mobile=mobile, id_number=id_number, address="青春山街道"))
    assert shown.name[0] == name[0] and set(shown.name[1:]) == {"*"}
    assert shown.mobile == mobile[:3] + "****" + mobile[-4:]
    assert shown.id_number == id_number[:3] + "*" * 11 + id_number[-4:]
    assert shown.address == "" and len(shown.id_number) == 18


def test_short_or_missing_numbers_are_all_hidden() -> None:
    assert mask_id_number("12345") == "*****"
    assert masked(Identity(name="", mobile="")) == Identity()
