"""Input of lawyers and of the staff who receive them. Every refusal is a message next to the
field, in the reader's language, with what was typed kept."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.accounts.forms import PersonNumbersMixin
from liaison.attachments.validators import IMAGE_TYPES, PDF, validate_upload
from liaison.core.forms import IdentifierField, PasswordField, VisibleCharField
from liaison.core.validators import (
    normalise_lawyer_licence,
    validate_lawyer_licence,
    validate_mobile,
    validate_uscc,
)
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind
from liaison.workflow.forms import StepForm

from .models import Authority, CaseKind, Lawyer, PleaSigning, Purpose, ReceptionSlot, Right

#: What papers and complaint attachments may be: scans (PDF) or photos.
PAPER_TYPES = frozenset({PDF, *IMAGE_TYPES})
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def procuratorates() -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        kind=OrganisationKind.PROCURATORATE, is_active=True
    ).order_by("path")


class NamedModelChoiceField(forms.ModelChoiceField):
    """Choices shown by the person's or organisation's name, not ``str()``."""

    def label_from_instance(self, obj: Any) -> str:
        user = getattr(obj, "user", None)
        if user is not None:
            return f"{user.display_name} · {obj.firm.name}"
        display = getattr(obj, "display_name", None)
        return str(display() if callable(display) else display or obj)


class PaperField(forms.FileField):
    """A scan or photo of a paper, checked by content like every upload."""

    def clean(self, data: Any, initial: Any = None) -> Any:
        file = super().clean(data, initial)
        if file:
            validate_upload(file, allowed=PAPER_TYPES)
        return file


# -- registration -------------------------------------------------------------------------------


class RegistrationForm(PersonNumbersMixin, forms.Form):
    """A lawyer registers: who they are, their practising certificate and their firm."""

    name = VisibleCharField(label=_("Full name"), max_length=64)
    mobile = IdentifierField(label=_("Mobile"), validators=[validate_mobile])
    licence_number = IdentifierField(
        label=_("Practising-certificate number"),
        max_length=32,
        help_text=_("The 17 digits on your practising certificate (律师执业证)."),
    )
    firm_name = VisibleCharField(label=_("Law firm"), max_length=128)
    firm_uscc = IdentifierField(
        label=_("Law firm's unified social credit code"),
        max_length=32,
        help_text=_("18 characters, on the firm's practising licence."),
    )
    procuratorate = NamedModelChoiceField(
        queryset=procuratorates(),
        label=_("Procuratorate"),
        help_text=_("Where you practise: it verifies you with the judicial bureau of its place."),
    )
    username = IdentifierField(label=_("Username"), max_length=150)
    password1 = PasswordField(label=_("Password"))
    password2 = PasswordField(label=_("Password again"))

    def clean_licence_number(self) -> str:
        value = normalise_lawyer_licence(self.cleaned_data["licence_number"])
        validate_lawyer_licence(value)
        # Whether a lawyer holds this number already is not said here, to anyone: the holder
        # is told instead (actions.lawyer_registration_start).
        return value

    def clean_firm_uscc(self) -> str:
        value = self.cleaned_data["firm_uscc"].strip().replace(" ", "").upper()
        validate_uscc(value)
        other = Organisation.objects.filter(uscc=value).exclude(kind=OrganisationKind.LAW_FIRM)
        if other.exists():
            raise forms.ValidationError(
                _("This credit code belongs to an organisation that is not a law firm."),
                code="uscc_not_a_firm",
            )
        return value

    def clean_username(self) -> str:
        value = self.cleaned_data["username"].strip()
        if get_user_model().objects.filter(username__iexact=value).exists():
            raise forms.ValidationError(_("This username is taken; choose another."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            user = get_user_model()(username=data.get("username", ""), name=data.get("name", ""))
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


# -- cases --------------------------------------------------------------------------------------


class CaseForm(forms.Form):
    """Staff register a case lawyers will act in."""

    owner = NamedModelChoiceField(queryset=Organisation.objects.none(), label=_("Procuratorate"))
    title = VisibleCharField(label=_("Case name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of case"), choices=CaseKind.choices)
    cause = VisibleCharField(label=_("Charge or cause of action"), max_length=100)
    suspect = VisibleCharField(label=_("Suspect or defendant"), max_length=64)
    victim = VisibleCharField(label=_("Victim"), max_length=64, required=False)

    def __init__(self, *args: Any, owners: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = owners
        if owners.count() == 1:
            field.initial = owners.first()


class CounselForm(forms.Form):
    """Staff link a verified lawyer to a case once the power of attorney is checked."""

    lawyer = NamedModelChoiceField(
        queryset=Lawyer.objects.filter(verified_at__isnull=False)
        .select_related("user", "firm")
        .order_by("user__name"),
        label=_("Lawyer"),
        error_messages={"invalid_choice": _("Choose a verified lawyer.")},
    )
    client = VisibleCharField(label=_("Acting for"), max_length=64)


class CounselEndForm(forms.Form):
    """The handling staff end a lawyer of record; the lawyer is told the reason."""

    reason = VisibleCharField(
        label=_("Why the lawyer no longer acts in this case"),
        max_length=200,
        help_text=_("E.g. the power of attorney was revoked. The lawyer is told this."),
        error_messages={"required": _("Give the reason why the lawyer no longer acts.")},
    )


class ExtendForm(forms.Form):
    until = forms.DateField(label=_("New time limit"), widget=DATE_WIDGET)
    note = VisibleCharField(
        label=_("Reason (kept inside the procuratorate)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_until(self) -> Any:
        until = self.cleaned_data["until"]
        if until <= timezone.localdate():
            raise forms.ValidationError(_("An extended time limit ends after today."))
        return until


class IndictForm(forms.Form):
    court = VisibleCharField(label=_("Court"), max_length=100)


class HearingForm(forms.Form):
    when = forms.DateTimeField(label=_("Hearing date and time"), widget=DATETIME_WIDGET)
    court = VisibleCharField(label=_("Court"), max_length=100)


class PleaSigningForm(StepForm):
    """Who was present at the signing: a lawyer of record or a duty lawyer on the roster that
    day, and a prosecutor of the procuratorate."""

    signed_at = forms.DateTimeField(label=_("Signed at"), widget=DATETIME_WIDGET)
    lawyer = NamedModelChoiceField(queryset=Lawyer.objects.none(), label=_("Lawyer present"))
    prosecutor = NamedModelChoiceField(
        queryset=get_user_model().objects.none(), label=_("Prosecutor present")
    )
    recommendation = VisibleCharField(
        label=_("Sentencing recommendation"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from liaison.orgs.selectors import members_with_role

        if self.matter is None:
            return
        lawyer_field = self.fields["lawyer"]
        prosecutor_field = self.fields["prosecutor"]
        assert isinstance(lawyer_field, forms.ModelChoiceField)
        assert isinstance(prosecutor_field, forms.ModelChoiceField)
        lawyer_field.queryset = (
            Lawyer.objects.filter(
                Q(cases__case_id=self.matter.pk, cases__ended_at__isnull=True)
                | Q(duty_days__procuratorate_id=self.matter.owner_id)
            )
            .distinct()
            .select_related("user", "firm")
            .order_by("user__name")
        )
        prosecutor_field.queryset = members_with_role(
            self.matter.owner, ["prosecutor", "department_head", "chief_procurator"]
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lawyer, signed_at = data.get("lawyer"), data.get("signed_at")
        if lawyer is None or signed_at is None or self.matter is None:
            return data
        of_record = lawyer.cases.filter(case_id=self.matter.pk, ended_at__isnull=True).exists()
        on_duty = lawyer.duty_days.filter(
            procuratorate_id=self.matter.owner_id, day=timezone.localtime(signed_at).date()
        ).exists()
        if not (of_record or on_duty):
            self.add_error(
                "lawyer",
                _("This lawyer neither acts in the case nor was on duty that day."),
            )
        data["capacity"] = PleaSigning.Capacity.COUNSEL if of_record else PleaSigning.Capacity.DUTY
        return data


class OpinionForm(forms.Form):
    position = forms.ChoiceField(
        label=_("On the sentencing recommendation, you"),
        choices=PleaSigning.Position.choices,
        widget=forms.RadioSelect,
    )
    opinion = VisibleCharField(label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 4}))


class DutyForm(forms.Form):
    """The judicial bureau puts a verified lawyer on a procuratorate's duty roster for a day."""

    procuratorate = NamedModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Procuratorate")
    )
    day = forms.DateField(label=_("Day"), widget=DATE_WIDGET)
    lawyer = NamedModelChoiceField(
        queryset=Lawyer.objects.filter(verified_at__isnull=False)
        .select_related("user", "firm")
        .order_by("user__name"),
        label=_("Duty lawyer"),
        error_messages={"invalid_choice": _("Choose a verified lawyer.")},
    )

    def __init__(self, *args: Any, served: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["procuratorate"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = served
        if served.count() == 1:
            field.initial = served.first()

    def clean_day(self) -> Any:
        day = self.cleaned_data["day"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("The roster is made for today and later days."))
        return day


# -- reception booking --------------------------------------------------------------------------


class SlotForm(forms.Form):
    """A procuratorate publishes a reception slot."""

    procuratorate = NamedModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Procuratorate")
    )
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME_WIDGET)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DATETIME_WIDGET)
    place = VisibleCharField(label=_("Place"), max_length=200)
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=100, initial=1)

    def __init__(self, *args: Any, owners: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["procuratorate"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = owners
        if owners.count() == 1:
            field.initial = owners.first()

    def clean_starts_at(self) -> Any:
        starts = self.cleaned_data["starts_at"]
        if starts <= timezone.now():
            raise forms.ValidationError(
                _("This time has already passed; a slot must start in the future."),
                code="slot_in_past",
            )
        return starts

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("A slot ends after it starts."))
        return data


class BookingForm(forms.Form):
    """A lawyer books a slot for one of the cases they act in at its procuratorate."""

    case = forms.ModelChoiceField(
        queryset=Lawyer.objects.none(),
        label=_("Case"),
        error_messages={
            "invalid_choice": _(
                "Choose one of the cases you act in at this procuratorate; you can book only "
                "for those."
            ),
            "required": _("Choose the case the reception is for."),
        },
    )
    request = VisibleCharField(
        label=_("What you ask for"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. which volumes of the file, or the opinion you will submit."),
    )

    def __init__(self, *args: Any, cases: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["case"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = cases
        field.label_from_instance = lambda case: f"{case.case_number} {case.title}"  # type: ignore[method-assign,assignment]


class MoveForm(StepForm):
    """Staff move a booking to another open slot of the same procuratorate and purpose."""

    slot = forms.ModelChoiceField(
        queryset=ReceptionSlot.objects.none(),
        label=_("New slot"),
        error_messages={"invalid_choice": _("Choose a later slot with a free place.")},
    )
    note = VisibleCharField(label=_("Reason"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        matter = self.matter
        if matter is None:
            return
        from .selectors import open_slots

        field = self.fields["slot"]
        assert isinstance(field, forms.ModelChoiceField)
        slot = matter.slot  # type: ignore[attr-defined]
        field.queryset = open_slots(procuratorate=slot.procuratorate, purpose=slot.purpose).exclude(
            pk=slot.pk
        )
        field.label_from_instance = lambda s: (  # type: ignore[method-assign,assignment]
            f"{timezone.localtime(s.starts_at):%Y-%m-%d %H:%M} · {s.place} ({s.places_left})"
        )


# -- file review --------------------------------------------------------------------------------


class FileReviewForm(forms.Form):
    """A lawyer binds themself to a case: its number, whom they act for, and three papers."""

    case_number = VisibleCharField(
        label=_("Case number"), max_length=64, help_text=_("E.g. 康检刑〔2026〕3号.")
    )
    client = VisibleCharField(
        label=_("Acting for"),
        max_length=64,
        help_text=_("The full name of the party you act for, as the case names them."),
    )
    authority = forms.ChoiceField(label=_("Your authority"), choices=Authority.choices)
    licence_file = PaperField(label=_("Practising certificate"))
    authority_file = PaperField(label=_("Power of attorney or legal-aid appointment letter"))
    firm_letter = PaperField(label=_("Law firm's letter"))


# -- complaints ---------------------------------------------------------------------------------


class ComplaintForm(forms.Form):
    procuratorate = NamedModelChoiceField(
        queryset=procuratorates(), label=_("Procuratorate complained to")
    )
    right = forms.ChoiceField(label=_("Right obstructed"), choices=Right.choices)
    case_reference = VisibleCharField(
        label=_("Case concerned"), max_length=100, required=False, help_text=_("Its case number.")
    )
    facts = VisibleCharField(
        label=_("Facts"),
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What happened, when, and who obstructed you."),
    )
    attachment = PaperField(label=_("Attachment"), required=False)


class DecisionForm(forms.Form):
    founded = forms.TypedChoiceField(
        label=_("Finding"),
        choices=[("yes", _("founded")), ("no", _("not founded"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    remedy = VisibleCharField(
        label=_("Remedy"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the procuratorate does to put it right."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("founded") and not (data.get("remedy") or "").strip():
            self.add_error("remedy", _("A founded complaint states the remedy."))
        return data


class ReplyForm(forms.Form):
    reply = VisibleCharField(label=_("Written reply"), widget=forms.Textarea(attrs={"rows": 6}))
