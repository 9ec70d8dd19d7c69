"""The organisation admin: list, search, edit through the actions, and the membership inline."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse

from liaison.audit.models import AuditRecord
from liaison.orgs.actions import membership_grant
from liaison.orgs.models import Membership, Organisation
from liaison.orgs.roles import OrganisationKind, Role

from .factories import UserFactory, procuratorate, uscc

pytestmark = [
    pytest.mark.usefixtures("divisions"),
    pytest.mark.urls("liaison.orgs.tests.admin_urls"),
]


def management(prefix: str, total: int, initial: int) -> dict[str, Any]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def organisation_form(org: Organisation | None = None, **overrides: Any) -> dict[str, Any]:
    """The organisation change form as a browser would post it, without inline rows."""
    data: dict[str, Any] = {
        "name": org.name if org else "鄂尔多斯市康巴什区人民法院",
        "name_en": org.name_en if org else "Kangbashi District People's Court",
        "kind": org.kind if org else OrganisationKind.COURT,
        "level": org.level if org else Organisation.Level.COUNTY,
        "parent": (org.parent_id or "") if org else "",
        "division": org.division_id if org else "150603",
        "is_active": "on",
        "uscc": org.uscc if org else "",
        "abbreviation": org.abbreviation if org else "康法",
        "case_number_pattern": org.case_number_pattern if org else "{abbr}{code}〔{year}〕{seq}号",
        "case_type_codes": "{}",
    }
    data.update(management("memberships", 0, 0))
    data.update(overrides)
    return data


@pytest.fixture
def tree() -> dict[str, Organisation]:
    ordos = procuratorate(
        "150600",
        level=Organisation.Level.MUNICIPAL,
        name="鄂尔多斯市人民检察院",
        abbreviation="鄂检",
    )
    kangbashi = procuratorate(
        "150603", parent=ordos, name="鄂尔多斯市康巴什区人民检察院", abbreviation="康检"
    )
    firm = procuratorate(
        "150603", kind=OrganisationKind.LAW_FIRM, name="内蒙古某律师事务所", uscc=uscc()
    )
    return {"ordos": ordos, "kangbashi": kangbashi, "firm": firm}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("康巴什", {"kangbashi"}),
        ("鄂检", {"ordos"}),
        (uscc(), {"firm"}),
        ("检察院", {"ordos", "kangbashi"}),
    ],
)
def test_search_by_name_abbreviation_and_uscc(
    tree: dict[str, Organisation], superuser: Any, query: str, expected: set[str]
) -> None:
    model_admin = admin.site._registry[Organisation]
    request = RequestFactory().get("/", {"q": query})
    request.user = superuser
    found, _ = model_admin.get_search_results(request, Organisation.objects.all(), query)
    assert set(found) == {tree[name] for name in expected}


def test_changelist_shows_the_columns(tree: dict[str, Organisation], staff_client: Client) -> None:
    page = staff_client.get(reverse("admin:orgs_organisation_changelist"))
    assert page.status_code == 200
    text = page.content.decode()
    for heading in ("Name", "Kind", "Level", "Administrative division", "Parent organisation"):
        assert heading in text
    assert "康巴什区 (150603)" in text


def test_change_page_uses_autocomplete_for_parent_and_division(
    tree: dict[str, Organisation], staff_client: Client
) -> None:
    page = staff_client.get(reverse("admin:orgs_organisation_change", args=[tree["kangbashi"].pk]))
    assert page.status_code == 200
    form = page.context["adminform"].form
    for name in ("parent", "division"):
        assert type(form.fields[name].widget.widget).__name__ == "AutocompleteSelect"
    found = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "康巴什",
            "app_label": "orgs",
            "model_name": "organisation",
            "field_name": "division",
        },
    )
    assert found.status_code == 200
    assert {"id": "150603", "text": "康巴什区 (150603)"} in found.json()["results"]


def test_add_creates_through_the_action(
    tree: dict[str, Organisation], staff_client: Client
) -> None:
    response = staff_client.post(
        reverse("admin:orgs_organisation_add"), organisation_form(parent=tree["kangbashi"].pk)
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    court = Organisation.objects.get(name="鄂尔多斯市康巴什区人民法院")
    assert court.path == f"{tree['kangbashi'].path}{court.pk}/"
    assert AuditRecord.objects.filter(
        action="orgs.organisation.create", object_id=str(court.pk)
    ).exists()


def test_validation_messages_are_shown_and_input_kept(
    tree: dict[str, Organisation], staff_client: Client
) -> None:
    bad = uscc()[:17] + ("0" if uscc()[17] != "0" else "1")
    response = staff_client.post(
        reverse("admin:orgs_organisation_add"),
        organisation_form(uscc=bad, case_number_pattern="{abbr}{oops}"),
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "This unified social credit code&#x27;s check character is wrong" in text
    assert "Use only the placeholders {abbr}, {code}, {year}, {seq}." in text
    assert f'value="{bad}"' in text
    assert 'value="鄂尔多斯市康巴什区人民法院"' in text
    assert not Organisation.objects.filter(name="鄂尔多斯市康巴什区人民法院").exists()


def test_duplicate_uscc_is_reported(tree: dict[str, Organisation], staff_client: Client) -> None:
    response = staff_client.post(
        reverse("admin:orgs_organisation_add"),
        organisation_form(kind=OrganisationKind.LAW_FIRM, uscc=uscc()),
    )
    assert response.status_code == 200
    assert "Another organisation already has this unified social credit code." in (
        response.content.decode()
    )


def test_moving_in_the_admin_moves_the_subtree_and_refuses_loops(
    tree: dict[str, Organisation], staff_client: Client
) -> None:
    office = procuratorate("150603", parent=tree["kangbashi"], name="派驻检察室")
    url = reverse("admin:orgs_organisation_change", args=[tree["ordos"].pk])
    looped = staff_client.post(url, organisation_form(tree["ordos"], parent=office.pk))
    assert looped.status_code == 200
    assert "An organisation cannot sit below itself" in looped.content.decode()

    url = reverse("admin:orgs_organisation_change", args=[tree["kangbashi"].pk])
    moved = staff_client.post(url, organisation_form(tree["kangbashi"], parent=""))
    assert moved.status_code == 302
    office.refresh_from_db()
    assert office.path == f"/{tree['kangbashi'].pk}/{office.pk}/"
    record = AuditRecord.objects.get(action="orgs.organisation.move")
    assert record.payload["parent"] == {"before": tree["ordos"].pk, "after": None}


def test_inline_offers_only_the_kinds_roles(
    tree: dict[str, Organisation], staff_client: Client
) -> None:
    page = staff_client.get(reverse("admin:orgs_organisation_change", args=[tree["firm"].pk]))
    formset = next(f for f in page.context["inline_admin_formsets"])
    choices = {value for value, _ in formset.formset.form.base_fields["role"].choices}
    assert choices == {"", Role.LAWYER, Role.FIRM_ADMINISTRATOR, Role.LIAISON, Role.ADMINISTRATOR}


def test_inline_grants_and_revokes_through_the_actions(
    tree: dict[str, Organisation], staff_client: Client, superuser: Any
) -> None:
    kangbashi = tree["kangbashi"]
    person = UserFactory()
    url = reverse("admin:orgs_organisation_change", args=[kangbashi.pk])
    data = organisation_form(kangbashi)
    data.update(management("memberships", 1, 0))
    data.update(
        {
            "memberships-0-person": person.pk,
            "memberships-0-role": Role.CLUE_OFFICER,
            "memberships-0-is_active": "on",
        }
    )
    assert staff_client.post(url, data).status_code == 302
    membership = Membership.objects.get(person=person, organisation=kangbashi)
    grant = AuditRecord.objects.get(action="orgs.membership.grant")
    assert grant.actor == superuser

    data = organisation_form(kangbashi)
    data.update(management("memberships", 1, 1))
    data.update(
        {
            "memberships-0-id": membership.pk,
            "memberships-0-organisation": kangbashi.pk,
            # A posted role for an existing row is ignored: the field is disabled.
            "memberships-0-role": Role.CHIEF_PROCURATOR,
        }
    )
    assert staff_client.post(url, data).status_code == 302
    membership.refresh_from_db()
    assert not membership.is_active and membership.until is not None
    assert membership.role == Role.CLUE_OFFICER
    assert AuditRecord.objects.filter(action="orgs.membership.revoke").count() == 1


def test_inline_refuses_a_role_outside_the_catalogue(
    tree: dict[str, Organisation], staff_client: Client
) -> None:
    data = organisation_form(tree["firm"])
    data.update(management("memberships", 1, 0))
    data.update({"memberships-0-person": UserFactory().pk, "memberships-0-role": Role.JUDGE})
    response = staff_client.post(
        reverse("admin:orgs_organisation_change", args=[tree["firm"].pk]), data
    )
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert not Membership.objects.exists()


def test_no_deleting(tree: dict[str, Organisation], staff_client: Client) -> None:
    membership = membership_grant(
        actor=None, person=UserFactory(), organisation=tree["kangbashi"], role=Role.PROSECUTOR
    )
    org_delete = reverse("admin:orgs_organisation_delete", args=[tree["kangbashi"].pk])
    assert staff_client.post(org_delete, {"post": "yes"}).status_code == 403
    m_delete = reverse("admin:orgs_membership_delete", args=[membership.pk])
    assert staff_client.post(m_delete, {"post": "yes"}).status_code == 403


def test_membership_admin_revokes(tree: dict[str, Organisation], staff_client: Client) -> None:
    person = UserFactory()
    membership = membership_grant(
        actor=None, person=person, organisation=tree["kangbashi"], role=Role.PROSECUTOR
    )
    url = reverse("admin:orgs_membership_change", args=[membership.pk])
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(
        url, {"person": person.pk, "organisation": tree["kangbashi"].pk, "role": Role.PROSECUTOR}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert not membership.is_active
    assert AuditRecord.objects.filter(action="orgs.membership.revoke").exists()
