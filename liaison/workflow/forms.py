"""Forms for the engine's own steps: comments and the hand-operated clock controls."""

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.deadlines.models import Unit


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class ClockReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ClockExtendForm(forms.Form):
    amount = forms.IntegerField(label=_("By"), min_value=1, max_value=365)
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
