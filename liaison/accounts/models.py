"""People who use Liaison: staff of every organisation, lawyers, volunteers and citizens."""

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.core.masking import mask_name
from liaison.core.validators import (
    normalise_mobile,
    normalise_resident_id,
    validate_mobile,
    validate_resident_id,
)


class User(AbstractUser):
    """A person. What they may do comes from their memberships (``orgs.Membership``)."""

    name = models.CharField(
        pgettext_lazy("person", "name"), max_length=64, help_text=_("Full name, as on the ID card.")
    )
    name_en = models.CharField(pgettext_lazy("person", "English name"), max_length=128, blank=True)
    mobile = models.CharField(_("mobile"), max_length=11, blank=True, validators=[validate_mobile])
    resident_id = models.CharField(
        _("resident ID number"), max_length=18, blank=True, validators=[validate_resident_id]
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=[("zh-hans", "简体中文"), ("en", "English")],
        default="zh-hans",
        help_text=_("Language of emails and text messages sent to this person."),
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            # One person, one resident ID number: a second account with the same number is a
            # duplicate registration (the volunteers' portal refuses it with a clear message).
            models.UniqueConstraint(
                fields=["resident_id"],
                condition=~models.Q(resident_id=""),
                name="accounts_unique_resident_id",
                violation_error_code="resident_id_taken",
                violation_error_message=_(
                    "An account with this resident ID number already exists."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    def clean_fields(self, exclude: Any = None) -> None:
        """Store numbers the way the validators read them: "+86 139-0000-0000" as 13900000000,
        a final lower-case x as X. Normalising first also keeps a well-typed number with spaces
        from failing the length check."""
        if self.mobile:
            self.mobile = normalise_mobile(self.mobile)
        if self.resident_id:
            self.resident_id = normalise_resident_id(self.resident_id)
        super().clean_fields(exclude=exclude)

    @property
    def display_name(self) -> str:
        return self.name or self.get_full_name() or self.username

    @property
    def masked_name(self) -> str:
        """The name with all but its first character hidden, for people not entitled to it."""
        return mask_name(self.display_name)
