"""What an organisation's administrator types on the page of its cooperation partners."""

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.core.forms import VisibleCharField

from .models import Organisation


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
