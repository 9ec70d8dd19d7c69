"""A place as a member of the public gives it, for a form that must find who serves it.

A typed address is resolved to its division (``selectors.resolve_address``); when it cannot
be read, or without typing, the place is chosen in the province → city → district lists (the
choice wins when both are given). The lists fill in place with htmx from
``publicinterest:places`` (the clue report's, whose ``<option>``s name these fields' ids) and,
without JavaScript, when the form is shown again; on a phone they stack one under another
(``templates/includes/place.html``). A form mixes ``PlaceFields`` in, may redeclare
``address`` with its own label and help, and reads ``place(data)`` in its ``clean``."""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from liaison.core.forms import VisibleCharField

from .models import Division
from .selectors import children_choices, division_by_code, resolve_address

PLACE_FIELDS = ("address", "province", "prefecture", "county")


def _division_choices(
    parent: str | None, empty: Any, *, level: int | None = None
) -> list[tuple[str, Any]]:
    """The divisions under ``parent`` (or of ``level``), for a list to choose from."""
    if level is None and not parent:
        return [("", empty)]
    return [("", empty), *children_choices(parent, level)]


class PlaceFields(forms.Form):
    """The address typed, or the place chosen in the lists; ``place`` says which division."""

    address = VisibleCharField(
        label=_("Where"),
        max_length=200,
        required=False,
        help_text=_(
            "The address, e.g. 内蒙古鄂尔多斯市康巴什区青春山街道…; or choose the place below."
        ),
    )
    province = forms.ChoiceField(label=_("Province"), required=False)
    prefecture = forms.ChoiceField(label=_("City"), required=False)
    county = forms.ChoiceField(label=_("District or county"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        places = reverse("publicinterest:places")
        for name, target in (("province", "#id_prefecture"), ("prefecture", "#id_county")):
            # With JavaScript the next list fills in place (htmx); without, the form reloads it.
            self.fields[name].widget.attrs.update(
                {"hx-get": places, "hx-target": target, "hx-trigger": "change"}
            )
        province = self._chosen("province")
        prefecture = self._chosen("prefecture")
        # Read when the lists are shown, or when a choice made in them is checked: a form that
        # names its place by address reads none of them.
        self.fields["province"].choices = partial(  # type: ignore[attr-defined]
            _division_choices, None, _("Province"), level=Division.Level.PROVINCE
        )
        self.fields["prefecture"].choices = partial(_division_choices, province, _("City"))  # type: ignore[attr-defined]
        self.fields["county"].choices = partial(  # type: ignore[attr-defined]
            _division_choices,
            prefecture if prefecture and prefecture[:2] == (province or "")[:2] else None,
            _("District or county"),
        )

    def place_fields(self) -> list[forms.BoundField]:
        """The province, city and district lists, in that order."""
        return [self["province"], self["prefecture"], self["county"]]

    def other_fields(self) -> list[forms.BoundField]:
        """The visible fields that are not the place's, in their order (the rest of the form)."""
        return [f for f in self.visible_fields() if f.name not in PLACE_FIELDS]

    def place_chosen_in_lists(self) -> bool:
        """Whether the place comes from the lists (their errors then go beside them)."""
        return bool(self._chosen("county") or self._chosen("prefecture"))

    def _chosen(self, name: str) -> str | None:
        value = self.data.get(name) if self.is_bound else self.initial.get(name)
        return str(value) if value else None

    def place(self, data: dict[str, Any]) -> Division | None:
        """The division given, or None with the message on the address: none given, or an
        address that names no place we know."""
        code = data.get("county") or data.get("prefecture")
        if code:
            return division_by_code(code)
        address = data.get("address", "")
        if not address:
            if "address" not in self.errors:
                self.add_error(
                    "address",
                    ValidationError(
                        _("Say where it is: type the address, or choose the place in the lists."),
                        code="no_place",
                    ),
                )
            return None
        division = resolve_address(address)
        if division is None:
            self.add_error(
                "address",
                ValidationError(
                    _(
                        "We could not tell where “%(address)s” is. Add the province, city and "
                        "district, or choose the place in the lists."
                    ),
                    code="unknown_place",
                    params={"address": address},
                ),
            )
        return division
