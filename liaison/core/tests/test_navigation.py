"""Menus and buttons only for those who may use them: the navigation bar comes from one
registry (``core/navigation.py``), each entry with the rule its page enforces, so for every kind
of user every link shown opens and every link not shown would be refused."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from liaison.core.access import access_for
from liaison.core.navigation import NavEntry, entries_for, register, registered
from liaison.core.tests.factories import OrganisationFactory, UserFactory, member
from liaison.lawyers.tests.factories import bureau, lawyer
from liaison.notices.workflows import NOTICE
from liaison.orgs.roles import OrganisationKind, Role
from liaison.publicinterest.tests.factories import agency, agency_officer
from liaison.volunteers.tests.factories import volunteer, youth_volunteers
from liaison.workflow.tests.factories import court

pytestmark = pytest.mark.django_db

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-Hans"}
KINDS = [
    "prosecutor",
    "clue officer",
    "judge",
    "agency officer",
    "lawyer",
    "unverified lawyer",
    "volunteer",
    "legal-aid officer",
    "judicial bureau officer",
    "site administrator",
    "anonymous",
]


@pytest.fixture
def people() -> dict[str, Any]:
    procuratorate = OrganisationFactory()
    aid_centre = OrganisationFactory(kind=OrganisationKind.LEGAL_AID_CENTRE, name="法律援助中心")
    return {
        "prosecutor": member(procuratorate, Role.PROSECUTOR),
        "clue officer": member(procuratorate, Role.CLUE_OFFICER),
        "judge": member(court(), Role.JUDGE),
        "agency officer": agency_officer(agency()),
        "lawyer": lawyer(at=procuratorate).user,
        "unverified lawyer": lawyer(at=procuratorate, verified=False).user,
        "volunteer": volunteer(joins=youth_volunteers()),
        "legal-aid officer": member(aid_centre, Role.LEGAL_AID_OFFICER),
        "judicial bureau officer": member(bureau(of=procuratorate), Role.BUREAU_OFFICER),
        "site administrator": UserFactory(is_staff=True),
        "anonymous": None,
    }


def _client(person: Any) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


def _menu(page: str) -> list[str]:
    """The links of the page's navigation bar, in order."""
    bar = re.search(
        r'<ul class="navbar-nav me-auto">(.*)</ul>\s*<form[^>]*language-switcher', page, re.S
    )
    bar = bar or re.search(r'<ul class="navbar-nav me-auto">(.*?)</ul>\s*</div>', page, re.S)
    assert bar, "no navigation bar"
    # The links of the bar and of its menus (``NavGroup``), not the menus' toggles.
    return [href for href in re.findall(r'href="([^"]+)"', bar.group(1)) if href != "#"]


def _refused(response: Any) -> bool:
    if response.status_code in {403, 404}:
        return True
    where = response.get("Location", "")
    return response.status_code == 302 and ("/accounts/login/" in where or "/admin/login/" in where)


@pytest.mark.parametrize("kind", KINDS)
def test_every_link_shown_opens_and_every_link_not_shown_is_refused(kind, people):
    client = _client(people[kind])
    start = reverse("home") if people[kind] else reverse("publicinterest:intro")
    page = client.get(start, follow=True).content.decode()
    shown = _menu(page)
    assert shown, kind
    for entry in registered():
        url = reverse(entry.url_name)
        response = client.get(url)
        if url in shown:
            assert response.status_code == 200, f"{kind}: {entry.url_name} shown but refused"
        elif not entry.public:
            assert _refused(response), f"{kind}: {entry.url_name} hidden but opens"
    # The same links, the bar's menus gathering each field's (``NavGroup``) where it begins.
    assert sorted(shown) == sorted(
        reverse(e.url_name) for e in entries_for(access_for(people[kind]))
    )


def test_a_lawyer_sees_no_notice_sending_and_no_volunteer_page(people):
    client = _client(people["lawyer"])
    page = client.get(reverse("lawyers:home"), **ZH).content.decode()
    assert "发送信息通报" not in page and "我的志愿者主页" not in page
    assert reverse("notices:list") not in _menu(page)
    assert reverse("volunteers:me") not in _menu(page)
    assert client.get(reverse("notices:list")).status_code == 403
    assert client.get(reverse("volunteers:me")).status_code == 403


def test_an_agency_sees_no_lawyers_and_no_petitions_menus(people):
    client = _client(people["agency officer"])
    page = client.get(reverse("workspace:my-work"), **ZH).content.decode()
    assert 'data-testid="nav-lawyers"' not in page and 'data-testid="nav-petitions"' not in page
    assert ">律师<" not in page and ">信访<" not in page
    assert reverse("notices:list") in _menu(page)


def test_a_volunteer_sees_their_page_and_no_staff_menus(people):
    page = _client(people["volunteer"]).get(reverse("workspace:my-work")).content.decode()
    menu = _menu(page)
    assert reverse("volunteers:me") in menu
    assert not {reverse("notices:list"), reverse("petitions:list"), reverse("lawyers:home")} & set(
        menu
    )


def test_the_send_button_asks_the_notice_workflow(people, monkeypatch):
    """Whoever may open a notice (its workflow's ``opened_by``) sees the button; one who only
    receives notices does not."""
    monkeypatch.setattr(NOTICE, "opened_by", frozenset({Role.PROSECUTOR}))
    url = reverse("notices:list")
    prosecutor = _client(people["prosecutor"]).get(url, **ZH).content.decode()
    judge = _client(people["judge"]).get(url, **ZH)
    assert judge.status_code == 200
    assert 'data-testid="send-notice"' in prosecutor and "发送信息通报" in prosecutor
    assert 'data-testid="send-notice"' not in judge.content.decode()


def test_the_unread_count_stands_beside_the_inbox(people, monkeypatch):
    monkeypatch.setattr(
        "liaison.notifications.selectors.unread_count", lambda user: 3, raising=True
    )
    page = _client(people["prosecutor"]).get(reverse("workspace:my-work")).content.decode()
    assert re.search(r'data-testid="unread">3<', page)


def test_one_url_cannot_be_registered_twice_with_different_rules():
    entry = registered()[0]
    register(entry)  # the same entry again (an app's ready() run twice) is harmless
    with pytest.raises(Exception, match="two navigation entries"):
        register(NavEntry(entry.url_name, "x", lambda access: True, order=1))


@pytest.mark.parametrize(
    ("language", "own_names"),
    [("zh-Hans", ["简体中文", "English"]), ("en", ["简体中文", "English"])],
)
def test_the_language_menu_names_each_language_in_its_own_words(language, own_names):
    page = Client().get(reverse("login"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    switcher = re.search(r'<select name="language".*?</select>', page, re.S)
    assert switcher
    assert re.findall(r"<option[^>]*>([^<]+)</option>", switcher.group(0)) == own_names
    assert "英语" not in switcher.group(0)


def test_a_rule_is_answered_once_per_request(people):
    """The menu and the page it opens ask the same rule; a rule that needs a query runs once."""
    calls: list[int] = []

    def rule(access: Any) -> bool:
        calls.append(1)
        return True

    access = access_for(people["judge"])
    assert access.ask(rule) and access.ask(rule)
    assert calls == [1]
