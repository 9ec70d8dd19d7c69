"""Lawyers in the procuratorate's public hearings (issue 4's hearings, one model for both): a
lawyer verified here holds a lawyer's seat in the firm, so the procuratorate may invite them;
one still awaiting verification may not be invited as a lawyer."""

import pytest
from django.urls import reverse

from liaison.core.access import access_for
from liaison.hearings.actions import hearing_invite
from liaison.hearings.tests.factories import case_of, prosecutor, scheduled_hearing
from liaison.workflow.errors import WorkflowError

from .factories import lawyer, procuratorate

pytestmark = pytest.mark.django_db


def test_a_verified_lawyer_is_invited_to_a_public_hearing_and_sees_it(client) -> None:
    org = procuratorate(abbreviation="康检")
    holder = prosecutor(org)
    title = "关于湿地公园排污问题的公开听证"
    hearing = scheduled_hearing(by=holder, case=case_of(org), title=title)
    verified = lawyer(at=org)
    hearing_invite(hearing=hearing, access=access_for(holder), person=verified.user, role="lawyer")
    assert verified.user.notifications.filter(event="hearings.invitation.send").exists()
    client.force_login(verified.user)
    page = client.get(reverse("lawyers:home")).content.decode()
    assert title in page
    assert client.get(reverse("workspace:matter", args=[hearing.pk])).status_code == 200

    waiting = lawyer(at=org, verified=False)
    with pytest.raises(WorkflowError, match="not registered"):
        hearing_invite(
            hearing=hearing, access=access_for(holder), person=waiting.user, role="lawyer"
        )
