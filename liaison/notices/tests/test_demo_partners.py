"""In the demo (``make run``) each procuratorate reaches its seeds' partners, and no further;
the Datong agency does not see the draft its procuratorate is writing to it."""

import pytest

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.core.demo import load_demo
from liaison.core.demo.notices import NOTICES
from liaison.notices.selectors import notices_visible_to
from liaison.orgs.models import Organisation
from liaison.orgs.selectors import organisations_reachable_from

pytestmark = pytest.mark.django_db


def test_demo_users_reach_their_partners_and_agencies_see_no_drafts() -> None:
    load_demo()
    for _sender, author, _recipient, title, *_rest in NOTICES:
        person = User.objects.get(username=author)
        sender = person.memberships.get(
            is_active=True, role__in=["prosecutor", "judge", "enforcement_officer"]
        ).organisation
        notice = notices_visible_to(access_for(person)).get(title=title)
        recipient = notice.parties.get(relation="partner_org").organisation
        assert organisations_reachable_from(sender).filter(pk=recipient.pk).exists(), title
    datong = Organisation.objects.get(name="大同市人民检察院")
    reachable = set(organisations_reachable_from(datong).values_list("name", flat=True))
    assert "大同市生态环境局" in reachable
    assert not any(name.startswith("内蒙古") for name in reachable)
    agency = access_for(User.objects.get(username="dt_agency"))
    assert not notices_visible_to(agency).filter(state="draft").exists()
    author = access_for(User.objects.get(username="dt_prosecutor"))
    assert notices_visible_to(author).filter(state="draft").exists()
