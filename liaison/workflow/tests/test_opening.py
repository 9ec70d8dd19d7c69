"""Opening matters inside a caller's transaction, forms that know their matter, and reporters'
names on the generic matter page."""

from typing import Any

import pytest
from django import forms
from django.db import transaction
from django.urls import reverse

from liaison.core.access import SYSTEM, access_for
from liaison.core.tests.factories import OrganisationFactory, UserFactory, member
from liaison.notices.workflows import NOTICE
from liaison.orgs.models import Organisation
from liaison.orgs.roles import Role
from liaison.workflow.actions import bound_form
from liaison.workflow.definitions import Transition, Who
from liaison.workflow.forms import StepForm
from liaison.workflow.models import Matter, MatterParty, TimelineEvent
from liaison.workflow.opening import apply_open, matter_open

from .factories import court

pytestmark = pytest.mark.django_db


def _open(owner: Organisation, **kwargs: Any) -> Matter:
    return apply_open(
        workflow=NOTICE,
        owner=owner,
        access=SYSTEM,
        fields={"title": "通报", "body": "内容"},
        partners=[court()],
        start="send",
        **kwargs,
    )


def test_apply_open_joins_the_callers_transaction_and_rolls_back_with_it() -> None:
    owner = OrganisationFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        matter = _open(owner)
        assert Matter.objects.filter(pk=matter.pk, state="sent").exists()
        raise RuntimeError("something later in the same action failed")
    assert not Matter.objects.filter(owner=owner).exists()
    assert not TimelineEvent.objects.filter(matter__owner=owner).exists()


def test_apply_open_commits_with_the_callers_other_writes() -> None:
    owner = OrganisationFactory()
    with transaction.atomic():
        first, second = _open(owner), _open(owner)
    assert {first.case_seq, second.case_seq} == {1, 2}
    assert first.created_by is None  # the system opened it: nobody is recorded as creator
    assert Matter.objects.filter(owner=owner, state="sent").count() == 2


def test_matter_open_is_still_its_own_durable_transaction() -> None:
    owner = OrganisationFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        matter_open(workflow=NOTICE, owner=owner, access=SYSTEM, fields={"title": "x", "body": "y"})


class _OtherThanOwner(StepForm):
    target = forms.ModelChoiceField(queryset=Organisation.objects.all())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.matter is not None:
            field = self.fields["target"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = Organisation.objects.exclude(pk=self.matter.owner_id)


class _Plain(forms.Form):
    note = forms.CharField()


def _step(form: type[forms.Form]) -> Transition:
    return Transition("x", "sent", "sent", label="x", who=(Who("owner_org"),), form=form)


def test_a_step_form_is_given_its_matter_unbound_and_bound() -> None:
    owner, other = OrganisationFactory(), OrganisationFactory()
    matter = _open(owner)
    unbound = bound_form(_step(_OtherThanOwner), matter=matter)
    assert unbound.matter == matter and not unbound.is_bound
    assert list(unbound.fields["target"].queryset) == list(
        Organisation.objects.exclude(pk=owner.pk)
    )
    refused = bound_form(_step(_OtherThanOwner), {"target": owner.pk}, matter=matter)
    assert not refused.is_valid() and "target" in refused.errors
    accepted = bound_form(_step(_OtherThanOwner), {"target": other.pk}, matter=matter)
    assert accepted.is_valid()


def test_an_ordinary_form_is_built_as_before() -> None:
    matter = _open(OrganisationFactory())
    form = bound_form(_step(_Plain), {"note": "好"}, matter=matter)
    assert isinstance(form, _Plain) and form.is_valid()
    assert bound_form(Transition("y", "sent", "sent", label="y", who=(Who("owner_org"),))) is None


def test_the_generic_page_masks_a_reporters_name_for_everyone_but_the_reporter(client) -> None:
    owner = OrganisationFactory()
    reporter = UserFactory(name="王小明")
    matter = _open(owner, reporters=[reporter])
    assert MatterParty.objects.filter(matter=matter, relation="reporter").count() == 1
    prosecutor = member(owner, Role.PROSECUTOR)
    client.force_login(prosecutor)
    page = client.get(reverse("workspace:matter", args=[matter.pk])).content.decode()
    assert "王小明" not in page and "王**" in page
    client.force_login(reporter)
    page = client.get(reverse("workspace:matter", args=[matter.pk])).content.decode()
    assert "王小明" in page
    assert access_for(reporter).is_authenticated


def test_each_steps_fields_have_ids_of_their_own() -> None:
    matter = _open(OrganisationFactory())
    first = bound_form(
        Transition("a", "sent", "sent", label="a", who=(Who("owner_org"),), form=_Plain)
    )
    second = bound_form(
        Transition("b", "sent", "sent", label="b", who=(Who("owner_org"),), form=_Plain),
        matter=matter,
    )
    assert first["note"].auto_id == "id_a_note" and second["note"].auto_id == "id_b_note"


def test_a_matter_the_system_opens_is_written_in_its_first_steps_state_at_once() -> None:
    """No INSERT-then-UPDATE: nobody sees the row before the opening commits. The timeline and
    the audit tell the same story as a step taken afterwards."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from liaison.audit.models import AuditRecord

    owner = OrganisationFactory()
    with CaptureQueriesContext(connection) as queries:
        matter = _open(owner)
    assert not [
        q for q in queries.captured_queries if q["sql"].startswith('UPDATE "workflow_matter"')
    ]
    stored = Matter.objects.get(pk=matter.pk)
    assert (stored.state, stored.version) == (NOTICE.transition("send").target, 1)
    assert (matter.state, matter.version) == (stored.state, stored.version)
    events = TimelineEvent.objects.filter(matter=matter).order_by("pk")
    assert [(e.action, e.from_state, e.to_state) for e in events] == [
        (f"{NOTICE.name}.open", "", NOTICE.initial),
        (f"{NOTICE.name}.send", NOTICE.initial, stored.state),
    ]
    assert AuditRecord.objects.filter(
        object_id=str(matter.pk), action=f"{NOTICE.name}.send"
    ).exists()


def test_a_matter_a_person_opens_takes_its_first_step_as_any_other() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    owner = OrganisationFactory()
    officer = member(owner, Role.PROSECUTOR)
    with CaptureQueriesContext(connection) as queries:
        matter = apply_open(
            workflow=NOTICE,
            owner=owner,
            access=access_for(officer),
            fields={"title": "通报", "body": "内容"},
            partners=[court()],
            handlers=[officer],
            start="send",
        )
    assert [q for q in queries.captured_queries if q["sql"].startswith('UPDATE "workflow_matter"')]
    assert Matter.objects.get(pk=matter.pk).version == 1
