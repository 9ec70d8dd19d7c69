"""A notice's addressee sees it only once it is sent; a draft belongs to its author.

The agency a procuratorate writes to must not list, read, comment on or attach files to the
notice while it is an unsent draft; inside the procuratorate the draft is seen by its author
(the handler) and by those who approve what leaves the house (department head, chief
procurator), not by every prosecutor.
"""

import pytest
from django.urls import reverse

from liaison.attachments.models import Attachment
from liaison.attachments.tests.conftest import pdf_bytes, upload
from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind, Role
from liaison.workflow.actions import matter_comment, transition
from liaison.workflow.errors import WorkflowError
from liaison.workflow.models import TimelineEvent
from liaison.workflow.opening import matter_open
from liaison.workflow.selectors import matters_visible_to, may_attach, may_comment, my_work, sees

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.fixture
def draft():  # type: ignore[no-untyped-def]
    """Datong's procuratorate drafts a notice to the ecology bureau, and has not sent it."""
    procuratorate = OrganisationFactory()
    bureau: Organisation = OrganisationFactory(
        kind=OrganisationKind.ADMINISTRATIVE_AGENCY, name="生态环境局"
    )
    author = member(procuratorate, Role.PROSECUTOR)
    notice = matter_open(
        workflow="notices.notice",
        owner=procuratorate,
        access=access_for(author),
        fields={"title": "关于煤场扬尘的通报（草稿）", "body": "拟请贵局反馈整改进度。"},
        partners=[bureau],
        handlers=[author],
    )
    people = {
        "author": author,
        "agency": member(bureau, Role.AGENCY_OFFICER),
        "colleague": member(procuratorate, Role.PROSECUTOR),
        "head": member(procuratorate, Role.DEPARTMENT_HEAD),
        "chief": member(procuratorate, Role.CHIEF_PROCURATOR),
    }
    return notice, people


def _comments(notice) -> int:  # type: ignore[no-untyped-def]
    return TimelineEvent.objects.filter(matter=notice, action="workflow.comment").count()


def test_the_agency_does_not_see_the_draft_anywhere(client, draft) -> None:  # type: ignore[no-untyped-def]
    notice, people = draft
    client.force_login(people["agency"])
    assert notice.case_number not in client.get(reverse("notices:list")).content.decode()
    assert client.get(reverse("workspace:matter", args=[notice.pk])).status_code == 404
    assert client.get(reverse("workspace:api-matter", args=[notice.pk])).status_code == 404
    listed = client.get(reverse("workspace:api-matters")).json()
    assert notice.pk not in {m["id"] for m in listed["results"]}
    work = client.get(reverse("workspace:api-my-work")).json()
    assert notice.pk not in {m["id"] for m in work["results"]}
    assert notice.case_number not in client.get(reverse("workspace:my-work")).content.decode()


def test_the_agency_cannot_comment_on_or_attach_to_the_draft(client, draft) -> None:  # type: ignore[no-untyped-def]
    notice, people = draft
    client.force_login(people["agency"])
    response = client.post(reverse("workspace:comment", args=[notice.pk]), {"text": "收到"})
    assert response.status_code == 404
    response = client.post(
        reverse("attachments:upload", args=[notice.pk]), {"file": upload("a.pdf", pdf_bytes())}
    )
    assert response.status_code == 404
    assert _comments(notice) == 0 and not Attachment.objects.exists()
    with pytest.raises(WorkflowError):
        matter_comment(matter=notice, access=access_for(people["agency"]), text="收到")
    assert _comments(notice) == 0


def test_the_agency_sees_comments_on_and_attaches_to_the_notice_once_sent(client, draft) -> None:  # type: ignore[no-untyped-def]
    notice, people = draft
    transition(matter=notice, name="send", access=access_for(people["author"]))
    client.force_login(people["agency"])
    assert notice.case_number in client.get(reverse("notices:list")).content.decode()
    page = client.get(reverse("workspace:matter", args=[notice.pk]))
    assert page.status_code == 200
    assert (
        client.post(reverse("workspace:comment", args=[notice.pk]), {"text": "收到"}).status_code
        == 302
    )
    response = client.post(
        reverse("attachments:upload", args=[notice.pk]), {"file": upload("a.pdf", pdf_bytes())}
    )
    assert response.status_code == 302
    assert _comments(notice) == 1 and Attachment.objects.filter(matter=notice).count() == 1
    work = client.get(reverse("workspace:api-my-work")).json()
    assert notice.pk in {m["id"] for m in work["results"]}


def test_after_the_answer_the_agency_reads_but_adds_nothing(client, draft) -> None:  # type: ignore[no-untyped-def]
    notice, people = draft
    transition(matter=notice, name="send", access=access_for(people["author"]))
    agency = access_for(people["agency"])
    transition(matter=notice, name="answer", access=agency, data={"answer": "已整改"})
    notice.refresh_from_db()
    assert sees(agency, notice)
    assert not may_comment(agency, notice) and not may_attach(agency, notice)
    client.force_login(people["agency"])
    page = client.get(reverse("workspace:matter", args=[notice.pk])).content.decode()
    assert reverse("workspace:comment", args=[notice.pk]) not in page
    assert reverse("attachments:upload", args=[notice.pk]) not in page
    client.post(reverse("workspace:comment", args=[notice.pk]), {"text": "补充"})
    client.post(
        reverse("attachments:upload", args=[notice.pk]), {"file": upload("a.pdf", pdf_bytes())}
    )
    assert _comments(notice) == 0 and not Attachment.objects.exists()


def test_inside_the_procuratorate_the_draft_is_its_authors_and_approvers(client, draft) -> None:  # type: ignore[no-untyped-def]
    notice, people = draft
    for who in ("author", "head", "chief"):
        access = access_for(people[who])
        assert matters_visible_to(access).filter(pk=notice.pk).exists(), who
        assert may_comment(access, notice), who
    colleague = access_for(people["colleague"])
    assert not matters_visible_to(colleague).filter(pk=notice.pk).exists()
    assert not my_work(colleague).filter(pk=notice.pk).exists()
    client.force_login(people["colleague"])
    assert client.get(reverse("workspace:matter", args=[notice.pk])).status_code == 404
    transition(matter=notice, name="send", access=access_for(people["author"]))
    assert client.get(reverse("workspace:matter", args=[notice.pk])).status_code == 200


def test_only_the_author_or_an_approver_sends_the_draft(draft) -> None:  # type: ignore[no-untyped-def]
    notice, people = draft
    with pytest.raises(WorkflowError):
        transition(matter=notice, name="send", access=access_for(people["colleague"]))
    transition(matter=notice, name="send", access=access_for(people["head"]))
    notice.refresh_from_db()
    assert notice.state == "sent"
