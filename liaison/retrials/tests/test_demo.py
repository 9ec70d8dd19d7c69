"""The Chengzhong retrial demo (seed 001): a retrial recommendation with two items of new
evidence, one accepted and one not, retried and judged."""

import pytest

from liaison.core.demo import load_demo

from ..models import RetrialCase

pytestmark = pytest.mark.django_db


def test_the_chengzhong_retrial_demo() -> None:
    load_demo()
    case = RetrialCase.objects.get()
    assert (case.kind, case.state, case.outcome) == ("recommendation", "judged", "partly_changed")
    assert case.court.name == "西宁市城中区人民法院"
    assert [i.accepted for i in case.evidence.order_by("pk")] == [True, False]
    assert all(i.files.count() == 1 for i in case.evidence.all())
    assert case.judgment_document is not None
