"""Input for reporting a clue, for the clue officers' steps, and for the triage and progress
pages."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from liaison.attachments.validators import validate_upload
from liaison.core.validators import normalise_mobile, validate_mobile
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind
from liaison.places.models import Division
from liaison.places.selectors import division_by_code, resolve_address
from liaison.workflow.forms import StepForm

from .codes import normalise_query_code
from .images import PHOTO_TYPES
from .models import CoordinateSystem, Field

MAX_PHOTOS = 9
DESCRIPTION_MIN = 10
DESCRIPTION_MAX = 5000


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list (empty when none was chosen)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class FieldChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)


def _division_choices(parent: str | None, empty: Any) -> list[tuple[str, Any]]:
    rows = Division.objects.filter(parent_id=parent) if parent else Division.objects.none()
    return [("", empty), *rows.order_by("code").values_list("code", "name")]


class ReportForm(forms.Form):
    """A clue from the public. The place is a typed address resolved to its division, or one
    chosen in the province → city → district lists; the choice wins when both are given."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    field = FieldChoiceField(
        queryset=Field.objects.filter(active=True),
        to_field_name="code",
        label=_("Field"),
        empty_label=_("Choose the field"),
        error_messages={"required": _("Choose the field the problem belongs to.")},
    )
    description = forms.CharField(
        label=_("What is wrong"),
        min_length=DESCRIPTION_MIN,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What you saw, who is harmed, and since when."),
        error_messages={
            "required": _("Describe what is wrong."),
            "min_length": _(
                "Describe what is wrong in a few sentences (at least %(limit_value)d characters)."
            ),
        },
    )
    address = forms.CharField(
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
    latitude = forms.DecimalField(
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
        widget=forms.HiddenInput,
    )
    longitude = forms.DecimalField(
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
        widget=forms.HiddenInput,
    )
    coordinate_system = forms.ChoiceField(
        required=False, choices=[("", ""), *CoordinateSystem.choices], widget=forms.HiddenInput
    )
    seen_on = forms.DateField(
        label=_("When did you see it"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Give the day you saw it (roughly is fine).")},
    )
    photos = MultipleFileField(
        label=_("Photos"),
        required=False,
        help_text=_(
            "Up to 9 photos (JPEG, PNG or WebP). Location and camera data are removed before "
            "they are stored."
        ),
    )
    anonymous = forms.BooleanField(
        label=_("Report anonymously"),
        required=False,
        help_text=_(
            "Nobody will know who you are; you follow the clue with its query code only, and "
            "the procuratorate cannot ask you for more."
        ),
    )
    reporter_name = forms.CharField(label=_("Your name"), max_length=64, required=False)
    reporter_mobile = forms.CharField(
        label=_("Your mobile number"),
        max_length=20,
        required=False,
        help_text=_("Only the clue officers of the procuratorate that handles the clue see it."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["photos"].widget.attrs["accept"] = ",".join(sorted(PHOTO_TYPES))
        places = reverse("publicinterest:places")
        for name, target in (("province", "#id_prefecture"), ("prefecture", "#id_county")):
            # With JavaScript the next list fills in place (htmx); without, the form reloads it.
            self.fields[name].widget.attrs.update(
                {"hx-get": places, "hx-target": target, "hx-trigger": "change"}
            )
        self.fields["seen_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        province = self._chosen("province")
        prefecture = self._chosen("prefecture")
        self.fields["province"].choices = [  # type: ignore[attr-defined]
            ("", _("Province")),
            *Division.objects.filter(level=Division.Level.PROVINCE)
            .order_by("code")
            .values_list("code", "name"),
        ]
        self.fields["prefecture"].choices = _division_choices(province, _("City"))  # type: ignore[attr-defined]
        self.fields["county"].choices = _division_choices(  # type: ignore[attr-defined]
            prefecture if prefecture and prefecture[:2] == (province or "")[:2] else None,
            _("District or county"),
        )

    def place_fields(self) -> list[forms.BoundField]:
        """The province, city and district lists, in that order."""
        return [self["province"], self["prefecture"], self["county"]]

    def _chosen(self, name: str) -> str | None:
        value = self.data.get(name) if self.is_bound else self.initial.get(name)
        return str(value) if value else None

    def clean_reporter_name(self) -> str:
        return " ".join(self.cleaned_data.get("reporter_name", "").split())

    def clean_reporter_mobile(self) -> str:
        mobile = normalise_mobile(self.cleaned_data.get("reporter_mobile", ""))
        if mobile:
            validate_mobile(mobile)
        return mobile

    def clean_seen_on(self) -> date:
        seen_on: date = self.cleaned_data["seen_on"]
        if seen_on > timezone.localdate():
            raise ValidationError(_("This day is in the future."), code="future")
        return seen_on

    def clean_photos(self) -> list[tuple[Any, str]]:
        """Each photo checked by its content (type, size, that it decodes), all at once."""
        files = self.cleaned_data.get("photos") or []
        if len(files) > MAX_PHOTOS:
            raise ValidationError(
                ngettext(
                    "At most %(max)d photo; you chose %(count)d.",
                    "At most %(max)d photos; you chose %(count)d.",
                    MAX_PHOTOS,
                )
                % {"max": MAX_PHOTOS, "count": len(files)},
                code="too_many",
            )
        checked, errors = [], []
        for file in files:
            try:
                content_type = validate_upload(
                    file, allowed=PHOTO_TYPES, max_bytes=settings.LIAISON_MAX_UPLOAD_BYTES
                )
            except ValidationError as error:
                errors.extend(error.error_list)
            else:
                checked.append((file, content_type))
        if errors:
            raise ValidationError(errors)
        return checked

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("anonymous"):
            data["reporter_name"], data["reporter_mobile"] = "", ""
        else:
            if not data.get("reporter_name") and "reporter_name" not in self.errors:
                self.add_error("reporter_name", _("Give your name, or report anonymously."))
            if not data.get("reporter_mobile") and "reporter_mobile" not in self.errors:
                self.add_error(
                    "reporter_mobile", _("Give your mobile number, or report anonymously.")
                )
        data["division"] = self._place(data)
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if (latitude is None) != (longitude is None):
            raise ValidationError(
                _("The location was incomplete; please record it again."), code="half_point"
            )
        if latitude is None:
            data["coordinate_system"] = ""
        elif not data.get("coordinate_system"):
            data["coordinate_system"] = CoordinateSystem.WGS84  # what a browser's GPS gives
        return data

    def _place(self, data: dict[str, Any]) -> Division | None:
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

    @classmethod
    def fresh_key(cls) -> uuid.UUID:
        return uuid.uuid4()


class RejectForm(forms.Form):
    note = forms.CharField(
        label=_("Reason (the reporter will read it)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class TransferForm(StepForm):
    """Transfer to another active procuratorate (the clue's own is not offered)."""

    target = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(
            kind=OrganisationKind.PROCURATORATE, is_active=True
        ).order_by("path"),
        label=_("Transfer to"),
    )
    note = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.matter is not None:
            target = self.fields["target"]
            assert isinstance(target, forms.ModelChoiceField)
            target.queryset = target.queryset.exclude(pk=self.matter.owner_id)  # type: ignore[union-attr]


class TriageFilterForm(forms.Form):
    field = FieldChoiceField(
        queryset=Field.objects.all(),
        to_field_name="code",
        required=False,
        label=_("Field"),
        empty_label=_("All fields"),
    )
    state = forms.ChoiceField(label=_("State"), required=False)
    since = forms.DateField(
        label=_("Reported from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Reported until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, states: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("All states")), *states]  # type: ignore[attr-defined]


class ProgressForm(forms.Form):
    code = forms.CharField(label=_("Query code"), max_length=32)

    def clean_code(self) -> str:
        code = normalise_query_code(self.cleaned_data["code"])
        if code is None:
            raise ValidationError(
                _("A query code has 10 letters and digits, like K7M2Q-9XPRT."), code="shape"
            )
        return code
