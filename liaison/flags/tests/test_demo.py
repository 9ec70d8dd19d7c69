"""The demo's flag: between the Chengzhong court and procuratorate (seed 001), acknowledged within
its answer period and closed with the court's case reopened; both sides see it, nobody else."""

import pytest

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.core.demo import load_demo

from ..models import Flag
from ..selectors import answer_clock, flags_visible_to

pytestmark = pytest.mark.django_db


def test_the_demo_flags_a_chengzhong_matter_as_false_litigation() -> None:
    load_demo()
    flag = Flag.objects.select_related("owner").get()
    assert (flag.kind, flag.state, flag.outcome) == ("false_litigation", "closed", "reopened")
    assert flag.answer == "acknowledged"
    clock = answer_clock(flag)
    assert clock is not None and clock.period_code == "flags.answer" and clock.met_in_time
    for username in ("cz_prosecutor", "cz_enforcement"):
        person = User.objects.get(username=username)
        assert list(flags_visible_to(access_for(person))) == [flag], username
    assert not flags_visible_to(access_for(User.objects.get(username="sx_prosecutor"))).exists()
