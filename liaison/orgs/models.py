"""Organisations in a tree, and people's memberships in them, each with a role."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.core.validators import validate_uscc

from .roles import OrganisationKind, Role, roles_for

DEFAULT_CASE_NUMBER_PATTERN = "{abbr}{code}〔{year}〕{seq}号"


class Organisation(models.Model):
    """A procuratorate, court, bureau, firm, agency or volunteer organisation.

    ``path`` is a materialised path of ancestor ids (``/1/5/9/``) so that "this organisation and
    everything below it" is one indexed ``LIKE`` query, which the figures of a higher
    procuratorate need at national scale.
    """

    class Level(models.TextChoices):
        NATIONAL = "national", _("national")
        PROVINCIAL = "provincial", _("provincial")
        MUNICIPAL = "municipal", _("municipal")
        COUNTY = "county", _("district or county")
        GRASSROOTS = "grassroots", _("grassroots")

    Kind = OrganisationKind

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent organisation"),
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    name = models.CharField(pgettext_lazy("organisation", "name"), max_length=128)
    name_en = models.CharField(
        pgettext_lazy("organisation", "English name"), max_length=200, blank=True
    )
    abbreviation = models.CharField(
        _("case-number abbreviation"),
        max_length=16,
        blank=True,
        help_text=_("The short name that opens this organisation's case numbers, e.g. 康检."),
    )
    division = models.ForeignKey(
        "places.Division",
        on_delete=models.PROTECT,
        verbose_name=_("administrative division"),
        related_name="organisations",
    )
    uscc = models.CharField(
        _("unified social credit code"), max_length=18, blank=True, validators=[validate_uscc]
    )
    case_number_pattern = models.CharField(
        _("case-number pattern"),
        max_length=64,
        default=DEFAULT_CASE_NUMBER_PATTERN,
        help_text=_("Placeholders: {abbr}, {code}, {year}, {seq}."),
    )
    case_type_codes = models.JSONField(
        _("case type codes"),
        default=dict,
        blank=True,
        help_text=_('Overrides of the type code per matter type, e.g. {"notices.notice": "协"}.'),
    )
    is_active = models.BooleanField(_("active"), default=True)
    works_with_own_area = models.BooleanField(
        _("works with organisations in its area"),
        default=False,
        help_text=_(
            "Besides the organisations it has a cooperation relation with, it may send notices "
            "to every organisation in its own area: its province, city or county, as its level "
            "is, and everything below it."
        ),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["path"]
        indexes = [models.Index(fields=["kind", "division"])]
        constraints = [
            models.UniqueConstraint(
                fields=["uscc"],
                condition=~models.Q(uscc=""),
                name="orgs_unique_uscc",
                violation_error_code="uscc_taken",
                violation_error_message=_(
                    "Another organisation already has this unified social credit code."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Keep the materialised path in step with the parent, moving the whole subtree with it.

        The parent's path is read from the database, not from a possibly stale parent object, and
        the subtree is rewritten in one UPDATE so every descendant moves together.
        """
        if self.pk is None:
            super().save(*args, **kwargs)
            kwargs = {k: v for k, v in kwargs.items() if k not in {"force_insert"}}
        parent_path = "/"
        if self.parent_id is not None:
            parent_path = (
                Organisation.objects.filter(pk=self.parent_id).values_list("path", flat=True).get()
            )
        new_path = f"{parent_path}{self.pk}/"
        old_path = self.path
        if new_path != old_path:
            self.path = new_path
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "path"}
        super().save(*args, **kwargs)
        if old_path and new_path != old_path:
            Organisation.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                path=Concat(
                    models.Value(new_path),
                    Substr("path", len(old_path) + 1),
                    output_field=models.CharField(),
                )
            )

    def clean_fields(self, exclude: Any = None) -> None:
        """Store the credit code as the validator reads it, so uniqueness compares alike."""
        self.uscc = (self.uscc or "").strip().replace(" ", "").upper()
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        try:
            self.case_number_pattern.format(abbr="", code="", year=2000, seq=1)
        except (KeyError, IndexError, ValueError):
            errors["case_number_pattern"] = _(
                "Use only the placeholders {abbr}, {code}, {year}, {seq}."
            )
        if self.pk is not None and self.parent_id is not None:
            parent_path = (
                Organisation.objects.filter(pk=self.parent_id)
                .values_list("path", flat=True)
                .first()
            )
            if self.parent_id == self.pk or (
                parent_path and self.path and parent_path.startswith(self.path)
            ):
                errors["parent"] = _(
                    "An organisation cannot sit below itself or below one of its own "
                    "sub-organisations."
                )
        if self.pk is not None and self.kind:
            misfits = (
                Membership.objects.filter(organisation=self, is_active=True)
                .exclude(role__in=roles_for(self.kind))
                .exists()
            )
            if misfits:
                errors["kind"] = _(
                    "Some active members hold roles that an organisation of this kind does not "
                    "have; revoke those memberships first."
                )
        if errors:
            raise ValidationError(errors)

    def descendants(self, include_self: bool = True) -> "models.QuerySet[Organisation]":
        """This organisation and everything below it (one indexed prefix query on ``path``)."""
        if not self.path:
            raise ValueError("an unsaved organisation has no place in the tree yet")
        qs = Organisation.objects.filter(path__startswith=self.path)
        return qs if include_self else qs.exclude(pk=self.pk)

    def display_name(self) -> str:
        return self.name

    @property
    def area_prefix(self) -> str:
        """The division-code prefix of its area at its level: a province's first two digits, a
        city's four, a county's (or a grassroots organisation's) six; the whole country's none."""
        return self.division_id[: _AREA_DIGITS.get(self.level, 6)]


