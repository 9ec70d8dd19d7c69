"""A state reads as a state: every workflow's state labels carry a translation context, so
that a state and a field's label that share an English word are translated apart (a closed
hearing is 已结束, not 办结时间, the label of its ``closed_at`` field)."""

from __future__ import annotations

import pytest
from django.utils import translation

from liaison.hearings.workflows import HEARING
from liaison.workflow.registry import all_workflows


def _context_of(label: object) -> str | None:
    """The context a lazy ``pgettext_lazy`` label was declared with (None for ``gettext_lazy``)."""
    args = getattr(label, "_args", ())
    return args[0] if len(args) == 2 else None


@pytest.mark.parametrize("workflow", all_workflows(), ids=lambda w: w.name)
def test_every_state_label_has_a_context(workflow):
    missing = [code for code, label in workflow.states.items() if not _context_of(label)]
    assert missing == [], f"{workflow.name}: states without a context: {missing}"


@pytest.mark.parametrize("workflow", all_workflows(), ids=lambda w: w.name)
def test_no_state_reads_as_one_of_its_models_fields(workflow):
    with translation.override("zh-hans"):
        fields = {
            str(f.verbose_name): f.name
            for f in workflow.model_class()._meta.get_fields()
            if getattr(f, "verbose_name", None)
        }
        clashes = {
            code: fields[str(label)]
            for code, label in workflow.states.items()
            if str(label) in fields and code != fields[str(label)]
        }
    assert clashes == {}, f"{workflow.name}: states read as field labels: {clashes}"


def test_a_closed_hearing_reads_as_ended():
    with translation.override("zh-hans"):
        assert str(HEARING.state_label("closed")) == "已结束"
        closed_at = HEARING.model_class()._meta.get_field("closed_at").verbose_name
        assert str(closed_at) == "办结时间"
    with translation.override("en"):
        assert str(HEARING.state_label("closed")) == "closed"
