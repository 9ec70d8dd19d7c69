"""The referral pages: both sides' lists (a constant number of queries), referring a person
from the procuratorate's menu (bad input kept and refused), the matter page's panel (who was
assigned, the person masked), and the aid lawyer's own page."""

import pytest
from django.urls import reverse

from liaison.legalaid.models import LegalAidReferral
from liaison.workflow.models import Clock

from . import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def w() -> f.World:
    return f.world()


def _form(w: f.World, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "receiver": w.centre.pk,
        "category": "migrant_wages",
        "title": "农民工追索劳动报酬",
        "person_name": "李大山",
        "person_id_number": f.PERSON_ID,
        "person_mobile": "139 5530 0002",
        "facts": "某劳务公司拖欠工资两万元。",
    }
    data.update(changes)
    return data


def test_the_refer_page_is_in_the_procuratorates_menu(client, w) -> None:
    client.force_login(w.prosecutor)
    page = client.get(reverse("legalaid:list")).content.decode()
    assert reverse("legalaid:new") in page
    assert client.get(reverse("legalaid:new")).status_code == 200


@pytest.mark.parametrize("who", ["stranger_lawyer", "bureau_officer"])
def test_the_refer_page_is_refused_to_those_who_do_not_refer(client, w, who) -> None:
    from liaison.core.tests.factories import member
    from liaison.orgs.roles import Role

    person = w.lawyer.user if who == "stranger_lawyer" else member(w.bureau, Role.BUREAU_OFFICER)
    client.force_login(person)
    assert client.get(reverse("legalaid:new")).status_code == 403
    assert client.post(reverse("legalaid:new"), _form(w)).status_code == 403
    assert not LegalAidReferral.objects.exists()


def test_referring_from_the_page(client, w) -> None:
    client.force_login(w.prosecutor)
    response = client.post(reverse("legalaid:new"), _form(w))
    referral = LegalAidReferral.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/matters/{referral.pk}/")
    assert referral.person_mobile == "13955300002" and referral.receiver == w.centre


@pytest.mark.parametrize("receiver", ["bureau", "procuratorate"])
def test_a_referral_to_what_is_not_a_legal_aid_centre_is_refused_with_what_was_typed(
    client, w, receiver
) -> None:
    client.force_login(w.prosecutor)
    response = client.post(reverse("legalaid:new"), _form(w, receiver=getattr(w, receiver).pk))
    assert response.status_code == 400
    page = response.content.decode()
    assert "法律援助只能转介至法律援助中心" in page  # the page is in Chinese
    assert "李大山" in page and "某劳务公司拖欠工资两万元。" in page
    assert not LegalAidReferral.objects.exists() and not Clock.objects.exists()


def test_bad_input_on_the_page(client, w) -> None:
    client.force_login(w.prosecutor)
    for bad in (
        {"person_name": " "},
        {"person_id_number": "123"},
        {"receiver": "99999"},
        {"source_number": "不存在〔2026〕1号"},
        {"category": "nonsense"},
    ):
        response = client.post(reverse("legalaid:new"), _form(w, **bad))
        assert response.status_code == 400, bad
    assert not LegalAidReferral.objects.exists()


def test_the_source_is_named_by_its_number(client, w) -> None:
    first = f.referral(w)
    client.force_login(w.prosecutor)
    client.post(reverse("legalaid:new"), _form(w, source_number=first.case_number))
    made = LegalAidReferral.objects.exclude(pk=first.pk).get()
    assert made.source_id == first.pk
    page = client.get(reverse("workspace:matter", args=[made.pk])).content.decode()
    assert f'href="/matters/{first.pk}/"' in page  # the referrer follows it


def test_the_receiving_side_reads_the_sources_number_but_cannot_follow_it(client, w) -> None:
    from liaison.lawyers.tests import factories as lawyer_factories

    case = lawyer_factories.case(w.procuratorate, by=w.prosecutor)
    made = f.referral(w, source=case)
    client.force_login(w.aid_officer)
    page = client.get(reverse("workspace:matter", args=[made.pk])).content.decode()
    assert case.case_number in page and f'href="/matters/{case.pk}/"' not in page


def test_both_lists_in_a_constant_number_of_queries(
    client, w, django_assert_max_num_queries
) -> None:
    for _ in range(3):
        f.assigned(w)
    f.from_centre(w)
    client.force_login(w.prosecutor)
    with django_assert_max_num_queries(25):
        page = client.get(reverse("legalaid:list")).content.decode()
    for _ in range(5):
        f.assigned(w)
        f.from_centre(w)
    with django_assert_max_num_queries(25):
        page = client.get(reverse("legalaid:list")).content.decode()
    assert page.count("援转") >= 8 and page.count("援移") >= 6
    assert "周律师" in page  # who was assigned


@pytest.mark.parametrize("who", ["other_officer", "stranger", "other_lawyer"])
def test_the_page_is_404_to_another_centre_a_stranger_and_a_lawyer_not_assigned(
    client, w, who
) -> None:
    made = f.assigned(w)
    person = getattr(w, who)
    client.force_login(getattr(person, "user", person))
    assert client.get(reverse("workspace:matter", args=[made.pk])).status_code == 404
    url = reverse("workspace:transition", args=[made.pk, "close"])
    assert client.post(url, {"outcome": "x"}).status_code == 404
    assert LegalAidReferral.objects.get(pk=made.pk).state == "aid_under_way"


def test_the_lists_show_nothing_of_another_centre(client, w) -> None:
    made = f.referral(w)
    client.force_login(w.other_officer)
    assert made.case_number not in client.get(reverse("legalaid:list")).content.decode()
    assert client.get(reverse("workspace:matter", args=[made.pk])).status_code == 404


def test_the_matter_page_shows_the_lawyer_and_masks_the_person(client, w) -> None:
    made = f.assigned(w)
    client.force_login(w.prosecutor)
    page = client.get(reverse("workspace:matter", args=[made.pk])).content.decode()
    assert 'data-testid="aid-lawyer"' in page and "周律师" in page
    assert f.PERSON not in page and "王**" in page
    client.force_login(w.lawyer.user)
    page = client.get(reverse("workspace:matter", args=[made.pk])).content.decode()
    assert "周律师" in page and f.PERSON not in page


def test_the_lawyers_page_lists_their_legal_aid(client, w) -> None:
    made = f.assigned(w)
    client.force_login(w.lawyer.user)
    page = client.get(reverse("lawyers:home")).content.decode()
    assert 'data-testid="legal-aid"' in page and made.case_number in page
    client.force_login(w.other_lawyer.user)
    assert made.case_number not in client.get(reverse("lawyers:home")).content.decode()


def test_declining_without_reasons_on_the_page_is_a_400(client, w) -> None:
    made = f.referral(w)
    client.force_login(w.aid_officer)
    url = reverse("workspace:transition", args=[made.pk, "decline"])
    assert client.post(url, {"note": ""}).status_code == 400
    assert LegalAidReferral.objects.get(pk=made.pk).state == "sent"


def test_assigning_someone_who_is_not_a_lawyer_on_the_page_is_a_400(client, w) -> None:
    made = f.accepted(w)
    client.force_login(w.aid_officer)
    url = reverse("workspace:transition", args=[made.pk, "assign_lawyer"])
    response = client.post(url, {"lawyer": w.prosecutor.pk + 5000})
    assert response.status_code == 400
    assert "只有律师可以被指派为法律援助律师" in response.content.decode()
    assert LegalAidReferral.objects.get(pk=made.pk).state == "accepted"
