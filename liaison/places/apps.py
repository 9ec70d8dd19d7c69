from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _forget_division(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A division saved or deleted through the ORM: every process reads the divisions again."""
    from .selectors import DIVISIONS

    DIVISIONS.forget()


class PlacesConfig(AppConfig):
    name = "liaison.places"
    label = "places"
    verbose_name = _("places")

    def ready(self) -> None:
        from .models import Division

        post_save.connect(_forget_division, sender=Division, dispatch_uid="places_forget_division")
        post_delete.connect(
            _forget_division, sender=Division, dispatch_uid="places_forget_division_deleted"
        )