_AREA_DIGITS: dict[str, int] = {
    Organisation.Level.NATIONAL: 0,
    Organisation.Level.PROVINCIAL: 2,
    Organisation.Level.MUNICIPAL: 4,
}


class CooperationQuerySet(models.QuerySet["Cooperation"]):
    def active(self) -> "CooperationQuerySet":
        return self.filter(is_active=True)

    def of(self, organisation: Organisation) -> "CooperationQuerySet":
        return self.filter(models.Q(first=organisation) | models.Q(second=organisation))


class Cooperation(models.Model):
    """Two organisations that work together under a cooperation mechanism, either way round
    (stored with the lower id first, so that a pair is one row). Started and ended through
    ``actions.cooperation_start`` and ``cooperation_end``; an ended one stays, dated, as history.
    Whom an organisation may send notices to follows from it
    (``selectors.organisations_reachable_from``)."""

    first = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    second = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("partner organisation"),
    )
    agreement = models.CharField(
        _("agreement"),
        max_length=200,
        blank=True,
        help_text=_(
            "The document the cooperation rests on, e.g. 《关于建立公益诉讼协作配合机制的意见》."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True, editable=False)
    started_on = models.DateField(_("since"), auto_now_add=True)
    ended_on = models.DateField(_("until"), null=True, blank=True, editable=False)

    objects = CooperationQuerySet.as_manager()

    class Meta:
        verbose_name = _("cooperation")
        verbose_name_plural = _("cooperations")
        ordering = ["-is_active", "first", "second"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")),
                name="orgs_cooperation_ordered_pair",
                violation_error_message=_("An organisation does not cooperate with itself."),
            ),
            models.UniqueConstraint(
                fields=["first", "second"],
                condition=models.Q(is_active=True),
                name="orgs_cooperation_unique_active",
                violation_error_message=_("These two organisations already cooperate."),
            ),
        ]
        indexes = [models.Index(fields=["second", "is_active"])]

    def __str__(self) -> str:
        return f"{self.first} ⇄ {self.second}"

    def other(self, organisation: Organisation) -> Organisation:
        return self.second if organisation.pk == self.first_id else self.first


class Membership(models.Model):
    """A person's role in an organisation. One person may hold several."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    since = models.DateField(_("since"), auto_now_add=True)
    until = models.DateField(
        _("until"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the membership was revoked; it is kept, not deleted, as history."),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "role"], name="orgs_membership_unique_role"
            )
        ]
        indexes = [models.Index(fields=["organisation", "role"])]

    def __str__(self) -> str:
        return f"{self.person} · {self.organisation} · {self.get_role_display()}"

    def clean(self) -> None:
        if self.organisation_id and self.role not in roles_for(self.organisation.kind):
            raise ValidationError(
                {"role": _("This role does not exist in an organisation of this kind.")},
                code="role_not_in_catalogue",
            )
