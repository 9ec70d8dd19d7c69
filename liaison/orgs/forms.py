"""What an organisation's administrator types on the page of its cooperation partners, and
the "acting for" chooser of every form where a person acts for one of their organisations."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.core.forms import VisibleCharField

from .models import Organisation

#: The name of the chooser's field, the same on every page (tests and browser tests post it).
ACTING_FOR = "acting_for"
#: Why an organisation posted is refused: the user holds no seat in it that may do this.
NOT_YOUR_SEAT = _(
    "You hold no seat in that organisation that may do this: choose one of those offered."
)
NO_SEAT_CHOSEN = _("Choose the organisation you act for.")


class ActingForForm(forms.Form):
    """A form on a page where the user acts for one of their organisations (a court whose
    register they keep, a procuratorate where they prosecute, a centre that refers). The view
    passes the organisations where the user holds a seat that may do it (``acting``). With one
    there is nothing to ask and the form acts for it; with several, "acting for" offers exactly
    those, asks for a choice (none is preselected: acting for the wrong one is worse than one
    more click), refuses any other organisation posted with a plain sentence and keeps the
    choice when the page comes back with errors. The action checks the seat chosen again."""

    def __init__(self, *args: Any, acting: Iterable[Organisation] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.acting = list(acting)
        if len(self.acting) > 1:
            self.fields[ACTING_FOR] = forms.ModelChoiceField(
                label=pgettext_lazy("seat", "Acting for"),
                queryset=Organisation.objects.filter(pk__in=[o.pk for o in self.acting]).order_by(
                    "path", "name"
                ),
                empty_label=_("Choose the organisation"),
                help_text=_("You hold seats in several organisations: which one does this?"),
                error_messages={"required": NO_SEAT_CHOSEN, "invalid_choice": NOT_YOUR_SEAT},
            )
            self.order_fields([ACTING_FOR, *(name for name in self.fields if name != ACTING_FOR)])

    @property
    def asks_acting_for(self) -> bool:
        """Whether the page shows the chooser (the user holds several such seats)."""
        return ACTING_FOR in self.fields

    def chosen_organisation(self) -> Organisation | None:
        """The organisation acted for as far as the form knows it: the only one, or the one
        chosen once cleaned (None before, or when the choice was missing or refused). A form's
        own ``clean`` asks it for rules that depend on the organisation."""
        if len(self.acting) == 1:
            return self.acting[0]
        chosen: Organisation | None = getattr(self, "cleaned_data", {}).get(ACTING_FOR)
        return chosen

    def acting_organisation(self) -> Organisation:
        """The organisation chosen (or the only one); call once the form is valid."""
        chosen = self.chosen_organisation()
        if chosen is None:
            raise ValueError("No organisation to act for: is the form valid?")
        return chosen

    def action_data(self) -> dict[str, Any]:
        """The cleaned data the action takes: all but the seat, which it takes by name."""
        return {k: v for k, v in self.cleaned_data.items() if k != ACTING_FOR}


class CooperationStartForm(forms.Form):
    """A new partner, found by a search (``selectors.partner_candidates``), never picked from a
    list of every organisation in the country; the agreement it rests on."""

    partner_search = VisibleCharField(
        label=_("Organisation"),
        required=False,
        max_length=100,
        help_text=_("Type part of the organisation's name, then choose it from the list."),
    )
    partner = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(is_active=True),
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Search for the organisation and choose it."),
            "invalid_choice": _("Search for the organisation and choose it."),
        },
    )
    agreement = VisibleCharField(
        label=_("Agreement"),
        required=False,
        max_length=200,
        help_text=_(
            "The document the cooperation rests on, e.g. 《关于建立公益诉讼协作配合机制的意见》."
        ),
    )


class CooperationEndForm(forms.Form):
    reason = VisibleCharField(
        label=_("Why it ends"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why the cooperation ends.")},
    )


class OwnAreaForm(forms.Form):
    works_with_own_area = forms.BooleanField(
        label=_("Organisations in our own area count as partners"),
        required=False,
        help_text=_(
            "Besides the organisations it has a cooperation relation with, it may send notices "
            "to every organisation in its own area: its province, city or county, as its level "
            "is, and everything below it."
        ),
    )
