from typing import Any

from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _forget_jurisdiction(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """An organisation saved or deleted (its place, kind or activity may have changed): every
    process asks again which procuratorate serves a place, now and after commit."""
    from .selectors import JURISDICTION

    JURISDICTION.forget()
    transaction.on_commit(JURISDICTION.forget, using=using)


class OrgsConfig(AppConfig):
    name = "liaison.orgs"
    label = "orgs"
    verbose_name = _("orgs")

    def ready(self) -> None:
        from liaison.core import navigation

        from .models import Organisation
        from .selectors import administers_an_organisation

        for signal in (post_save, post_delete):
            signal.connect(
                _forget_jurisdiction,
                sender=Organisation,
                dispatch_uid=f"orgs.jurisdiction.{signal is post_save}",
            )

        navigation.register(
            navigation.NavEntry(
                "orgs:administered",
                _("Cooperation partners"),
                administers_an_organisation,
                order=85,
                testid="nav-partners",
                group=navigation.COOPERATION,
            )
        )
