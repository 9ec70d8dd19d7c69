"""Who works with whom: cooperation relations, an organisation's own area, and who is reachable."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from liaison.audit.models import AuditRecord
from liaison.core.tests.factories import OrganisationFactory, division
from liaison.orgs.actions import cooperation_end, cooperation_start
from liaison.orgs.models import Cooperation, Organisation
from liaison.orgs.roles import OrganisationKind
from liaison.orgs.selectors import organisations_reachable_from

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("divisions")]

DATONG, PINGCHENG, TAIYUAN, KANGBASHI = "140200", "140213", "140100", "150603"


def org(code: str, level: str = Organisation.Level.COUNTY, **fields) -> Organisation:  # type: ignore[no-untyped-def]
    return OrganisationFactory(division=division(code), level=level, **fields)


def test_a_cooperation_works_both_ways_and_is_audited(superuser) -> None:  # type: ignore[no-untyped-def]
    procuratorate, bureau = org(DATONG), org(DATONG, kind=OrganisationKind.ADMINISTRATIVE_AGENCY)
    cooperation = cooperation_start(
        actor=superuser, organisations=(bureau, procuratorate), agreement="公益诉讼协作机制"
    )
    assert {cooperation.first_id, cooperation.second_id} == {bureau.pk, procuratorate.pk}
    assert cooperation.first_id < cooperation.second_id
    assert list(organisations_reachable_from(procuratorate)) == [bureau]
    assert list(organisations_reachable_from(bureau)) == [procuratorate]
    again = cooperation_start(actor=superuser, organisations=(procuratorate, bureau))
    assert again.pk == cooperation.pk and Cooperation.objects.count() == 1
    record = AuditRecord.objects.get(action="orgs.cooperation.start")
    assert record.payload["organisations"] == sorted([bureau.pk, procuratorate.pk])
    assert record.payload["agreement"] == "公益诉讼协作机制"


def test_an_ended_cooperation_reaches_no_more_and_stays_as_history(superuser) -> None:  # type: ignore[no-untyped-def]
    a, b = org(DATONG), org(KANGBASHI)
    cooperation = cooperation_start(actor=superuser, organisations=(a, b))
    cooperation_end(actor=superuser, cooperation=cooperation)
    cooperation.refresh_from_db()
    assert not cooperation.is_active and cooperation.ended_on is not None
    assert not organisations_reachable_from(a).exists()
    assert AuditRecord.objects.filter(action="orgs.cooperation.end").count() == 1
    renewed = cooperation_start(actor=superuser, organisations=(a, b))
    assert renewed.pk != cooperation.pk and renewed.is_active
    assert list(organisations_reachable_from(a)) == [b]


def test_an_organisation_does_not_cooperate_with_itself(superuser) -> None:  # type: ignore[no-untyped-def]
    a = org(DATONG)
    with pytest.raises(ValidationError):
        cooperation_start(actor=superuser, organisations=(a, a))
    assert not Cooperation.objects.exists()


def test_the_own_area_counts_only_when_the_administrator_says_so() -> None:
    city = org(DATONG, level=Organisation.Level.MUNICIPAL)
    in_city, in_district = org(DATONG), org(PINGCHENG)
    elsewhere_in_province, elsewhere = org(TAIYUAN), org(KANGBASHI)
    inactive = org(PINGCHENG, is_active=False)
    assert not organisations_reachable_from(city).exists()
    city.works_with_own_area = True
    city.save()
    assert set(organisations_reachable_from(city)) == {in_city, in_district}
    # a district's area is the district itself, not the city around it
    in_district.works_with_own_area = True
    in_district.save()
    assert set(organisations_reachable_from(in_district)) == set()
    assert inactive not in organisations_reachable_from(city)
    assert elsewhere_in_province not in organisations_reachable_from(city)
    assert elsewhere not in organisations_reachable_from(city)


def test_the_admin_starts_and_ends_cooperations_through_the_actions(staff_client) -> None:  # type: ignore[no-untyped-def]
    a, b = org(DATONG), org(KANGBASHI)
    response = staff_client.post(
        reverse("admin:orgs_cooperation_add"),
        {"first": a.pk, "second": b.pk, "agreement": "协作意见"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    cooperation = Cooperation.objects.get()
    assert cooperation.agreement == "协作意见"
    assert AuditRecord.objects.filter(action="orgs.cooperation.start").exists()
    response = staff_client.post(
        reverse("admin:orgs_cooperation_changelist"),
        {"action": "end_cooperations", "_selected_action": [cooperation.pk]},
    )
    assert response.status_code == 302
    cooperation.refresh_from_db()
    assert not cooperation.is_active
    assert AuditRecord.objects.filter(action="orgs.cooperation.end").exists()
    assert staff_client.get(reverse("admin:orgs_cooperation_changelist")).status_code == 200
