"""The project's form renderer writes select lists in Python: they must be Django's markup,
for any label, value, attribute and grouping a form may give."""

from __future__ import annotations

from django import forms
from django.forms.renderers import DjangoTemplates
from django.test.html import parse_html
from hypothesis import given, settings
from hypothesis import strategies as st

from liaison.core.renderers import FormRenderer

DJANGO = DjangoTemplates()
OURS = FormRenderer()

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
choices = st.lists(st.tuples(texts, texts), max_size=6)
grouped = st.lists(st.one_of(st.tuples(texts, texts), st.tuples(texts, choices)), max_size=5)


def _both(widget: forms.Widget, name: str, value: object, attrs: dict | None = None) -> tuple:
    return (
        widget.render(name, value, attrs=attrs, renderer=OURS),
        widget.render(name, value, attrs=attrs, renderer=DJANGO),
    )


@settings(max_examples=150, deadline=None)
@given(grouped, texts, texts, st.booleans(), st.booleans())
def test_a_select_list_is_djangos_markup(options, name, value, required, disabled) -> None:
    attrs = {"class": "form-select", "required": required, "disabled": disabled, "data-x": value}
    ours, django = _both(forms.Select(choices=options), name, value, attrs)
    assert parse_html(ours) == parse_html(django)


@settings(max_examples=100, deadline=None)
@given(choices, st.lists(texts, max_size=3))
def test_a_multiple_select_list_is_djangos_markup(options, values) -> None:
    ours, django = _both(forms.SelectMultiple(choices=options), "many", values)
    assert parse_html(ours) == parse_html(django)


def test_the_special_selects_are_djangos_markup() -> None:
    for widget, value in [
        (forms.NullBooleanSelect(), True),
        (forms.NullBooleanSelect(), None),
        (forms.Select(choices=[("<b>", "a & b"), ("", "—")]), "<b>"),
        (forms.Select(choices=[(1, "one"), (2, "two")]), 2),
    ]:
        ours, django = _both(widget, "x", value)
        assert parse_html(ours) == parse_html(django)


def test_a_widget_with_its_own_option_template_keeps_it() -> None:
    class Marked(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    widget = Marked(choices=[("a", "A")])
    ours, django = _both(widget, "x", "a")
    assert ours == django
