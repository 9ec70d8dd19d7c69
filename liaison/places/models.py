"""China's administrative divisions (GB/T 2260), loaded from a maintained data package."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Division(models.Model):
    """A province, prefecture or county-level division, keyed by its 6-digit code."""

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("province")
        PREFECTURE = 2, _("prefecture")
        COUNTY = 3, _("county")

    code = models.CharField(_("division code"), max_length=6, primary_key=True)
    name = models.CharField(_("name"), max_length=64, db_index=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        verbose_name = _("administrative division")
        verbose_name_plural = _("administrative divisions")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def full_name(self) -> str:
        """Province, prefecture and county names joined, as an address starts."""
        names = []
        node: Division | None = self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return "".join(reversed(names))
