"""Every URL refuses whoever must not see what it shows.

The table below must name every URL of the project (a new URL fails the coverage test until it
is added), with the arguments that point at one information notice and its clock, attachment and
notification. A staff member of an unrelated organisation gets 404 (never the matter, never
403: nobody learns that it exists); an anonymous visitor is sent to log in.
"""

from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from PIL import Image

from liaison.agreements.tests import factories as agreement_factories
from liaison.attachments.actions import attachment_upload
from liaison.committees.tests import factories as committee_factories
from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.courts.tests import factories as court_factories
from liaison.disputes.tests import factories as dispute_factories
from liaison.flags.tests import factories as flag_factories
from liaison.hearings.actions import hearing_invite
from liaison.hearings.models import HearingRole
from liaison.hearings.tests.factories import scheduled_hearing
from liaison.lawyers.tests import factories as lawyer_factories
from liaison.meetings.tests import factories as meeting_factories
from liaison.notifications.models import Notification
from liaison.orgs.models import Cooperation
from liaison.orgs.roles import Role
from liaison.petitions.tests import factories as petition_factories
from liaison.publicinterest.supervision_actions import observation_file
from liaison.publicinterest.tests.factories import (
    accepted_case,
    added_report,
    followed_up_case,
    reported_clue,
    supervisor,
)
from liaison.publicity.tests import factories as publicity_factories
from liaison.retrials.tests import factories as retrial_factories
from liaison.supportprosecution.tests import factories as support_factories
from liaison.volunteers.actions import training_publish
from liaison.workflow.models import Clock
from liaison.workflow.tests.factories import court, sent_notice

pytestmark = pytest.mark.django_db

# URL namespaces that are not about one organisation's data, or that Django itself guards.
PUBLIC_OR_FRAMEWORK = {"admin", "home", "login", "logout", "set_language", "api-schema"}
PASSWORD_VIEWS = {
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}
# Pages anyone may open without logging in: the public side of public-interest litigation (what
# it is, reporting a clue, its receipt, its progress by query code, the place lists, and the open
# clues near a place that a reporter may add to). Each shows nothing about a clue but to the
# holder of its query code, or of the session that sent it, or (the nearby list) what a reporter
# needs to recognise an open problem at the place they give, never who reported it;
# ``test_public_pages_need_no_login_and_show_no_clue`` checks the first, the publicinterest
# tests the last.
PUBLIC = {
    "publicinterest:intro",
    "publicinterest:report",
    "publicinterest:receipt",
    "publicinterest:progress",
    "publicinterest:places",
    "publicinterest:nearby",
    "lawyers:register",
    "announcements:list",
    "volunteers:register",
    # Applying for support prosecution without an account, its receipt (the browser's own
    # signed cookie) and its state by query code.
    "supportprosecution:apply",
    "supportprosecution:receipt",
    "supportprosecution:status",
    # Finishing a registration with the code texted to its mobile: only a registration waiting
    # in the browser's own session (without one, back to the form).
    "lawyers:register-confirm",
    "volunteers:register-confirm",
}
# Public pages about one published thing: a public notice is for everyone to read.
PUBLIC_WITH_ARGS = {"announcements:detail"}
# Pages that show only the user's own things (their work, their inbox, their notices list, the
# clues of the procuratorates where they are a clue officer).
OWN_PAGES = {
    "workspace:my-work",
    "workspace:api-matters",
    "workspace:api-my-work",
    "notices:list",
    "notices:new",
    "notices:recipients",
    "orgs:administered",
    "notifications:inbox",
    "notifications:mark-all-read",
    "publicinterest:triage",
    "publicinterest:cases",
    "publicinterest:figures",
    "lawyers:home",
    "lawyers:book",
    "lawyers:file-review",
    "lawyers:complaint",
    "lawyers:cases",
    "lawyers:slots",
    "lawyers:roster",
    "lawyers:figures",
    "volunteers:me",
    "volunteers:roles",
    "volunteers:organisations",
    "volunteers:join",
    "volunteers:leave",
    "volunteers:training",
    "volunteers:training-new",
    "hearings:list",
    "hearings:new",
    "petitions:list",
    "petitions:new",
    "petitions:figures",
    "meetings:list",
    "meetings:figures",
    "agreements:list",
    "agreements:new",
    "courts:recommend",
    "courts:cases",
    "courts:share",
    "courts:import",
    "courts:figures",
    "disputes:list",
    "retrials:list",
    "retrials:new",
    "flags:list",
    "committees:list",
    "committees:new",
    "supportprosecution:list",
    "supportprosecution:new",
    "supportprosecution:referral-new",
    "legalaid:list",
    "legalaid:new",
    "publicity:list",
    "publicity:new",
    "supportprosecution:figures",
    "supportprosecution:figures-print",
    "supportprosecution:figures-xlsx",
}


