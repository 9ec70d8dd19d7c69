"""Input from the public: the clue report form, its nearby list and the progress page, and
the checks of a reporter's files (an addition to a clue uses them too)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from liaison.attachments.forms import (
    MultipleFileField,
    checked_files,
)
from liaison.attachments.images import PHOTO_TYPES
from liaison.attachments.validators import (
    MP4,
    base_name,
)
from liaison.core.forms import IdentifierField, VisibleCharField
from liaison.core.validators import normalise_mobile, validate_mobile
from liaison.places.forms import PLACE_FIELDS, PlaceFields
from liaison.places.selectors import (
    division_by_code,
    point_verdict,
    resolve_address,
)

from .codes import normalise_query_code
from .models import (
    CoordinateSystem,
    Field,
)

MAX_PHOTOS = 9
#: What a reporter may send with a clue or an addition: photos and short MP4 videos, 9 in all.
REPORT_FILE_TYPES: frozenset[str] = PHOTO_TYPES | {MP4}
DESCRIPTION_MIN = 10
DESCRIPTION_MAX = 5000


def checked_report_files(files: Any) -> list[tuple[Any, str]]:
    """A reporter's photos and videos (9 in all), checked by content; a video must also be a
    well-formed MP4 (``videos.check_video``), as a photo must decode."""
    from .videos import DamagedVideo, check_video

    checked = checked_files(files, allowed=REPORT_FILE_TYPES)
    damaged = []
    for file, content_type in checked:
        if content_type != MP4:
            continue
        try:
            check_video(file)
        except DamagedVideo:
            damaged.append(
                ValidationError(
                    _("The video “%(name)s” is damaged or incomplete; please send it again."),
                    code="invalid_video",
                    params={"name": base_name(getattr(file, "name", ""))},
                )
            )
    if damaged:
        raise ValidationError(damaged)
    return checked


class FieldChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)


class ActiveFieldChoiceField(FieldChoiceField):
    """An active field: those offered are the queryset's; the one chosen is checked against
    the cached active fields (``selectors.active_field``): every public report names one."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        from .selectors import active_field

        found = active_field(str(value))
        if found is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return found


def _field_choices() -> list[tuple[str, Any]]:
    """The active fields offered, from the cache (the list the choice is checked against),
    named in the reader's language when the list is shown."""
    from .selectors import cached_active_fields

    return [
        ("", _("Choose the field")),
        *((code, f.label) for code, f in cached_active_fields().items()),
    ]


