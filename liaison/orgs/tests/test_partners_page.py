"""The page where an organisation's own administrator keeps its cooperation partners: it sees
them, records a new one found by a search, ends one with a reason and lets its own area count;
each change audited and the other side's administrator told."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from liaison.audit.models import AuditRecord
from liaison.core.access import access_for
from liaison.core.navigation import entries_for
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.notifications.models import Notification
from liaison.orgs.actions import (
    COOPERATION_END,
    COOPERATION_START,
    ORGANISATION_AREA,
    cooperation_record,
    cooperation_start,
)
from liaison.orgs.models import Cooperation, Organisation
from liaison.orgs.roles import OrganisationKind, Role
from liaison.orgs.selectors import (
    PARTNER_CANDIDATES_SHOWN,
    organisations_reachable_from,
    partner_candidates,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> dict[str, Any]:
    procuratorate: Organisation = OrganisationFactory(name="大同市人民检察院")
    court: Organisation = OrganisationFactory(
        name="大同市中级人民法院", kind=OrganisationKind.COURT
    )
    return {
        "org": procuratorate,
        "court": court,
        "admin": member(procuratorate, Role.ADMINISTRATOR, name="管理员"),
        "court_admin": member(court, Role.ADMINISTRATOR),
        "chief": member(procuratorate, Role.CHIEF_PROCURATOR),
    }


def _url(name: str, *args: Any) -> str:
    return reverse(f"orgs:{name}", args=args)


def test_only_administrators_see_the_menu_entry_and_the_page(client, world) -> None:  # type: ignore[no-untyped-def]
    def entries(user: Any) -> set[str]:
        return {e.url_name for e in entries_for(access_for(user))}

    assert "orgs:administered" in entries(world["admin"])
    assert "orgs:administered" not in entries(world["chief"])
    client.force_login(world["chief"])
    assert client.get(_url("administered")).status_code == 403
    assert client.get(_url("partners", world["org"].pk)).status_code == 404
    client.force_login(world["court_admin"])
    assert client.get(_url("partners", world["org"].pk)).status_code == 404
    client.force_login(world["admin"])
    assert client.get(_url("administered")).url == _url("partners", world["org"].pk)


def test_the_page_lists_the_partners(client, world) -> None:  # type: ignore[no-untyped-def]
    cooperation_start(actor=None, organisations=(world["org"], world["court"]), agreement="意见")
    ended = cooperation_start(actor=None, organisations=(world["org"], OrganisationFactory()))
    ended.is_active = False
    ended.save()
    client.force_login(world["admin"])
    page = client.get(_url("partners", world["org"].pk)).content.decode()
    assert "大同市中级人民法院" in page and "意见" in page
    assert ended.second.name not in page and ended.first.name not in page.replace(
        "大同市人民检察院", ""
    )


def test_the_search_finds_few_and_never_the_country(client, world) -> None:  # type: ignore[no-untyped-def]
    for n in range(PARTNER_CANDIDATES_SHOWN + 3):
        OrganisationFactory(name=f"某某县司法局{n}", kind=OrganisationKind.JUDICIAL_BUREAU)
    assert partner_candidates(world["org"], "") == []
    found = partner_candidates(world["org"], "司法局")
    assert len(found) == PARTNER_CANDIDATES_SHOWN + 1
    cooperation_start(actor=None, organisations=(world["org"], world["court"]))
    assert partner_candidates(world["org"], "法院") == []  # already a partner
    assert partner_candidates(world["org"], "检察院") == []  # itself
    client.force_login(world["admin"])
    response = client.get(_url("candidates", world["org"].pk), {"q": "司法局"})
    assert response.content.decode().count('name="partner"') == PARTNER_CANDIDATES_SHOWN
    assert "请输入更完整的名称" in response.content.decode()
    searched = client.post(
        _url("cooperation-new", world["org"].pk), {"partner_search": "某某县", "search": "1"}
    )
    assert searched.status_code == 200 and 'value="某某县"' in searched.content.decode()


def test_recording_a_cooperation_is_audited_and_told_to_the_other_side(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world["admin"])
    url = _url("cooperation-new", world["org"].pk)
    missing = client.post(url, {"partner_search": "法院", "agreement": "协作意见"})
    assert missing.status_code == 400 and 'value="法院"' in missing.content.decode()
    response = client.post(url, {"partner": world["court"].pk, "agreement": "协作意见"})
    assert response.status_code == 302
    cooperation = Cooperation.objects.active().get()
    assert cooperation.agreement == "协作意见"
    assert world["court"] in organisations_reachable_from(world["org"])
    assert AuditRecord.objects.filter(action=COOPERATION_START, actor=world["admin"]).exists()
    told = Notification.objects.get(recipient=world["court_admin"])
    assert told.event == COOPERATION_START
    assert not Notification.objects.filter(recipient=world["admin"]).exists()


def test_ending_needs_a_reason_and_is_audited(client, world) -> None:  # type: ignore[no-untyped-def]
    cooperation = cooperation_start(actor=None, organisations=(world["org"], world["court"]))
    client.force_login(world["admin"])
    url = _url("cooperation-end", world["org"].pk, cooperation.pk)
    refused = client.post(url, {"reason": "\u200b\u200b"})
    assert refused.status_code == 400
    assert Cooperation.objects.get(pk=cooperation.pk).is_active
    assert client.post(url, {"reason": "协议期满"}).status_code == 302
    assert not Cooperation.objects.get(pk=cooperation.pk).is_active
    record = AuditRecord.objects.get(action=COOPERATION_END)
    assert record.payload["reason"] == "协议期满"
    assert Notification.objects.get(recipient=world["court_admin"]).params["reason"] == "协议期满"
    assert world["court"] not in organisations_reachable_from(world["org"])
    # another organisation's cooperation is not this administrator's to end
    other = cooperation_start(actor=None, organisations=(world["court"], OrganisationFactory()))
    foreign = _url("cooperation-end", world["org"].pk, other.pk)
    assert client.post(foreign, {"reason": "x"}).status_code == 404


def test_the_own_area_switch_is_audited(client, world) -> None:  # type: ignore[no-untyped-def]
    neighbour = OrganisationFactory(division=world["org"].division)
    assert neighbour not in organisations_reachable_from(world["org"])
    client.force_login(world["admin"])
    url = _url("own-area", world["org"].pk)
    assert client.post(url, {"works_with_own_area": "on"}).status_code == 302
    world["org"].refresh_from_db()
    assert world["org"].works_with_own_area
    assert neighbour in organisations_reachable_from(world["org"])
    client.post(url, {})
    world["org"].refresh_from_db()
    assert not world["org"].works_with_own_area
    records = AuditRecord.objects.filter(action=ORGANISATION_AREA).order_by("pk")
    assert [r.payload["works_with_own_area"]["after"] for r in records] == [True, False]


def test_the_actions_refuse_anyone_but_the_administrator(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        cooperation_record(
            access=access_for(world["chief"]), organisation=world["org"], partner=world["court"]
        )
    assert not Cooperation.objects.exists()