def _names(patterns: list[Any], prefix: str = "") -> set[str]:
    names: set[str] = set()
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            names |= _names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            names.add(prefix + p.name)
    return names


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    procuratorate, the_court = OrganisationFactory(), court()
    prosecutor, judge = member(procuratorate, Role.PROSECUTOR), member(the_court, Role.JUDGE)
    outsider = member(OrganisationFactory(), Role.CHIEF_PROCURATOR)
    notice = sent_notice(sender=procuratorate, recipient=the_court, author=prosecutor)
    cooperation = Cooperation.objects.active().of(procuratorate).get()
    image = BytesIO()
    Image.new("RGB", (8, 8), "red").save(image, "PNG")
    attachment = attachment_upload(
        file=SimpleUploadedFile("现场.png", image.getvalue(), "image/png"),
        uploaded_by=prosecutor,
        matter=notice,
    )
    notification = Notification.objects.filter(recipient=judge).first()
    assert notification is not None
    clock = Clock.objects.get(matter=notice)
    clue = reported_clue(anonymous=False)  # reported at the procuratorate's place, Kangbashi
    addition = added_report(clue)
    case = accepted_case(reported_clue())
    followed = followed_up_case()
    observation = observation_file(
        case=followed,
        author=followed.parties.get(relation="handler").person,
        observed_on=timezone.localdate(),
        finding="rectified",
        note="已整改。",
    )
    lawyers_world = lawyer_factories.url_world(procuratorate)
    petitions_world = petition_factories.url_world(procuratorate)
    meetings_world = meeting_factories.url_world()
    courts_world = court_factories.url_world()
    disputes_world = dispute_factories.url_world()
    retrials_world = retrial_factories.url_world()
    flags_world = flag_factories.url_world()
    committees_world = committee_factories.url_world()
    publicity_world = publicity_factories.url_world(procuratorate)
    support_world = support_factories.url_world()
    material = training_publish(
        access=access_for(prosecutor),
        publisher=procuratorate,
        title="检察听证须知",
        file=SimpleUploadedFile("须知.png", image.getvalue(), "image/png"),
    )
    hearing = scheduled_hearing(by=prosecutor, case=notice)
    agreements_world = agreement_factories.url_world(procuratorate, the_court)
    hearing_invite(
        hearing=hearing, access=access_for(prosecutor), person=judge, role=HearingRole.OTHER
    )
    guarded: dict[str, tuple[str, list[Any]]] = {
        "workspace:matter": ("get", [notice.pk]),
        "workspace:api-matter": ("get", [notice.pk]),
        "workspace:transition": ("post", [notice.pk, "acknowledge"]),
        "workspace:comment": ("post", [notice.pk]),
        "workspace:approval": ("post", [notice.pk, "approve"]),
        "workspace:clock": ("post", [clock.pk, "pause"]),
        "attachments:upload": ("post", [notice.pk]),
        "attachments:download": ("get", [attachment.pk]),
        "notifications:mark-read": ("post", [notification.pk]),
        "publicinterest:reporter": ("get", [clue.pk]),
        "publicinterest:addition-reporter": ("get", [clue.pk, addition.pk]),
        "identities:reveal": ("get", [clue.pk, "reporter"]),
        "identities:reveal-item": ("get", [clue.pk, "reporter", addition.pk]),
        "publicinterest:observe": ("post", [case.pk]),
        "publicinterest:add-evidence": ("post", [case.pk]),
        "publicinterest:supervision": ("get", [followed.pk]),
        "publicinterest:assign-supervisor": ("post", [followed.pk]),
        "publicinterest:withdraw-supervisor": ("post", [followed.pk, supervisor().pk]),
        "publicinterest:review-observation": ("post", [observation.pk]),
        "recommendations:document": (
            "get",
            [followed.recommendations.get().pk, "pdf"],
        ),
        **lawyers_world["guarded"],
        **petitions_world["guarded"],
        **meetings_world["guarded"],
        **agreements_world["guarded"],
        **courts_world["guarded"],
        **disputes_world["guarded"],
        **retrials_world["guarded"],
        **flags_world["guarded"],
        **committees_world["guarded"],
        **publicity_world["guarded"],
        **support_world["guarded"],
        "volunteers:training-detail": ("get", [material.pk]),
        "volunteers:training-file": ("get", [material.pk]),
        "hearings:invite": ("get", [hearing.pk]),
        "hearings:respond": ("post", [hearing.pk]),
        # an organisation's own administrator keeps its partners; anyone else: 404
        "orgs:partners": ("get", [notice.owner_id]),
        "orgs:candidates": ("get", [notice.owner_id]),
        "orgs:cooperation-new": ("post", [notice.owner_id]),
        "orgs:cooperation-end": ("post", [notice.owner_id, cooperation.pk]),
        "orgs:own-area": ("post", [notice.owner_id]),
    }
    return {
        "notice": notice,
        "clue": clue,
        "case": case,
        "lawyer_case": lawyers_world["case"],
        "petition": petitions_world["petition"],
        "meeting": meetings_world["meeting"],
        "session": committees_world["session"],
        "support_case": support_world["case"],
        "agreement": agreements_world["agreement"],
        "retrial": retrials_world["case"],
        "event": publicity_world["event"],
        "outsider": outsider,
        "judge": judge,
        "guarded": guarded,
    }


