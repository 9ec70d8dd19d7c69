"""The project's form renderer (``FORM_RENDERER``): Django's, with the select list written in
Python. Django renders every ``<option>`` through a template include, about 0.2 ms each: the
public report page's lists of fields and provinces cost 15 of its 35 ms, on the platform's
busiest page. The markup is the same as Django's templates give (``django/forms/widgets/
select.html``, ``select_option.html``, ``attrs.html``); a widget with templates of its own is
rendered by them as before."""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _attrs(attrs: dict[str, Any]) -> str:
    """As ``attrs.html``: False leaves the attribute out, True writes its name alone."""
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def _option(option: dict[str, Any]) -> str:
    return (
        f'<option value="{conditional_escape(str(option["value"]))}"'
        f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>"
    )


def render_select(widget: dict[str, Any]) -> SafeString | None:
    """The select list of a widget's context, or None when an option has its own template."""
    lines = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            lines.append(f'<optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            if option.get("template_name") != OPTION:
                return None
            lines.append(_option(option))
        if group_name:
            lines.append("</optgroup>")
    lines.append("</select>")
    # Every value above is escaped.
    return mark_safe("\n  ".join(lines))


class FormRenderer(DjangoTemplates):
    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        if template_name == SELECT:
            html = render_select(context["widget"])
            if html is not None:
                return html
        return super().render(template_name, context, request)
