"""Demo data: the places, organisations and partners the five seed reports name, the cooperation
relations between them, a user for each role, information notices in every state, Datong's
public-interest clues and cases (seed 004: coal-yard dust) in every stage with its volunteers
(registered, reporting a clue, supervising a rectification, heard at a public hearing), and
Kangbashi's lawyers with their bookings, cases, a complaint and a petition (seed 000). Loaded
by ``manage.py load_demo`` (``make run``), all through the real actions and steps.

One module per seed (``kangbashi``, ``chengzhong``, ``wanzhi``, ``sixian``, ``datong``: its
organisations, people, cooperations and, for Kangbashi and Datong, their matters), the notices
between them (``notices``) and what they build on (``world``); each app's own demo (its
``demo.py``) is loaded from here, in the order below.

Unified social credit codes are made up with a valid GB 32100 check character.
"""

from __future__ import annotations

from django.db import transaction

from liaison.accounts.models import User
from liaison.courts import demo as courts_demo
from liaison.orgs.actions import cooperation_start

from . import chengzhong, datong, kangbashi, sixian, wanzhi
from .notices import load_notices
from .world import DEMO_PASSWORD as DEMO_PASSWORD  # re-exported: the demo's one password
from .world import accounts, organisations_and_people

#: The seeds' organisations, people and cooperations, seed by seed (a parent before its children;
#: each person's made-up mobile and resident ID follow from their place in ``PEOPLE``).
ORGANISATIONS = [
    *kangbashi.ORGANISATIONS,
    *chengzhong.ORGANISATIONS,
    *wanzhi.ORGANISATIONS,
    *sixian.ORGANISATIONS,
    *datong.ORGANISATIONS,
]
PEOPLE = [*kangbashi.PEOPLE, *chengzhong.PEOPLE, *wanzhi.PEOPLE, *sixian.PEOPLE, *datong.PEOPLE]
#: A notice goes only to a partner (``orgs.selectors.organisations_reachable_from``).
COOPERATIONS = [
    *kangbashi.COOPERATIONS,
    *chengzhong.COOPERATIONS,
    *wanzhi.COOPERATIONS,
    *sixian.COOPERATIONS,
    *datong.COOPERATIONS,
]


def load_demo() -> list[tuple[str, str, str]]:
    """Create the demo world (once) and return (username, name, roles) for each account."""
    if User.objects.filter(username="admin").exists():
        return accounts()
    with transaction.atomic():
        orgs, users = organisations_and_people(ORGANISATIONS, PEOPLE)
        for first, second, agreement in COOPERATIONS:
            cooperation_start(
                actor=None, organisations=(orgs[first], orgs[second]), agreement=agreement
            )
    load_notices(orgs, users)
    datong.load_public_interest(orgs, users)
    kangbashi.load_lawyers(orgs, users)
    kangbashi.load_petitions(orgs, users)
    from liaison.agreements import demo as agreements_demo

    agreements_demo.load(orgs, users)
    from liaison.meetings import demo as meetings_demo

    meetings_demo.load(orgs, users)
    from liaison.disputes import demo as disputes_demo

    # The courts' demo first: the Sixian dispute is about one of its recommendations.
    courts_demo.load(orgs, users)
    disputes_demo.load(orgs, users)
    from liaison.retrials import demo as retrials_demo

    retrials_demo.load(orgs, users)
    from liaison.flags import demo as flags_demo

    flags_demo.load(orgs, users)
    from liaison.committees import demo as committees_demo

    committees_demo.load(orgs, users)
    from liaison.supportprosecution import demo as support_demo

    support_demo.load(orgs, users)
    from liaison.legalaid import demo as legalaid_demo

    legalaid_demo.load(orgs, users)
    from liaison.supportprosecution import demo_figures as support_figures_demo

    support_figures_demo.load(orgs, users)
    User.objects.create_superuser(
        "admin", "admin@example.cn", DEMO_PASSWORD, name="系统管理员", name_en="Administrator"
    )
    return accounts()