def test_the_table_names_every_url(world) -> None:  # type: ignore[no-untyped-def]
    every = _names(get_resolver().url_patterns)
    known = (
        set(world["guarded"])
        | OWN_PAGES
        | PUBLIC
        | PUBLIC_WITH_ARGS
        | PUBLIC_OR_FRAMEWORK
        | PASSWORD_VIEWS
    )
    assert every - known == set(), "add the new URLs to test_url_access.py"


def test_an_unrelated_organisations_staff_gets_404_everywhere(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world["outsider"])
    for name, (method, args) in world["guarded"].items():
        data = {"text": "x", "reason": "x", "answer": "x"}
        response = getattr(client, method)(reverse(name, args=args), data)
        assert response.status_code == 404, name
    world["notice"].refresh_from_db()
    assert world["notice"].state == "sent"
    assert not world["notice"].timeline.filter(action="workflow.comment").exists()


def test_anonymous_visitors_are_sent_to_log_in(client, world) -> None:  # type: ignore[no-untyped-def]
    for name, (method, args) in world["guarded"].items():
        response = getattr(client, method)(reverse(name, args=args))
        if name.startswith("workspace:api-"):
            assert response.status_code == 403, name
            continue
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name
    for name in OWN_PAGES:
        response = client.get(reverse(name))
        assert response.status_code in {302, 403, 405}, name


def test_own_pages_show_nothing_of_other_organisations(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world["outsider"])
    for name in (
        "workspace:my-work",
        "lawyers:home",
        "lawyers:cases",
        "lawyers:slots",
        "lawyers:roster",
        "lawyers:figures",
        "notices:list",
        "notifications:inbox",
        "workspace:api-matters",
        "workspace:api-my-work",
        "publicinterest:triage",
        "publicinterest:cases",
        "publicinterest:figures",
        "volunteers:me",
        "volunteers:training",
        "hearings:list",
        "petitions:list",
        "petitions:figures",
        "meetings:list",
        "meetings:figures",
        "agreements:list",
        "courts:cases",
        "courts:figures",
        "disputes:list",
        "retrials:list",
        "flags:list",
        "committees:list",
        "supportprosecution:list",
        "legalaid:list",
        "publicity:list",
        "supportprosecution:figures",
        "supportprosecution:figures-print",
    ):
        page = client.get(reverse(name)).content.decode()
        assert world["notice"].case_number not in page, name
        assert world["clue"].case_number not in page, name
        assert world["case"].case_number not in page, name
        assert world["lawyer_case"].case_number not in page, name
        assert world["petition"].case_number not in page, name
        assert world["meeting"].case_number not in page, name
        assert world["agreement"].case_number not in page, name
        assert world["retrial"].case_number not in page, name
        assert world["session"].case_number not in page, name
        assert world["event"].title not in page, name
        assert world["support_case"].case_number not in page, name


def test_the_partner_sees_the_matter(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world["judge"])
    assert client.get(reverse("workspace:matter", args=[world["notice"].pk])).status_code == 200


def test_public_pages_need_no_login_and_show_no_clue(client, world) -> None:  # type: ignore[no-untyped-def]
    clue = world["clue"]
    private = (clue.case_number, clue.query_code, clue.description, clue.reporter_name)
    for name in PUBLIC:
        response = client.get(reverse(name))
        assert response.status_code in {200, 302}, name
        assert "/accounts/login/" not in response.get("Location", ""), name
        page = response.content.decode()
        for text in private:
            assert text not in page, name


def test_a_public_notice_needs_no_login(client) -> None:  # type: ignore[no-untyped-def]

    from liaison.announcements.actions import public_notice_publish
    from liaison.core.access import SYSTEM

    notice = public_notice_publish(
        access=SYSTEM,
        publisher=OrganisationFactory(),
        kind="civil_announcement",
        title="公告",
        body="公告正文",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate(),
    )
    for name in PUBLIC_WITH_ARGS:
        assert client.get(reverse(name, args=[notice.pk])).status_code == 200, name
