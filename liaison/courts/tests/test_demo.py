"""The Chengzhong demo (seed 001): a register imported and shared, a case under supervision,
a recommendation answered in time and one answered late, figures on both sides."""

import pytest

from liaison.core.demo import load_demo
from liaison.orgs.models import Organisation
from liaison.recommendations.figures import received_figures

from ..models import EnforcementCase, SupervisionCase

pytestmark = pytest.mark.django_db


def test_the_chengzhong_demo() -> None:
    load_demo()
    court = Organisation.objects.get(name="西宁市城中区人民法院")
    assert EnforcementCase.objects.filter(court=court, shares__isnull=False).count() == 4
    supervision = SupervisionCase.objects.get()
    assert supervision.state == "recommending"
    figures = received_figures(court)
    assert (figures.in_time, figures.late, figures.adopted, figures.partly) == (1, 1, 1, 1)
