"""Organisations in a tree, and people's memberships in them, each with a role."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

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
    name = models.CharField(_("name"), max_length=128)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
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
        help_text=_("Overrides of the type code per matter type, e.g. {\"notices.notice\": \"协\"}."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["path"]
        indexes = [models.Index(fields=["kind", "division"])]
        constraints = [
            models.UniqueConstraint(
                fields=["uscc"], condition=~models.Q(uscc=""), name="orgs_unique_uscc"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        try:
            self.case_number_pattern.format(abbr="", code="", year=2000, seq=1)
        except (KeyError, IndexError, ValueError):
            raise ValidationError(
                {"case_number_pattern": _("Use only the placeholders {abbr}, {code}, {year}, {seq}.")}
            ) from None

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Keep the materialised path in step with the parent (an integrity detail, not logic)."""
        if self.pk is None:
            super().save(*args, **kwargs)
            kwargs = {k: v for k, v in kwargs.items() if k not in {"force_insert"}}
        parent_path = self.parent.path if self.parent_id and self.parent else "/"
        new_path = f"{parent_path}{self.pk}/"
        if new_path != self.path:
            old_path = self.path
            self.path = new_path
            if old_path:
                for child in Organisation.objects.filter(path__startswith=old_path).exclude(
                    pk=self.pk
                ):
                    child.path = new_path + child.path[len(old_path) :]
                    child.save(update_fields=["path"])
        super().save(*args, **kwargs)

    def descendants(self, include_self: bool = True) -> "models.QuerySet[Organisation]":
        qs = Organisation.objects.filter(path__startswith=self.path)
        return qs if include_self else qs.exclude(pk=self.pk)

    def display_name(self) -> str:
        return self.name


class Membership(models.Model):
    """A person's role in an organisation. One person may hold several."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    since = models.DateField(_("since"), auto_now_add=True)

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
                {"role": _("This role does not exist in an organisation of this kind.")}
            )
