"""``Sight.files``: the files of a matter a sight's holders see and fetch (by their
``Attachment.purpose``), None for all of them; a purpose the workflow does not declare fails
when the workflow is built. The list on the matter's page and the download ask the same
policy (``Reading.attachments``, ``Reading.shows_file``)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from liaison.attachments.actions import attachment_upload
from liaison.core.access import SYSTEM, access_for
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.orgs.roles import Role
from liaison.workflow.definitions import Sight, Transition, Who, Workflow
from liaison.workflow.models import Relation
from liaison.workflow.policy import Policy

from .factories import court, sent_notice

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
STATES = {"sent": "sent", "answered": "answered"}
PARTNER = Who(Relation.PARTNER_ORG)


def _workflow(*sights: Sight, purposes: frozenset[str] = frozenset({"shared", "internal"})) -> Any:
    return Workflow(
        name="test.files",
        label="files",
        model="notices.InformationNotice",
        case_code="测",
        states=STATES,
        initial="sent",
        final=frozenset({"answered"}),
        transitions=[Transition("answer", "sent", "answered", label="answer", who=(PARTNER,))],
        sights=sights,
        file_purposes=purposes,
    )


def test_a_sight_names_only_files_the_workflow_declares() -> None:
    _workflow(Sight(PARTNER, frozenset(STATES), files=frozenset({"shared", ""})))
    with pytest.raises(ValueError, match="sees unknown files 'elsewhere'"):
        _workflow(Sight(PARTNER, frozenset(STATES), files=frozenset({"elsewhere"})))
    with pytest.raises(ValueError, match="sees unknown files 'shared'"):
        _workflow(Sight(PARTNER, frozenset(STATES), files={"shared"}), purposes=frozenset())


@pytest.mark.django_db
def test_the_holders_of_a_sight_naming_files_see_and_fetch_those_only(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    sender, recipient = OrganisationFactory(), court()
    author, judge = member(sender, Role.PROSECUTOR), member(recipient, Role.JUDGE)
    notice = sent_notice(sender=sender, recipient=recipient, author=author)
    shared, internal = (
        attachment_upload(
            file=SimpleUploadedFile(f"{purpose}.pdf", PDF, "application/pdf"),
            uploaded_by=author,
            matter=notice,
            purpose=purpose,
        )
        for purpose in ("shared", "internal")
    )
    policy = Policy(
        _workflow(
            Sight(PARTNER, frozenset(STATES), files=frozenset({"shared"})),
            Sight(Who(Relation.OWNER_ORG), frozenset(STATES)),
        )
    )
    court_reads = policy.reading(access_for(judge), notice)
    assert court_reads.file_purposes() == {"shared"}
    assert list(court_reads.attachments()) == [shared]
    assert court_reads.shows_file(shared) and not court_reads.shows_file(internal)
    own = policy.reading(access_for(author), notice)
    assert own.file_purposes() is None
    assert set(own.attachments()) == {shared, internal} and own.shows_file(internal)
    assert policy.reading(SYSTEM, notice).shows_file(internal)