class ReportForm(PlaceFields):
    """A clue from the public. The place is a typed address resolved to its division, or one
    chosen in the province → city → district lists; the choice wins when both are given
    (``places.forms.PlaceFields``, which the online support application shares)."""

    field_order = (
        "submission_key",
        "field",
        "description",
        *PLACE_FIELDS,
        "latitude",
    )

    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    field = ActiveFieldChoiceField(
        queryset=Field.objects.filter(active=True),
        to_field_name="code",
        label=_("Field"),
        empty_label=_("Choose the field"),
        error_messages={"required": _("Choose the field the problem belongs to.")},
    )
    description = VisibleCharField(
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
    latitude = forms.DecimalField(
        label=_("Latitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
        widget=forms.NumberInput(attrs={"step": "0.000001", "inputmode": "decimal"}),
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
        widget=forms.NumberInput(attrs={"step": "0.000001", "inputmode": "decimal"}),
    )
    coordinate_system = forms.ChoiceField(
        label=_("Coordinates from"), required=False, choices=CoordinateSystem.choices
    )
    #: The reporter's answer when the point lies far from the place named (``_check_point``).
    point_confirmed = forms.BooleanField(
        label=_("Both are right: the problem is where the point is, and the address is right"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    seen_on = forms.DateField(
        label=_("When did you see it"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Give the day you saw it (roughly is fine).")},
    )
    photos = MultipleFileField(
        label=_("Photos and short videos"),
        required=False,
        help_text=_(
            "Up to 9 files: photos (JPEG, PNG or WebP) and short MP4 videos, each at most "
            "%(limit)s. Location, camera and time data are removed before they are stored; "
            "what a picture or a video shows (and says) is kept as it is."
        ),
    )
    #: The open clue nearby that the reporter adds to ("I see this too"), by its button.
    add_to = forms.IntegerField(required=False, widget=forms.HiddenInput)
    #: Set once the reporter has been shown the open clues nearby (by the page or the script).
    nearby_seen = forms.BooleanField(required=False, widget=forms.HiddenInput)
    anonymous = forms.BooleanField(
        label=_("Report anonymously"),
        required=False,
        help_text=_(
            "Nobody will know who you are; you follow the clue with its query code only, and "
            "the procuratorate cannot ask you for more."
        ),
    )
    reporter_name = VisibleCharField(label=_("Your name"), max_length=64, required=False)
    reporter_mobile = IdentifierField(
        label=_("Your mobile number"),
        max_length=20,
        required=False,
        help_text=_("Only the clue officers of the procuratorate that handles the clue see it."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        photos = self.fields["photos"]
        photos.widget.attrs["accept"] = ",".join(sorted(REPORT_FILE_TYPES))
        photos.help_text = str(photos.help_text) % {
            "limit": filesizeformat(settings.LIAISON_MAX_UPLOAD_BYTES)
        }
        self.fields["seen_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.fields["field"].choices = _field_choices  # type: ignore[attr-defined]

    def point_fields(self) -> list[forms.BoundField]:
        """Latitude, longitude and the system they are in: shown and editable, map or not."""
        return [self["latitude"], self["longitude"], self["coordinate_system"]]

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
        return checked_report_files(self.cleaned_data.get("photos"))

    def markup_key(self) -> str | None:
        """What the empty form's markup depends on, for the report page's fragment cache
        (``report.html``): ``empty_markup_key``. None for a form with data: each is rendered
        afresh, with its own values and messages."""
        return None if self.is_bound else self.empty_markup_key()

    @staticmethod
    def empty_markup_key() -> str:
        """What the empty form's markup depends on: everyone who opens the busiest page gets the
        same empty form, so it is rendered once per language, day (``seen_on``'s default and
        limit), fields and provinces (the versions of their copies, ``core.localcopy``) and
        upload limit. Also the key of the whole page kept for strangers (``core.pagecache``)."""
        from liaison.places.selectors import DIVISIONS

        from .selectors import ACTIVE_FIELDS

        return repr(
            (
                get_language(),
                timezone.localdate().isoformat(),
                # The fields and the provinces offered are those of the copies' versions: a
                # field or a division changed anywhere gives the lists a new key.
                ACTIVE_FIELDS.version(),
                DIVISIONS.version(),
                settings.LIAISON_MAX_UPLOAD_BYTES,
            )
        )

    def nearby(self) -> list[Any]:
        """The open clues of the chosen field near the place given (a valid form's)."""
        from .duplicates import open_clues_near

        data = self.cleaned_data
        return open_clues_near(
            field=data["field"],
            division_code=data["division"].code,
            division=data["division"],
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            coordinate_system=data.get("coordinate_system", ""),
            address=data.get("address", ""),
        )

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
        data["division"] = self.place(data)
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if (latitude is None) != (longitude is None):
            raise ValidationError(
                _("The location was incomplete; please record it again."), code="half_point"
            )
        if latitude is None:
            data["coordinate_system"] = ""
        elif not data.get("coordinate_system"):
            data["coordinate_system"] = CoordinateSystem.WGS84  # what a browser's GPS gives
        self._check_point(data)
        return data

    def _check_point(self, data: dict[str, Any]) -> None:
        """A point must agree with the place named (``places.agreement``): one outside China's
        region is refused; one far from the place is a question, answered by correcting the
        address or the point, or by ticking ``point_confirmed``."""
        from .clue_actions import POINT_OUTSIDE, point_question

        division, latitude = data.get("division"), data.get("latitude")
        if division is None or latitude is None or data.get("longitude") is None:
            return
        verdict = point_verdict(
            division, latitude, data["longitude"], data.get("coordinate_system", "")
        )
        data["verdict"] = verdict  # ``clue_submit`` need not ask again
        if verdict.outside:
            self.add_error("latitude", ValidationError(POINT_OUTSIDE, code="point_outside"))
        elif verdict.far and not data.get("point_confirmed"):
            self.add_error("latitude", ValidationError(point_question(verdict), code="point_far"))

    @property
    def asks_about_the_point(self) -> bool:
        """Whether the page asks the reporter to confirm a point far from the place named."""
        if self.has_error("latitude", "point_far"):
            return True
        confirmed = self.is_bound and bool(self.data.get("point_confirmed"))
        return confirmed and not self.has_error("latitude")


class NearbyForm(forms.Form):
    """What the report form knows so far, for the list of open clues nearby (htmx asks for it as
    the reporter fills the form in). Whatever is missing or wrong simply finds nothing."""

    field = forms.ModelChoiceField(queryset=Field.objects.filter(active=True), to_field_name="code")
    latitude = forms.DecimalField(
        required=False, max_digits=9, decimal_places=6, min_value=-90, max_value=90
    )
    longitude = forms.DecimalField(
        required=False, max_digits=9, decimal_places=6, min_value=-180, max_value=180
    )
    coordinate_system = forms.ChoiceField(required=False, choices=CoordinateSystem.choices)
    county = IdentifierField(required=False, max_length=6)
    prefecture = IdentifierField(required=False, max_length=6)
    address = VisibleCharField(required=False, max_length=200)

    def nearby(self) -> list[Any]:
        from .duplicates import open_clues_near

        if not self.is_valid():
            return []
        data = self.cleaned_data
        code = data["county"] or data["prefecture"]
        division = division_by_code(code) if code else None
        if division is None and data["address"]:
            division = resolve_address(data["address"])
        point = data["latitude"] is not None and data["longitude"] is not None
        if division is None and not point:
            return []
        return open_clues_near(
            field=data["field"],
            division_code=division.code if division else "",
            latitude=data["latitude"] if point else None,
            longitude=data["longitude"] if point else None,
            coordinate_system=data["coordinate_system"] or CoordinateSystem.WGS84,
            address=data["address"],
        )


class ProgressForm(forms.Form):
    code = IdentifierField(label=_("Query code"), max_length=32)

    def clean_code(self) -> str:
        code = normalise_query_code(self.cleaned_data["code"])
        if code is None:
            raise ValidationError(
                _("A query code has 10 letters and digits, like K7M2Q-9XPRT."), code="shape"
            )
        return code
