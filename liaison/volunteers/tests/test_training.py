"""Training material: published by coordinators or procuratorate staff, read by volunteers."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.orgs.roles import Role
from liaison.volunteers.actions import training_publish
from liaison.volunteers.models import TrainingMaterial
from liaison.workflow.errors import TransitionForbidden

from .factories import volunteer, youth_volunteers

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    association = youth_volunteers()
    coordinator = member(association, Role.VOLUNTEER_COORDINATOR)
    procuratorate = OrganisationFactory()
    prosecutor = member(procuratorate, Role.PROSECUTOR)
    return association, coordinator, procuratorate, prosecutor


def test_a_coordinator_publishes_with_a_file_and_a_volunteer_reads_it(client, world) -> None:
    association, coordinator, _p, _pr = world
    client.force_login(coordinator)
    response = client.post(
        reverse("volunteers:training-new"),
        {
            "publisher": association.pk,
            "title": "公益诉讼线索收集指引",
            "body": "收集线索时注意保护个人安全。",
            "file": SimpleUploadedFile("指引.pdf", PDF, "application/pdf"),
        },
    )
    material = TrainingMaterial.objects.get()
    assert response["Location"] == reverse("volunteers:training-detail", args=[material.pk])
    client.force_login(volunteer())
    assert "公益诉讼线索收集指引" in client.get(reverse("volunteers:training")).content.decode()
    download = client.get(reverse("volunteers:training-file", args=[material.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


def test_procuratorate_staff_publish_and_see_their_own(client, world) -> None:
    _a, _c, procuratorate, prosecutor = world
    material = training_publish(
        access=access_for(prosecutor), publisher=procuratorate, title="检察听证须知", body="……"
    )
    client.force_login(prosecutor)
    assert client.get(reverse("volunteers:training-detail", args=[material.pk])).status_code == 200
    outsider = member(OrganisationFactory(), Role.PROSECUTOR)
    client.force_login(outsider)
    assert client.get(reverse("volunteers:training-detail", args=[material.pk])).status_code == 404


def test_a_volunteer_or_another_organisations_staff_cannot_publish(client, world) -> None:
    association, _c, procuratorate, _pr = world
    person = volunteer()
    with pytest.raises(TransitionForbidden):
        training_publish(access=access_for(person), publisher=association, title="x", body="y")
    outsider = member(OrganisationFactory(), Role.PROSECUTOR)
    with pytest.raises(TransitionForbidden):
        training_publish(access=access_for(outsider), publisher=procuratorate, title="x", body="y")
    client.force_login(person)
    assert client.get(reverse("volunteers:training-new")).status_code == 302


def test_empty_material_or_a_fake_file_is_refused_and_kept(client, world) -> None:
    association, coordinator, _p, _pr = world
    client.force_login(coordinator)
    url = reverse("volunteers:training-new")
    response = client.post(url, {"publisher": association.pk, "title": "空的"})
    assert response.status_code == 400 and "空的" in response.content.decode()
    fake = SimpleUploadedFile("a.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post(url, {"publisher": association.pk, "title": "假文件", "file": fake})
    assert response.status_code == 400
    assert not TrainingMaterial.objects.exists()
